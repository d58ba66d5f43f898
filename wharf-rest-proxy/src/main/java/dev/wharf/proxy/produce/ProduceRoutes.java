package dev.wharf.proxy.produce;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.core.http.Responses;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.http.Params;
import dev.wharf.proxy.kafka.KafkaErrors;
import dev.wharf.proxy.metadata.ClusterAdmin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The v2 produce endpoints, {@code POST /topics/{topic}} and {@code
 * /topics/{topic}/partitions/{partition}}. The request's Content-Type picks the embedded format;
 * the response lists one result per record in request order, and a record Kafka rejected carries
 * its {@code error_code} and {@code error} inside the 200, as Confluent does.
 */
public final class ProduceRoutes {
  private final SharedProducer producer;
  private final PartitionCounts partitions;

  public ProduceRoutes(SharedProducer producer, PartitionCounts partitions) {
    this.producer = producer;
    this.partitions = partitions;
  }

  public void register(RoutesConfig routes) {
    routes.post("/topics/{topic}", ctx -> produce(ctx, null));
    routes.post(
        "/topics/{topic}/partitions/{partition}",
        ctx -> produce(ctx, Params.partition(ctx, "partition", ctx.pathParam("topic"))));
  }

  /** One record of the request, encoded, with the partition it asked for (or null). */
  @SuppressWarnings("ArrayRecordComponent") // never compared or hashed, only sent
  private record Outgoing(byte[] key, byte[] value, Integer partition) {}

  private void produce(Context ctx, Integer pathPartition) {
    String topic = ctx.pathParam("topic");
    String responseType = MediaTypes.v2Response(ctx);
    EmbeddedFormat format = formatOf(ctx);
    List<Outgoing> records = parse(RequestBodies.jsonOrNull(ctx), format, pathPartition);
    ctx.future(
        () ->
            partitions
                .of(topic)
                .thenCompose(
                    count -> {
                      for (Outgoing record : records) {
                        if (record.partition() != null
                            && (record.partition() < 0 || record.partition() >= count)) {
                          throw ClusterAdmin.partitionNotFound(topic, record.partition());
                        }
                      }
                      return send(topic, records);
                    })
                .thenAccept(
                    offsets -> {
                      Map<String, Object> body = new LinkedHashMap<>();
                      body.put("key_schema_id", null);
                      body.put("value_schema_id", null);
                      body.put("offsets", offsets);
                      Responses.json(ctx, 200, responseType, body);
                    }));
  }

  private CompletableFuture<List<Map<String, Object>>> send(String topic, List<Outgoing> records) {
    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>(records.size());
    for (Outgoing record : records) {
      results.add(
          producer
              .send(new ProducerRecord<>(topic, record.partition(), record.key(), record.value()))
              .handle(
                  (metadata, error) -> {
                    Map<String, Object> result = new LinkedHashMap<>();
                    if (error == null) {
                      result.put("partition", metadata.partition());
                      result.put("offset", metadata.offset());
                      result.put("error_code", null);
                      result.put("error", null);
                    } else {
                      result.put("partition", null);
                      result.put("offset", null);
                      result.put("error_code", KafkaErrors.recordErrorCode(error));
                      result.put("error", String.valueOf(error.getMessage()));
                    }
                    return result;
                  }));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(ignored -> results.stream().map(CompletableFuture::join).toList());
  }

  private static EmbeddedFormat formatOf(Context ctx) {
    String mediaType = RequestBodies.mediaType(ctx);
    var schemaFormat = EmbeddedFormats.schemaFormatOf(mediaType);
    if (schemaFormat.isPresent()) {
      throw EmbeddedFormats.unsupported(415, schemaFormat.get());
    }
    return EmbeddedFormats.byMediaType(mediaType)
        .orElseThrow(
            () ->
                RequestBodies.unsupportedMediaType(
                    ctx, List.of(MediaTypes.BINARY_V2, MediaTypes.JSON_V2)));
  }

  private static List<Outgoing> parse(JsonNode body, EmbeddedFormat format, Integer pathPartition) {
    if (body == null) {
      throw new HttpError(422, 42206, "Payload error. Request body is empty. Data is required.");
    }
    JsonNode records = body.get("records");
    if (!body.isObject() || records == null || !records.isArray()) {
      throw HttpError.badRequest("The request body must be an object with a 'records' array");
    }
    if (records.isEmpty()) {
      throw HttpError.unprocessable("records may not be empty");
    }
    List<Outgoing> result = new ArrayList<>(records.size());
    for (int i = 0; i < records.size(); i++) {
      JsonNode record = records.get(i);
      String where = "records[" + i + "]";
      if (!record.isObject()) {
        throw HttpError.badRequest(where + " must be an object");
      }
      Integer partition = pathPartition;
      JsonNode partitionNode = record.get("partition");
      if (pathPartition == null && partitionNode != null && !partitionNode.isNull()) {
        if (!partitionNode.canConvertToInt() || !partitionNode.isIntegralNumber()) {
          throw HttpError.badRequest(where + ".partition must be an integer");
        }
        partition = partitionNode.intValue();
      }
      result.add(
          new Outgoing(
              format.encode(record.get("key"), where + ".key"),
              format.encode(record.get("value"), where + ".value"),
              partition));
    }
    return result;
  }
}
