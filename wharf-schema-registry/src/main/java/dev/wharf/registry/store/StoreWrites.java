package dev.wharf.registry.store;

import dev.wharf.registry.schema.CompatibilityLevel;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The registry's writes, each one record of Confluent's format on the schemas topic, returning once
 * this instance's reader has applied it.
 */
public final class StoreWrites {
  private final KafkaStore store;

  public StoreWrites(KafkaStore store) {
    this.store = store;
  }

  /** Waits until every earlier write, this instance's or another's, is applied. */
  public void catchUp() {
    store.catchUp();
  }

  public void putSchema(SchemaVersion schema) {
    store.await(sendSchema(schema));
  }

  /**
   * Starts writing a schema version; {@link #await} finishes it. Lets a writer assign the next id
   * and version while earlier writes are still on their way.
   */
  public Future<RecordMetadata> sendSchema(SchemaVersion schema) {
    return store.send(
        RecordFormat.schemaKey(schema.subject(), schema.version()),
        RecordFormat.schemaValue(schema));
  }

  /** Returns once a sent write is acknowledged and applied by this instance. */
  public void await(Future<RecordMetadata> sent) {
    store.await(sent);
  }

  /** Removes a version for good: a tombstone that compaction eventually drops. */
  public void deleteSchema(String subject, int version) {
    store.write(RecordFormat.schemaKey(subject, version), null);
  }

  /** Soft-deletes versions 1 to {@code upTo} of {@code subject}. */
  public void deleteSubject(String subject, int upTo) {
    store.write(
        RecordFormat.subjectKey(RecordFormat.DELETE_SUBJECT, subject),
        RecordFormat.deleteSubjectValue(subject, upTo));
  }

  /** Drops the soft-delete marker of a subject whose versions are all gone. */
  public void forgetSubjectDeletion(String subject) {
    store.write(RecordFormat.subjectKey(RecordFormat.DELETE_SUBJECT, subject), null);
  }

  /** Sets a subject's level, or the global one when {@code subject} is null. */
  public void putCompatibility(String subject, CompatibilityLevel level) {
    store.write(
        RecordFormat.subjectKey(RecordFormat.CONFIG, subject),
        RecordFormat.configValue(level.name()));
  }

  public void deleteCompatibility(String subject) {
    store.write(RecordFormat.subjectKey(RecordFormat.CONFIG, subject), null);
  }

  /** Sets a subject's mode, or the global one when {@code subject} is null. */
  public void putMode(String subject, Mode mode) {
    store.write(RecordFormat.subjectKey(RecordFormat.MODE, subject), RecordFormat.modeValue(mode));
  }

  public void deleteMode(String subject) {
    store.write(RecordFormat.subjectKey(RecordFormat.MODE, subject), null);
  }
}
