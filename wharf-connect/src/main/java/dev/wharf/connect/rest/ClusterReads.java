package dev.wharf.connect.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.wharf.connect.cluster.PeerReads;
import dev.wharf.connect.herder.Cluster;
import dev.wharf.connect.storage.TaskId;
import dev.wharf.core.http.Json;
import io.javalin.http.Context;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * How the observability endpoints reach the rest of a Connect cluster: which other worker runs a
 * connector or task (from the cluster's assignment, which every worker holds), and reads of those
 * workers' own views in parallel. A request carrying {@code forward=false} asks for the receiving
 * worker's own view, so a read is never passed on twice. A worker that does not answer is named in
 * the result instead of failing the whole answer.
 */
final class ClusterReads {
  /** The header naming the workers whose part is missing from an answer, comma-separated. */
  static final String UNAVAILABLE_HEADER = "Wharf-Unavailable-Workers";

  private final Cluster cluster;
  private final PeerReads peers;

  ClusterReads(Cluster cluster, PeerReads peers) {
    this.cluster = cluster;
    this.peers = peers;
  }

  /** What a worker answered, or why it did not. */
  record Answer(String url, JsonNode body, String error) {
    String workerId() {
      return PeerReads.workerId(url);
    }

    boolean ok() {
      return error == null;
    }
  }

  /** Whether {@code ctx} asks for this worker's own view only. */
  static boolean localOnly(Context ctx) {
    return "false".equalsIgnoreCase(ctx.queryParam("forward"));
  }

  PeerReads peers() {
    return peers;
  }

  /** The other worker that runs {@code task}; empty when this worker does or nobody does. */
  Optional<String> remoteOwner(TaskId task) {
    return cluster.taskOwnerUrl(task).filter(url -> !url.equals(cluster.selfUrl()));
  }

  /** The other workers that run the connector or one of {@code tasks}, each once. */
  Set<String> remoteOwners(String connector, List<TaskId> tasks) {
    Set<String> urls = new LinkedHashSet<>();
    cluster.connectorOwnerUrl(connector).ifPresent(urls::add);
    tasks.forEach(task -> cluster.taskOwnerUrl(task).ifPresent(urls::add));
    urls.remove(cluster.selfUrl());
    return urls;
  }

  /** GETs {@code pathAndQuery} at every worker in {@code urls} at once; JSON 200s only count. */
  List<Answer> getAll(Set<String> urls, String pathAndQuery) {
    List<CompletableFuture<Answer>> calls = new ArrayList<>();
    for (String url : urls) {
      calls.add(
          peers
              .get(url, pathAndQuery)
              .thenApply(response -> answer(url, response))
              .exceptionally(e -> failed(url, e)));
    }
    List<Answer> answers = new ArrayList<>();
    calls.forEach(call -> answers.add(call.join()));
    return answers;
  }

  private static Answer answer(String url, HttpResponse<byte[]> response) {
    if (response.statusCode() != 200) {
      return new Answer(
          url,
          null,
          "answered "
              + response.statusCode()
              + " "
              + new String(response.body(), StandardCharsets.UTF_8));
    }
    try {
      return new Answer(url, Json.mapper().readTree(response.body()), null);
    } catch (IOException e) {
      return failed(url, e);
    }
  }

  private static Answer failed(String url, Throwable error) {
    Throwable cause =
        error instanceof java.util.concurrent.CompletionException && error.getCause() != null
            ? error.getCause()
            : error;
    String message = cause.getMessage() == null ? cause.toString() : cause.getMessage();
    return new Answer(url, null, message);
  }

  /** The request's path with its query, minus {@code forward}, plus {@code extra}, local-only. */
  static String localPath(Context ctx, Map<String, String> extra) {
    Map<String, List<String>> params = new LinkedHashMap<>(ctx.queryParamMap());
    params.remove("forward");
    extra.forEach((key, value) -> params.put(key, List.of(value)));
    StringBuilder query = new StringBuilder("?forward=false");
    params.forEach(
        (key, values) -> {
          for (String value : values) {
            query.append('&').append(encode(key)).append('=').append(encode(value));
          }
        });
    return ctx.path() + query;
  }

  /** Names the workers that did not answer in the response header; nothing when all did. */
  static void nameUnavailable(Context ctx, List<Answer> answers) {
    List<String> missing = new ArrayList<>();
    answers.stream().filter(a -> !a.ok()).forEach(a -> missing.add(a.workerId()));
    if (!missing.isEmpty()) {
      ctx.header(UNAVAILABLE_HEADER, String.join(", ", missing));
    }
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
