package dev.wharf.connect.worker;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;

/** A task's key, value and header converters, configured and ready. */
public record RecordConverters(Converter key, Converter value, HeaderConverter header)
    implements AutoCloseable {

  /** The key converter's class as error reports name it (the converter doing the work). */
  Class<?> keyClass() {
    return EnvelopeJsonConverter.converterClass(key);
  }

  /** The value converter's class as error reports name it. */
  Class<?> valueClass() {
    return EnvelopeJsonConverter.converterClass(value);
  }

  /** Connect headers to Kafka headers, each through the header converter. */
  Headers toKafkaHeaders(String topic, Iterable<org.apache.kafka.connect.header.Header> headers) {
    RecordHeaders result = new RecordHeaders();
    if (headers != null) {
      for (org.apache.kafka.connect.header.Header h : headers) {
        result.add(h.key(), header.fromConnectHeader(topic, h.key(), h.schema(), h.value()));
      }
    }
    return result;
  }

  /** Kafka headers to Connect headers, each through the header converter. */
  ConnectHeaders toConnectHeaders(String topic, Headers headers) {
    ConnectHeaders result = new ConnectHeaders();
    for (Header h : headers) {
      org.apache.kafka.connect.data.SchemaAndValue converted =
          header.toConnectHeader(topic, h.key(), h.value());
      result.add(h.key(), converted);
    }
    return result;
  }

  @Override
  public void close() {
    Utils.closeQuietly(key, "key converter");
    Utils.closeQuietly(value, "value converter");
    Utils.closeQuietly(header, "header converter");
  }
}
