package dev.wharf.core.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The metrics of one service, served as Prometheus text on its {@code /metrics}: the JVM's memory,
 * GC, threads, class loading, CPU and uptime, plus whatever the service registers. Sources that are
 * cheaper to read on demand than to keep current (per-partition lag, state counts) register a
 * refresh hook that runs right before each scrape.
 */
public final class ServiceMetrics implements AutoCloseable {
  /** The content type of the Prometheus text exposition format this registry writes. */
  public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

  private final PrometheusMeterRegistry registry =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
  private final JvmGcMetrics gc = new JvmGcMetrics();
  private final List<Runnable> beforeScrape = new CopyOnWriteArrayList<>();

  public ServiceMetrics() {
    new JvmMemoryMetrics().bindTo(registry);
    gc.bindTo(registry);
    new JvmThreadMetrics().bindTo(registry);
    new ClassLoaderMetrics().bindTo(registry);
    new ProcessorMetrics().bindTo(registry);
    new UptimeMetrics().bindTo(registry);
  }

  /** Where the service registers its own meters. */
  public MeterRegistry registry() {
    return registry;
  }

  /** Runs {@code refresh} before every scrape, on the scraping thread. */
  public void beforeScrape(Runnable refresh) {
    beforeScrape.add(Objects.requireNonNull(refresh, "refresh"));
  }

  /** Every meter in the Prometheus text format (version 0.0.4). */
  public String scrape() {
    for (Runnable refresh : beforeScrape) {
      refresh.run();
    }
    return registry.scrape();
  }

  @Override
  public void close() {
    gc.close();
    registry.close();
  }
}
