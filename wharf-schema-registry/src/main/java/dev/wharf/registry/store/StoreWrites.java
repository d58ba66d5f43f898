package dev.wharf.registry.store;

import dev.wharf.registry.schema.CompatibilityLevel;

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
    store.write(
        RecordFormat.schemaKey(schema.subject(), schema.version()),
        RecordFormat.schemaValue(schema));
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
