package dev.wharf.proxy.produce;

import dev.wharf.core.http.DirectRoute;
import dev.wharf.core.http.RequestBodies;
import dev.wharf.core.http.Responses;
import dev.wharf.proxy.format.EmbeddedFormat;
import dev.wharf.proxy.format.EmbeddedFormats;
import dev.wharf.proxy.format.SchemaFormat;
import dev.wharf.proxy.format.SchemaFormats;
import dev.wharf.proxy.http.MediaTypes;
import dev.wharf.proxy.http.Params;
import dev.wharf.proxy.metadata.ClusterAdmin;
import dev.wharf.proxy.produce.V2Records.Outgoing;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * The v2 produce endpoints, {@code POST /topics/{topic}} and {@code
 * /topics/{topic}/partitions/{partition}}. The request's Content-Type picks the embedded format;
 * the response lists one result per record in request order, and a record Kafka rejected carries
 * its {@code error_code} and {@code error} inside the 200, as Confluent does. The Schema Registry
 * formats first resolve the request's key and value schemas to ids (see {@link V2Schemas}).
 */
public final class ProduceRoutes {
  private static final int SEND_LOCK_STRIPES = 64;
  private final SharedProducer producer;
  private final PartitionCounts partitions;
  private final SchemaFormats schemaFormats;
  private final Object[] sendLocks = new Object[SEND_LOCK_STRIPES];

  public ProduceRoutes(
      SharedProducer producer, PartitionCounts partitions, SchemaFormats schemaFormats) {
    this.producer = producer;
    this.partitions = partitions;
    this.schemaFormats = schemaFormats;
    for (int i = 0; i < sendLocks.length; i++) {
      sendLocks[i] = new Object();
    }
  }

  public void register(RoutesConfig routes) {
    routes.post("/topics/{topic}", ctx -> produce(ctx, null));
    routes.post(
        "/topics/{topic}/partitions/{partition}",
        ctx -> produce(ctx, Params.partition(ctx, "partition", ctx.pathParam("topic"))));
  }

  private void produce(Context ctx, Integer pathPartition) {
    String topic = ctx.pathParam("topic");
    String responseType = MediaTypes.v2Response(ctx);
    String mediaType = RequestBodies.mediaType(ctx);
    // binary and json first, untouched by anything the schema formats need.
    EmbeddedFormat plain = EmbeddedFormats.byMediaType(mediaType).orElse(null);
    SchemaFormat schemaFormat =
        plain != null
            ? null
            : schemaFormats
                .byMediaType(mediaType, 415)
                .orElseThrow(() -> unsupportedMediaType(ctx));
    CompletableFuture<byte[]> answer =
        answer(topic, pathPartition, plain, schemaFormat, RequestBodies.bytes(ctx));
    ctx.future(() -> answer.thenAccept(body -> Responses.jsonBytes(ctx, 200, responseType, body)));
  }

  /**
   * The route that serves the most common produce requests on Jetty directly: the same answers, for
   * a fraction of the per-request cost of the servlet path (see {@link DirectProduce}).
   */
  public DirectRoute directRoute() {
    return new DirectProduce(this);
  }

  /**
   * The v2 answer to a request's {@code body}: its records parsed in {@code plain}'s format (or the
   * schema format's, with the request's schemas resolved first), sent, and reported once Kafka has
   * acknowledged or rejected each. Parsing errors are thrown at once.
   */
  CompletableFuture<byte[]> answer(
      String topic,
      Integer pathPartition,
      EmbeddedFormat plain,
      SchemaFormat schemaFormat,
      byte[] body) {
    List<Outgoing> records;
    V2Schemas schemas;
    if (schemaFormat == null) {
      schemas = null;
      records = V2Records.parse(body, plain, pathPartition);
    } else {
      // Only the schema formats pay for reading the body twice: once for the schemas.
      schemas = V2Schemas.resolve(schemaFormat, topic, RequestBodies.jsonOrNull(body));
      records = V2Records.parse(body, schemas.keyFormat(), schemas.valueFormat(), pathPartition);
    }
    return partitions
        .of(topic)
        .thenCompose(
            count -> {
              for (Outgoing record : records) {
                if (record.partition() != null
                    && (record.partition() < 0 || record.partition() >= count)) {
                  throw ClusterAdmin.partitionNotFound(topic, record.partition());
                }
              }
              return send(topic, records);
            })
        .thenApplyAsync(
            batch ->
                schemas == null
                    ? batch.v2Body(null, null)
                    : batch.v2Body(schemas.keySchemaId(), schemas.valueSchemaId()),
            producer.completions());
  }

  private CompletableFuture<ProduceBatch> send(String topic, List<Outgoing> records) {
    ProduceBatch batch = new ProduceBatch(records.size());
    // One request's records go to the producer in one go: when every request thread appended
    // record by record, concurrent requests to one partition fought over its batch queue's lock
    // once per record, and on two cores that hand-over cost more CPU than the appends. Topics are
    // striped so that a request that waits in send (for a topic's metadata, say) holds up only
    // requests to topics of its stripe.
    synchronized (sendLocks[Math.floorMod(topic.hashCode(), sendLocks.length)]) {
      for (int i = 0; i < records.size(); i++) {
        Outgoing record = records.get(i);
        producer.send(
            new ProducerRecord<>(topic, record.partition(), record.key(), record.value()),
            batch.callback(i));
      }
    }
    return batch.done();
  }

  private static RuntimeException unsupportedMediaType(Context ctx) {
    return RequestBodies.unsupportedMediaType(
        ctx,
        List.of(
            MediaTypes.BINARY_V2,
            MediaTypes.JSON_V2,
            MediaTypes.AVRO_V2,
            MediaTypes.JSONSCHEMA_V2));
  }
}
