package dev.wharf.connect.worker;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.TransactionContext;

/**
 * The {@link TransactionContext} of a source task whose connector defines its own transaction
 * boundaries ({@code transaction.boundary=connector}): the task's requests, which the runner acts
 * on after the record named (or after the current batch) on the task thread.
 */
final class TransactionRequests implements TransactionContext {
  private final Set<SourceRecord> commitAfter =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private final Set<SourceRecord> abortAfter =
      Collections.synchronizedSet(Collections.newSetFromMap(new IdentityHashMap<>()));
  private volatile boolean commitBatch;
  private volatile boolean abortBatch;

  @Override
  public void commitTransaction() {
    commitBatch = true;
  }

  @Override
  public void commitTransaction(SourceRecord record) {
    commitAfter.add(record);
  }

  @Override
  public void abortTransaction() {
    abortBatch = true;
  }

  @Override
  public void abortTransaction(SourceRecord record) {
    abortAfter.add(record);
  }

  boolean commitAfter(SourceRecord record) {
    return commitAfter.remove(record);
  }

  boolean abortAfter(SourceRecord record) {
    return abortAfter.remove(record);
  }

  boolean takeCommitBatch() {
    boolean requested = commitBatch;
    commitBatch = false;
    return requested;
  }

  boolean takeAbortBatch() {
    boolean requested = abortBatch;
    abortBatch = false;
    return requested;
  }
}
