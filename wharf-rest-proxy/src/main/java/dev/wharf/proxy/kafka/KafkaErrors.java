package dev.wharf.proxy.kafka;

import dev.wharf.core.http.HttpError;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.BrokerNotAvailableException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.InvalidConfigurationException;
import org.apache.kafka.common.errors.InvalidPartitionsException;
import org.apache.kafka.common.errors.InvalidReplicationFactorException;
import org.apache.kafka.common.errors.InvalidRequestException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.PolicyViolationException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.ThrottlingQuotaExceededException;
import org.apache.kafka.common.errors.TopicDeletionDisabledException;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.errors.UnsupportedVersionException;

/**
 * Maps Kafka client exceptions to Confluent REST Proxy's statuses and error codes, by exception
 * type (never by message text). Installed as the HTTP edge's error translator, so any Kafka
 * exception that escapes a handler gets the peer's answer rather than a bare 500.
 */
public final class KafkaErrors {
  private KafkaErrors() {}

  /** The peer error for {@code error}, or {@code null} when it is not a Kafka exception. */
  public static HttpError translate(Throwable error) {
    if (!(error instanceof KafkaException)) {
      return null;
    }
    String message = String.valueOf(error.getMessage());
    if (error instanceof TopicExistsException
        || error instanceof InvalidReplicationFactorException
        || error instanceof InvalidPartitionsException
        || error instanceof PolicyViolationException
        || error instanceof InvalidConfigurationException
        || error instanceof InvalidRequestException
        || error instanceof UnsupportedVersionException
        || error instanceof TopicDeletionDisabledException
        || error instanceof InvalidTopicException) {
      return new HttpError(400, 40002, message);
    }
    if (error instanceof AuthenticationException) {
      return new HttpError(401, 40101, "Authentication error: " + message);
    }
    if (error instanceof AuthorizationException) {
      return new HttpError(403, 40301, "Authorization error: " + message);
    }
    if (error instanceof UnknownTopicOrPartitionException) {
      return new HttpError(404, 40403, message);
    }
    if (error instanceof GroupIdNotFoundException) {
      return new HttpError(404, 40405, message);
    }
    if (error instanceof SerializationException) {
      return new HttpError(408, 40801, message);
    }
    if (error instanceof RecordTooLargeException) {
      return new HttpError(413, 413, message);
    }
    if (error instanceof ThrottlingQuotaExceededException) {
      return new HttpError(429, 42901, message);
    }
    if (error instanceof BrokerNotAvailableException) {
      return new HttpError(503, 50302, message);
    }
    if (error instanceof RetriableException) {
      return new HttpError(500, 50003, "Retriable Kafka error: " + message);
    }
    return new HttpError(500, 50002, "Kafka error: " + message);
  }

  /** The error code Confluent puts inside a 200 produce response for one failed record. */
  public static int recordErrorCode(Throwable error) {
    if (error instanceof AuthenticationException) {
      return 40101;
    }
    if (error instanceof AuthorizationException) {
      return 40301;
    }
    return error instanceof RetriableException ? 50003 : 50002;
  }
}
