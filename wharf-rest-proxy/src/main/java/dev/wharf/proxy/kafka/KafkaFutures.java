package dev.wharf.proxy.kafka;

import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.KafkaFuture;

/** Bridges the admin client's {@link KafkaFuture}s to {@link CompletableFuture}s. */
public final class KafkaFutures {
  private KafkaFutures() {}

  public static <T> CompletableFuture<T> of(KafkaFuture<T> future) {
    CompletableFuture<T> result = new CompletableFuture<>();
    KafkaFuture<T> unused =
        future.whenComplete(
            (value, error) -> {
              if (error != null) {
                result.completeExceptionally(error);
              } else {
                result.complete(value);
              }
            });
    return result;
  }
}
