package dev.wharf.proxy.produce;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.wharf.core.http.Json;
import dev.wharf.proxy.kafka.KafkaErrors;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Callback;

/**
 * The results of one v2 produce request's records, filled in by the producer's callbacks in
 * whatever order Kafka acknowledges them and answered in request order. It replaces a future per
 * record: one request is a few arrays and one counter, and {@link #done()} completes once, when the
 * last record is acknowledged or rejected.
 */
final class ProduceBatch {
  private final int[] partitions;
  private final long[] offsets;
  private final Exception[] errors;
  private final AtomicInteger pending;
  private final CompletableFuture<ProduceBatch> done = new CompletableFuture<>();

  ProduceBatch(int size) {
    this.partitions = new int[size];
    this.offsets = new long[size];
    this.errors = new Exception[size];
    this.pending = new AtomicInteger(size);
  }

  /** The callback for the record at {@code index} of the request. */
  Callback callback(int index) {
    return (metadata, error) -> {
      if (error == null) {
        partitions[index] = metadata.partition();
        offsets[index] = metadata.offset();
      } else {
        errors[index] = error;
      }
      // The decrement publishes this record's result to whoever sees the count reach zero.
      if (pending.decrementAndGet() == 0) {
        done.complete(this);
      }
    };
  }

  /** Completes, on the thread of the last callback, once every record has its result. */
  CompletableFuture<ProduceBatch> done() {
    return done;
  }

  /**
   * The v2 answer: {@code {"key_schema_id":..,"value_schema_id":..,"offsets":[...]}}, one entry per
   * record with its partition and offset, or its {@code error_code} and {@code error}; the schema
   * ids are null unless the request's format used a schema.
   */
  byte[] v2Body(Integer keySchemaId, Integer valueSchemaId) {
    return allAcknowledged()
        ? acknowledgedBody(keySchemaId, valueSchemaId)
        : generatedBody(keySchemaId, valueSchemaId);
  }

  private boolean allAcknowledged() {
    for (Exception error : errors) {
      if (error != null) {
        return false;
      }
    }
    return true;
  }

  /**
   * The answer when every record was acknowledged: only names, numbers and nulls, so it is written
   * as ASCII text directly, the same bytes Jackson's generator writes, at a fraction of its cost.
   */
  private byte[] acknowledgedBody(Integer keySchemaId, Integer valueSchemaId) {
    StringBuilder out = new StringBuilder(64 + 64 * partitions.length);
    // StringBuilder writes a null Integer as null, as the JSON needs.
    out.append("{\"key_schema_id\":")
        .append(keySchemaId)
        .append(",\"value_schema_id\":")
        .append(valueSchemaId)
        .append(",\"offsets\":[");
    for (int i = 0; i < partitions.length; i++) {
      if (i > 0) {
        out.append(',');
      }
      out.append("{\"partition\":")
          .append(partitions[i])
          .append(",\"offset\":")
          .append(offsets[i])
          .append(",\"error_code\":null,\"error\":null}");
    }
    // ASCII only, so Latin-1 gives the same bytes: a plain copy of the string's own bytes, where
    // US-ASCII checks every character.
    return out.append("]}").toString().getBytes(StandardCharsets.ISO_8859_1);
  }

  private byte[] generatedBody(Integer keySchemaId, Integer valueSchemaId) {
    ByteArrayBuilder out = new ByteArrayBuilder(64 + 64 * partitions.length);
    try (JsonGenerator json = Json.mapper().getFactory().createGenerator(out)) {
      json.writeStartObject();
      writeId(json, "key_schema_id", keySchemaId);
      writeId(json, "value_schema_id", valueSchemaId);
      json.writeArrayFieldStart("offsets");
      for (int i = 0; i < partitions.length; i++) {
        json.writeStartObject();
        Exception error = errors[i];
        if (error == null) {
          json.writeNumberField("partition", partitions[i]);
          json.writeNumberField("offset", offsets[i]);
          json.writeNullField("error_code");
          json.writeNullField("error");
        } else {
          json.writeNullField("partition");
          json.writeNullField("offset");
          json.writeNumberField("error_code", KafkaErrors.recordErrorCode(error));
          json.writeStringField("error", String.valueOf(error.getMessage()));
        }
        json.writeEndObject();
      }
      json.writeEndArray();
      json.writeEndObject();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write a produce response", e);
    }
    return out.toByteArray();
  }

  private static void writeId(JsonGenerator json, String field, Integer id) throws IOException {
    if (id == null) {
      json.writeNullField(field);
    } else {
      json.writeNumberField(field, id);
    }
  }
}
