package dev.wharf.connect.worker;

import dev.wharf.connect.storage.ConnectorOffsetReader;
import dev.wharf.connect.storage.OffsetStore;
import dev.wharf.connect.storage.TaskId;
import java.io.IOException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/** The contexts the worker hands to tasks: what a task may ask of the runtime. */
final class TaskContexts {
  private static final java.time.Duration READ_TIMEOUT = java.time.Duration.ofSeconds(30);

  private TaskContexts() {}

  private static PluginMetricsImpl metrics(Metrics metrics, TaskId id) {
    Map<String, String> tags = new LinkedHashMap<>();
    tags.put("connector", id.connector());
    tags.put("task", String.valueOf(id.task()));
    return new PluginMetricsImpl(metrics, tags);
  }

  /** A source task's view: its config and the stored offsets of its connector. */
  static final class Source implements SourceTaskContext, AutoCloseable {
    private final Map<String, String> config;
    private final OffsetStorageReader reader;
    private final PluginMetricsImpl pluginMetrics;
    private final org.apache.kafka.connect.source.TransactionContext transactions;

    Source(TaskId id, Map<String, String> config, OffsetStore offsets, Metrics metrics) {
      this(id, config, offsets, metrics, null);
    }

    /** A context whose {@code transactionContext()} is {@code transactions} (may be null). */
    Source(
        TaskId id,
        Map<String, String> config,
        OffsetStore offsets,
        Metrics metrics,
        org.apache.kafka.connect.source.TransactionContext transactions) {
      this.transactions = transactions;
      this.config = config;
      this.reader = new ConnectorOffsetReader(offsets, id.connector(), READ_TIMEOUT);
      this.pluginMetrics = metrics(metrics, id);
    }

    @Override
    public Map<String, String> configs() {
      return config;
    }

    @Override
    public OffsetStorageReader offsetStorageReader() {
      return reader;
    }

    @Override
    public org.apache.kafka.connect.source.TransactionContext transactionContext() {
      return transactions;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return pluginMetrics;
    }

    @Override
    public void close() throws IOException {
      pluginMetrics.close();
    }
  }

  /**
   * A sink task's requests: offsets to rewind to, a retry timeout, partitions to pause or resume, a
   * commit; the runner applies them on the task thread.
   */
  static final class Sink implements SinkTaskContext, AutoCloseable {
    private final Map<String, String> config;
    private final PluginMetricsImpl pluginMetrics;
    private final ErrantRecordReporter reporter;
    private final Map<TopicPartition, Long> rewinds = new HashMap<>();
    private Set<TopicPartition> assignment = Set.of();
    private long timeoutMs = -1;
    private boolean commitRequested;
    private SinkTaskRunner runner;

    Sink(TaskId id, Map<String, String> config, Metrics metrics, ErrantRecordReporter reporter) {
      this.config = config;
      this.pluginMetrics = metrics(metrics, id);
      this.reporter = reporter;
    }

    void attach(SinkTaskRunner runner) {
      this.runner = runner;
    }

    @Override
    public Map<String, String> configs() {
      return config;
    }

    @Override
    public synchronized void offset(Map<TopicPartition, Long> offsets) {
      rewinds.putAll(offsets);
    }

    @Override
    public synchronized void offset(TopicPartition partition, long offset) {
      rewinds.put(partition, offset);
    }

    synchronized Map<TopicPartition, Long> takeRewinds() {
      Map<TopicPartition, Long> taken = new HashMap<>(rewinds);
      rewinds.clear();
      return taken;
    }

    @Override
    public synchronized void timeout(long timeoutMs) {
      this.timeoutMs = timeoutMs;
    }

    synchronized long timeoutMs() {
      return timeoutMs;
    }

    @Override
    public synchronized Set<TopicPartition> assignment() {
      return assignment;
    }

    synchronized void assignment(Collection<TopicPartition> partitions) {
      this.assignment = Set.copyOf(partitions);
    }

    @Override
    public void pause(TopicPartition... partitions) {
      runner.pausePartitions(Set.of(partitions));
    }

    @Override
    public void resume(TopicPartition... partitions) {
      runner.resumePartitions(Set.of(partitions));
    }

    @Override
    public synchronized void requestCommit() {
      commitRequested = true;
    }

    synchronized boolean takeCommitRequest() {
      boolean requested = commitRequested;
      commitRequested = false;
      return requested;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
      return reporter;
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return pluginMetrics;
    }

    @Override
    public void close() throws IOException {
      pluginMetrics.close();
    }
  }
}
