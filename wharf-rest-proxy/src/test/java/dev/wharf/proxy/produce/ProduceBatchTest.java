package dev.wharf.proxy.produce;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.core.http.Json;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.junit.jupiter.api.Test;

/** The v2 produce answer is Confluent's shape, byte for byte as Jackson writes it. */
class ProduceBatchTest {

  @Test
  void acknowledgedRecordsAnswerWithPartitionsAndOffsetsInRequestOrder() throws Exception {
    ProduceBatch batch = new ProduceBatch(3);
    batch.callback(2).onCompletion(metadata(1, 9_000_000_000L), null);
    batch.callback(0).onCompletion(metadata(0, 0), null);
    batch.callback(1).onCompletion(metadata(2, 41), null);
    assertThat(batch.done()).isCompleted();

    String body = new String(batch.v2Body(null, 7), StandardCharsets.UTF_8);
    assertThat(body)
        .isEqualTo(
            "{\"key_schema_id\":null,\"value_schema_id\":7,\"offsets\":["
                + "{\"partition\":0,\"offset\":0,\"error_code\":null,\"error\":null},"
                + "{\"partition\":2,\"offset\":41,\"error_code\":null,\"error\":null},"
                + "{\"partition\":1,\"offset\":9000000000,\"error_code\":null,\"error\":null}]}");
    JsonNode parsed = Json.mapper().readTree(body);
    assertThat(Json.mapper().writeValueAsString(parsed)).isEqualTo(body);
  }

  @Test
  void aRejectedRecordCarriesItsErrorBesideTheOthersOffsets() throws Exception {
    ProduceBatch batch = new ProduceBatch(2);
    batch.callback(0).onCompletion(metadata(0, 5), null);
    batch.callback(1).onCompletion(null, new RecordTooLargeException("too \"large\""));

    JsonNode body = Json.mapper().readTree(batch.v2Body(null, null));
    assertThat(body.at("/offsets/0/offset").asLong()).isEqualTo(5);
    assertThat(body.at("/offsets/1/offset").isNull()).isTrue();
    assertThat(body.at("/offsets/1/error_code").asInt()).isPositive();
    assertThat(body.at("/offsets/1/error").asText()).isEqualTo("too \"large\"");
  }

  private static RecordMetadata metadata(int partition, long offset) {
    return new RecordMetadata(new TopicPartition("t", partition), offset, 0, 0L, 0, 0);
  }
}
