package dev.wharf.proxy.consumer;

import dev.wharf.core.http.HttpError;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.http.MediaTypes;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Routes {@code GET .../records} by the Accept header, as Confluent does: an embedded media type
 * names the format the client expects, {@code application/vnd.kafka.v2+json} means binary, and a
 * wildcard or {@code application/json} takes the instance's own format. A format other than the
 * instance's is 406/40601; a type that names no format at all is 406.
 */
final class RecordsAccept {
  private RecordsAccept() {}

  /** The response's content type: the media type of the instance's format. */
  static String negotiate(Context ctx, ConsumerInstance instance) {
    EmbeddedFormat own = instance.format();
    for (MediaTypes.Accepted accepted : MediaTypes.accepted(ctx)) {
      Optional<EmbeddedFormat> requested = requestedFormat(accepted.type(), own);
      if (requested.isPresent()) {
        if (requested.get() != own) {
          throw mismatch(instance, accepted.type());
        }
        return own.mediaType();
      }
      if (EmbeddedFormats.schemaFormatOf(accepted.type()).isPresent()) {
        throw mismatch(instance, accepted.type());
      }
    }
    throw MediaTypes.notAcceptable(ctx);
  }

  private static Optional<EmbeddedFormat> requestedFormat(String type, EmbeddedFormat own) {
    if (type.equals(own.mediaType())) {
      return Optional.of(own);
    }
    Optional<EmbeddedFormat> embedded = EmbeddedFormats.byMediaType(type);
    if (embedded.isPresent()) {
      return embedded;
    }
    if (type.equals(MediaTypes.V2)) {
      return Optional.of(EmbeddedFormats.BINARY);
    }
    if (type.equals("*/*") || type.equals("application/*") || type.equals(MediaTypes.JSON)) {
      return Optional.of(own);
    }
    return Optional.empty();
  }

  private static HttpError mismatch(ConsumerInstance instance, String type) {
    return new HttpError(
        406,
        40601,
        "The requested embedded data format does not match the deserializer for this consumer"
            + " instance: "
            + type
            + " was asked of consumer instance "
            + instance.id()
            + ", which reads "
            + instance.format().name());
  }
}
