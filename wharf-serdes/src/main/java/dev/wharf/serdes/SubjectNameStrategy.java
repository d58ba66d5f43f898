package dev.wharf.serdes;

import java.util.Locale;
import org.apache.kafka.common.config.ConfigException;

/**
 * How a serializer names the subject of a record's schema, as Confluent's {@code
 * key.subject.name.strategy} / {@code value.subject.name.strategy} do: by topic ({@code topic-key},
 * {@code topic-value}), by the record's full name, or by both ({@code topic-fullname}).
 */
public enum SubjectNameStrategy {
  TOPIC_NAME,
  RECORD_NAME,
  TOPIC_RECORD_NAME;

  /**
   * The strategy a config value names: Confluent's class names ({@code
   * io.confluent.kafka.serializers.subject.TopicNameStrategy}, ...) or just their simple names.
   */
  public static SubjectNameStrategy fromConfig(String key, String value) {
    if (value == null || value.isBlank()) {
      return TOPIC_NAME;
    }
    String simple = value.substring(value.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
    switch (simple) {
      case "topicnamestrategy":
        return TOPIC_NAME;
      case "recordnamestrategy":
        return RECORD_NAME;
      case "topicrecordnamestrategy":
        return TOPIC_RECORD_NAME;
      default:
        throw new ConfigException(
            key, value, "must be TopicNameStrategy, RecordNameStrategy or TopicRecordNameStrategy");
    }
  }

  /**
   * The subject for a record of {@code topic}.
   *
   * @param recordName the schema's full name; needed by the record-name strategies
   */
  public String subject(String topic, boolean isKey, String recordName) {
    switch (this) {
      case RECORD_NAME:
        return requireName(recordName);
      case TOPIC_RECORD_NAME:
        return topic + "-" + requireName(recordName);
      default:
        return topic + (isKey ? "-key" : "-value");
    }
  }

  private String requireName(String recordName) {
    if (recordName == null || recordName.isEmpty()) {
      throw new org.apache.kafka.common.errors.SerializationException(
          this + " needs a named schema (an Avro record, enum or fixed, or a JSON Schema title)");
    }
    return recordName;
  }
}
