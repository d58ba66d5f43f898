package dev.wharf.proxy.v3;

import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.proxy.metadata.ClusterAdmin;
import dev.wharf.proxy.produce.PartitionCounts;
import dev.wharf.proxy.produce.SharedProducer;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.function.Function;

/**
 * Every v3 endpoint under {@code /v3/clusters}: clusters, brokers, topics and their configs and
 * partitions, consumer groups with lags, and produce. Responses use the v3 envelope and {@code
 * application/json}.
 */
public final class V3Routes implements AutoCloseable {
  private final ClusterRoutes clusters;
  private final TopicRoutes topics;
  private final GroupRoutes groups;
  private final LagRoutes lags;
  private final RecordRoutes records;

  public V3Routes(
      ClusterAdmin cluster,
      SharedProducer producer,
      PartitionCounts partitionCounts,
      Function<Context, String> baseUrl,
      int maxBatchEntries,
      long maxRecordBytes,
      SchemaFormats schemaFormats) {
    V3Context v3 = new V3Context(cluster, baseUrl);
    this.clusters = new ClusterRoutes(v3);
    this.topics = new TopicRoutes(v3, partitionCounts);
    this.groups = new GroupRoutes(v3);
    this.lags = new LagRoutes(v3);
    this.records =
        new RecordRoutes(
            v3, producer, partitionCounts, maxBatchEntries, maxRecordBytes, schemaFormats);
  }

  public void register(RoutesConfig routes) {
    clusters.register(routes);
    topics.register(routes);
    groups.register(routes);
    lags.register(routes);
    records.register(routes);
  }

  @Override
  public void close() {
    records.close();
  }
}
