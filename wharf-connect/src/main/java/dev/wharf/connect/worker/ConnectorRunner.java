package dev.wharf.connect.worker;

import dev.wharf.connect.logs.LogContext;
import dev.wharf.connect.storage.StatusState;
import dev.wharf.connect.storage.TargetState;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.apache.kafka.connect.connector.Connector;
import org.apache.kafka.connect.connector.ConnectorContext;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkConnector;
import org.apache.kafka.connect.sink.SinkConnectorContext;
import org.apache.kafka.connect.source.SourceConnectorContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connector instance, driven on a thread of its own so a slow {@code start()} never blocks the
 * herder: started while its target state is STARTED, stopped while PAUSED or STOPPED (as Apache
 * does), asked for task configs on demand. A throwing {@code start()} or a {@code raiseError} makes
 * it FAILED with the cause.
 */
final class ConnectorRunner {
  private static final Logger log = LoggerFactory.getLogger(ConnectorRunner.class);

  private final String name;
  private final Connector connector;
  private final Map<String, String> config;
  private final StatusListener status;
  private final ExecutorService thread;
  private final PluginMetricsImpl metrics;
  private final TaskReconfigurationListener reconfiguration;
  private final OffsetStorageReader offsetReader;
  private boolean started;
  private boolean failed;

  ConnectorRunner(
      String name,
      Connector connector,
      Map<String, String> config,
      StatusListener status,
      TaskReconfigurationListener reconfiguration,
      ClassLoader loader,
      Metrics metricsRegistry,
      OffsetStorageReader offsetReader) {
    this.name = name;
    this.connector = connector;
    this.config = config;
    this.status = status;
    this.reconfiguration = reconfiguration;
    this.metrics = new PluginMetricsImpl(metricsRegistry, Map.of("connector", name));
    this.offsetReader = offsetReader;
    this.thread =
        Executors.newSingleThreadExecutor(
            r -> {
              // Everything the connector logs on its thread carries its context.
              Runnable inContext =
                  () -> {
                    try (LogContext context = LogContext.forConnector(name)) {
                      r.run();
                    }
                  };
              Thread t = new Thread(inContext, "connector-" + name);
              t.setContextClassLoader(loader);
              t.setDaemon(true);
              return t;
            });
  }

  Connector connector() {
    return connector;
  }

  Map<String, String> config() {
    return config;
  }

  /** Initializes the connector and moves it to {@code state}; waits for that to finish. */
  void start(TargetState state) {
    call(
        () -> {
          // SourceConnector.context() and SinkConnector.context() cast to their own kinds.
          connector.initialize(
              connector instanceof SinkConnector ? new SinkContext() : new SourceContext());
          transition(state);
          return null;
        });
  }

  void transitionTo(TargetState state) {
    call(
        () -> {
          transition(state);
          return null;
        });
  }

  /** The connector's task configs for at most {@code maxTasks} tasks. */
  List<Map<String, String>> taskConfigs(int maxTasks) {
    return call(
        () -> {
          if (!started) {
            throw new ConnectException("Connector " + name + " is not running");
          }
          return connector.taskConfigs(maxTasks);
        });
  }

  boolean isRunning() {
    return call(() -> started && !failed);
  }

  void stop() {
    try {
      call(
          () -> {
            stopConnector();
            return null;
          });
    } finally {
      thread.shutdown();
      try {
        metrics.close();
      } catch (java.io.IOException e) {
        log.warn("cannot close metrics of connector {}", name, e);
      }
    }
  }

  private void transition(TargetState state) {
    if (state == TargetState.STARTED) {
      if (!started || failed) {
        failed = false;
        try {
          connector.start(config);
          started = true;
          status.onConnectorState(name, StatusState.RUNNING, null);
        } catch (RuntimeException e) {
          fail(e);
        }
      }
    } else {
      stopConnector();
      status.onConnectorState(
          name, state == TargetState.PAUSED ? StatusState.PAUSED : StatusState.STOPPED, null);
    }
  }

  private void stopConnector() {
    if (started) {
      started = false;
      try {
        connector.stop();
      } catch (RuntimeException e) {
        log.error("connector {}: stop() failed", name, e);
      }
    }
  }

  private void fail(Throwable e) {
    log.error("connector {} failed", name, e);
    failed = true;
    stopConnector();
    status.onConnectorState(name, StatusState.FAILED, e);
  }

  private <T> T call(java.util.concurrent.Callable<T> work) {
    Future<T> future = thread.submit(work);
    try {
      return future.get(90, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new ConnectException("connector " + name + " failed", cause);
    } catch (TimeoutException e) {
      throw new ConnectException("connector " + name + " did not answer within 90 s", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while waiting for connector " + name, e);
    }
  }

  /** The context of a source connector: it may read its tasks' stored offsets. */
  private final class SourceContext extends Context implements SourceConnectorContext {
    @Override
    public OffsetStorageReader offsetStorageReader() {
      return offsetReader;
    }
  }

  /** The context of a sink connector. */
  private final class SinkContext extends Context implements SinkConnectorContext {}

  private class Context implements ConnectorContext {
    @Override
    public void requestTaskReconfiguration() {
      reconfiguration.onTaskReconfigurationRequested(name);
    }

    @Override
    public void raiseError(Exception e) {
      thread.execute(() -> fail(e));
    }

    @Override
    public PluginMetrics pluginMetrics() {
      return metrics;
    }
  }
}
