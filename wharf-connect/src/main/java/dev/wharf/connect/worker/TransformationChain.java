package dev.wharf.connect.worker;

import java.util.List;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.connect.connector.ConnectRecord;
import org.apache.kafka.connect.transforms.Transformation;
import org.apache.kafka.connect.transforms.predicates.Predicate;

/**
 * A connector's {@code transforms} in order, each optionally guarded by a predicate (with {@code
 * negate}). A stage that returns {@code null} drops the record and ends the chain.
 */
public final class TransformationChain<R extends ConnectRecord<R>> implements AutoCloseable {

  /** One transformation with the predicate that decides whether it applies. */
  public record Stage<R extends ConnectRecord<R>>(
      String alias, Transformation<R> transformation, Predicate<R> predicate, boolean negate) {

    boolean appliesTo(R record) {
      return predicate == null || predicate.test(record) != negate;
    }
  }

  private final List<Stage<R>> stages;

  public TransformationChain(List<Stage<R>> stages) {
    this.stages = List.copyOf(stages);
  }

  public static <R extends ConnectRecord<R>> TransformationChain<R> empty() {
    return new TransformationChain<>(List.of());
  }

  public boolean isEmpty() {
    return stages.isEmpty();
  }

  /**
   * Applies every stage through {@code errors}, which retries or tolerates failures; answers {@code
   * null} when a stage dropped the record or a failure was tolerated.
   */
  public R apply(R record, ErrorHandler errors, ProcessingContext context) {
    R current = record;
    for (Stage<R> stage : stages) {
      R input = current;
      current =
          errors.execute(
              ErrorHandler.Stage.TRANSFORMATION,
              stage.transformation().getClass(),
              context,
              () -> stage.appliesTo(input) ? stage.transformation().apply(input) : input);
      if (current == null) {
        return null;
      }
    }
    return current;
  }

  @Override
  public void close() {
    for (Stage<R> stage : stages) {
      Utils.closeQuietly(stage.transformation(), "transformation " + stage.alias());
      if (stage.predicate() != null) {
        Utils.closeQuietly(stage.predicate(), "predicate of transformation " + stage.alias());
      }
    }
  }
}
