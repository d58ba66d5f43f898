package dev.wharf.connect.rest;

import dev.wharf.connect.herder.ConflictException;
import dev.wharf.connect.herder.NotFoundException;
import dev.wharf.connect.plugins.UnknownPluginException;
import dev.wharf.connect.validation.InvalidRequestException;
import dev.wharf.core.http.HttpError;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Maps the herder's typed errors to Apache Kafka Connect's statuses and {@code {"error_code",
 * "message"}} bodies, once, at the HTTP edge.
 */
final class ConnectErrors {
  private ConnectErrors() {}

  static HttpError translate(Throwable error) {
    if (error instanceof NotFoundException || error instanceof UnknownPluginException) {
      return new HttpError(404, error.getMessage());
    }
    if (error instanceof ConflictException) {
      return new HttpError(409, error.getMessage());
    }
    if (error instanceof InvalidRequestException || error instanceof ConfigException) {
      return new HttpError(400, error.getMessage());
    }
    if (error instanceof ConnectException) {
      return new HttpError(500, error.getMessage() == null ? "Request failed" : error.getMessage());
    }
    return null;
  }
}
