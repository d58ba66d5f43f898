package dev.wharf.proxy.v3;

import dev.wharf.core.http.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.Semaphore;

/**
 * The delivery reports of a streamed v3 produce, written in request order as each record is
 * acknowledged, one JSON object per report followed by CRLF and flushed, so a client that waits for
 * each report before sending the next record is never stuck. Writes run on the given executor,
 * never on the producer's I/O thread.
 */
final class ReportStream {
  private static final byte[] CRLF = "\r\n".getBytes(StandardCharsets.US_ASCII);

  static final int MAX_PENDING = 1024;

  private final Semaphore pending = new Semaphore(MAX_PENDING);
  private final OutputStream out;
  private final Executor executor;
  private CompletableFuture<?> tail = CompletableFuture.completedFuture(null);

  ReportStream(OutputStream out, Executor executor) {
    this.out = out;
    this.executor = executor;
  }

  /**
   * Queues {@code report} to be written after every report appended before it; waits while {@value
   * #MAX_PENDING} reports are already waiting.
   */
  void append(CompletableFuture<Map<String, Object>> report) throws InterruptedException {
    pending.acquire();
    tail =
        tail.thenCombineAsync(report, (ignored, body) -> write(body), executor)
            .whenComplete((ignored, error) -> pending.release());
  }

  /** Completes when every appended report is written (or the client went away). */
  CompletableFuture<?> done() {
    return tail;
  }

  private Void write(Map<String, Object> body) {
    try {
      out.write(Json.bytes(body));
      out.write(CRLF);
      out.flush();
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("the client closed the produce stream", e);
    }
  }
}
