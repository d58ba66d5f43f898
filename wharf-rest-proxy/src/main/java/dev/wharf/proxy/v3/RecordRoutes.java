package dev.wharf.proxy.v3;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import dev.wharf.core.http.HttpError;
import dev.wharf.core.http.Json;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.kafka.KafkaErrors;
import dev.wharf.proxy.produce.PartitionCounts;
import dev.wharf.proxy.produce.SharedProducer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * v3 produce: {@code POST .../topics/{topic}/records} takes one record or a stream of concatenated
 * records (sent chunked) and answers one delivery report per record, in order, each with its own
 * {@code error_code} since the status is 200 once the first report is out; {@code
 * .../records:batch} takes up to {@code api.v3.produce.batch.maximum.entries} entries and answers
 * 207 with successes and failures by entry id.
 */
final class RecordRoutes implements AutoCloseable {
  private static final String RECORDS = "/v3/clusters/{cluster_id}/topics/{topic_name}/records";

  private final V3Context v3;
  private final SharedProducer producer;
  private final PartitionCounts partitionCounts;
  private final int maxBatchEntries;
  private final long maxRecordBytes;
  private final SchemaFormats schemaFormats;
  private final ExecutorService writers =
      Executors.newCachedThreadPool(
          runnable -> {
            Thread thread = new Thread(runnable, "wharf-proxy-v3-report-writer");
            thread.setDaemon(true);
            return thread;
          });

  RecordRoutes(
      V3Context v3,
      SharedProducer producer,
      PartitionCounts partitionCounts,
      int maxBatchEntries,
      long maxRecordBytes,
      SchemaFormats schemaFormats) {
    this.schemaFormats = schemaFormats;
    this.v3 = v3;
    this.producer = producer;
    this.partitionCounts = partitionCounts;
    this.maxBatchEntries = maxBatchEntries;
    this.maxRecordBytes = maxRecordBytes;
  }

  void register(RoutesConfig routes) {
    routes.post(RECORDS, this::produce);
    routes.post(RECORDS + ":batch", this::batch);
  }

  private void produce(Context ctx) throws IOException, InterruptedException {
    RequestBodies.requireMediaType(ctx, List.of(MediaTypes.JSON));
    MediaTypes.v3Response(ctx);
    String topic = ctx.pathParam("topic_name");
    // This handler reads the request as a stream, so it blocks its thread for the stream's life.
    String clusterId = v3.links(ctx).join().clusterId();
    int partitions = partitionCounts.of(topic).join();
    WindowedInputStream in = new WindowedInputStream(ctx.req().getInputStream(), maxRecordBytes);
    ReportStream reports = null;
    try (MappingIterator<JsonNode> records =
        Json.mapper().readerFor(JsonNode.class).readValues(in)) {
      while (true) {
        JsonNode json;
        try {
          if (!records.hasNextValue()) {
            break;
          }
          json = records.nextValue();
        } catch (IOException e) {
          HttpError error = readError(e);
          if (reports == null) {
            throw error;
          }
          reports.append(CompletableFuture.completedFuture(errorReport(error)));
          break;
        }
        in.restart();
        CompletableFuture<Map<String, Object>> report;
        try {
          V3Record record = V3Record.parse(topic, json, partitions, schemaFormats);
          report = send(record, clusterId);
        } catch (HttpError e) {
          if (reports == null) {
            throw e;
          }
          report = CompletableFuture.completedFuture(errorReport(e));
        }
        if (reports == null) {
          ctx.status(200).contentType(MediaTypes.JSON);
          reports = new ReportStream(ctx.res().getOutputStream(), writers);
        }
        reports.append(report);
      }
    }
    if (reports == null) {
      throw new HttpError(422, 42206, "Payload error. Request body is empty. Data is required.");
    }
    reports.done().exceptionally(error -> null).join();
  }

  private CompletableFuture<Map<String, Object>> send(V3Record record, String clusterId) {
    return producer
        .send(record.record())
        .handle(
            (metadata, error) ->
                error == null
                    ? record.report(
                        clusterId, metadata.offset(), metadata.partition(), metadata.timestamp())
                    : errorReport(KafkaErrors.translate(error)));
  }

  private void batch(Context ctx) {
    JsonNode body = V3Bodies.required(ctx);
    String topic = ctx.pathParam("topic_name");
    List<JsonNode> entries = V3Bodies.objects(body.path("entries"), "entries");
    if (entries.isEmpty()) {
      throw new HttpError(422, 42208, "Empty batch.");
    }
    if (entries.size() > maxBatchEntries) {
      throw new HttpError(
          422,
          42208,
          "Too many entries in batch: " + entries.size() + ", at most " + maxBatchEntries + ".");
    }
    Set<String> ids = new HashSet<>();
    for (JsonNode entry : entries) {
      String id = entry.path("id").asText("");
      if (id.isEmpty() || id.length() > 80) {
        throw new HttpError(422, 42208, "Every batch entry needs an 'id' of 1 to 80 characters.");
      }
      if (!ids.add(id)) {
        throw new HttpError(422, 42208, "Batch entry IDs are not distinct.");
      }
    }
    v3.respond(
        ctx,
        207,
        links ->
            partitionCounts
                .of(topic)
                .thenCompose(partitions -> sendBatch(links, topic, entries, partitions)));
  }

  private CompletableFuture<Map<String, Object>> sendBatch(
      V3Links links, String topic, List<JsonNode> entries, int partitions) {
    List<CompletableFuture<Map<String, Object>>> results = new ArrayList<>();
    for (JsonNode entry : entries) {
      String id = entry.get("id").asText();
      CompletableFuture<Map<String, Object>> result;
      try {
        result = send(V3Record.parse(topic, entry, partitions, schemaFormats), links.clusterId());
      } catch (HttpError e) {
        result = CompletableFuture.completedFuture(errorReport(e));
      }
      results.add(result.thenApply(report -> withId(id, report)));
    }
    return CompletableFuture.allOf(results.toArray(CompletableFuture[]::new))
        .thenApply(
            ignored -> {
              List<Map<String, Object>> successes = new ArrayList<>();
              List<Map<String, Object>> failures = new ArrayList<>();
              for (CompletableFuture<Map<String, Object>> result : results) {
                Map<String, Object> report = result.join();
                if (Integer.valueOf(200).equals(report.get("error_code"))) {
                  report.remove("error_code");
                  successes.add(report);
                } else {
                  failures.add(report);
                }
              }
              Map<String, Object> answer = new LinkedHashMap<>();
              answer.put("successes", successes);
              answer.put("failures", failures);
              return answer;
            });
  }

  private static Map<String, Object> withId(String id, Map<String, Object> report) {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("id", id);
    result.putAll(report);
    return result;
  }

  private HttpError readError(IOException e) {
    if (e instanceof WindowedInputStream.TooLarge
        || e.getCause() instanceof WindowedInputStream.TooLarge) {
      return new HttpError(413, "HTTP 413 Request Entity Too Large: " + e.getMessage());
    }
    String message =
        e.getMessage() == null ? "unreadable input" : e.getMessage().lines().findFirst().orElse("");
    return HttpError.badRequest("Bad Request: malformed JSON record: " + message);
  }

  private static Map<String, Object> errorReport(HttpError error) {
    Map<String, Object> report = new LinkedHashMap<>();
    report.put("error_code", error.errorCode());
    report.put("message", error.getMessage());
    return report;
  }

  @Override
  public void close() {
    writers.shutdownNow();
  }
}
