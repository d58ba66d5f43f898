package dev.wharf.connect.worker;

import dev.wharf.connect.metrics.TaskMetrics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TopicExistsException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records a sink connector could not process to its {@code
 * errors.deadletterqueue.topic.name}, with the original key, value and headers, plus Apache's
 * {@code __connect.errors.*} context headers when enabled. The topic is created when missing.
 */
public final class DeadLetterQueue implements ErrorHandler.Reporter, AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(DeadLetterQueue.class);
  static final String HEADER_PREFIX = "__connect.errors.";

  private final String topic;
  private final String connector;
  private final int task;
  private final boolean contextHeaders;
  private final KafkaProducer<byte[], byte[]> producer;
  private volatile TaskMetrics metrics = TaskMetrics.disabled();

  DeadLetterQueue(
      String topic,
      String connector,
      int task,
      boolean contextHeaders,
      KafkaProducer<byte[], byte[]> producer) {
    this.topic = topic;
    this.connector = connector;
    this.task = task;
    this.contextHeaders = contextHeaders;
    this.producer = producer;
  }

  /** Counts the records sent to the queue, and Kafka's refusals, in the task's metrics. */
  void countInto(TaskMetrics taskMetrics) {
    this.metrics = taskMetrics;
  }

  /** Creates the topic when missing; existing topics are used as they are. */
  static void ensureTopic(Admin admin, String topic, short replicationFactor) {
    try {
      admin
          .createTopics(
              List.of(new NewTopic(topic, Optional.of(1), Optional.of(replicationFactor))))
          .all()
          .get();
    } catch (ExecutionException e) {
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw new ConnectException("cannot create dead letter queue topic " + topic, e.getCause());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ConnectException("interrupted while creating dead letter queue topic " + topic, e);
    }
  }

  @Override
  public void report(
      ProcessingContext context, ErrorHandler.Stage stage, Class<?> executing, Throwable error) {
    ConsumerRecord<byte[], byte[]> original = context.consumed();
    if (original == null) {
      return; // Apache's dead letter queue is for sink connectors only.
    }
    ProducerRecord<byte[], byte[]> record =
        new ProducerRecord<>(topic, null, original.key(), original.value(), original.headers());
    if (contextHeaders) {
      addContextHeaders(record.headers(), original, stage, executing, error);
    }
    metrics.deadLetterRequest();
    producer.send(
        record,
        (metadata, exception) -> {
          if (exception != null) {
            metrics.deadLetterFailure();
            log.error("cannot write to dead letter queue {} for {}", topic, connector, exception);
          }
        });
  }

  private void addContextHeaders(
      Headers headers,
      ConsumerRecord<byte[], byte[]> original,
      ErrorHandler.Stage stage,
      Class<?> executing,
      Throwable error) {
    Map<String, String> values =
        new java.util.LinkedHashMap<>(
            Map.of(
                "topic", original.topic(),
                "partition", String.valueOf(original.partition()),
                "offset", String.valueOf(original.offset()),
                "connector.name", connector,
                "task.id", String.valueOf(task),
                "stage", stage.name(),
                "class.name", executing.getName()));
    values.put("exception.class.name", error.getClass().getName());
    if (error.getMessage() != null) {
      values.put("exception.message", error.getMessage());
    }
    StringWriter trace = new StringWriter();
    error.printStackTrace(new PrintWriter(trace));
    values.put("exception.stacktrace", trace.toString());
    values.forEach(
        (name, value) -> headers.add(HEADER_PREFIX + name, value.getBytes(StandardCharsets.UTF_8)));
  }

  /** Waits for every report sent so far to be acknowledged. */
  void flush() {
    producer.flush();
  }

  @Override
  public void close() {
    producer.close();
  }
}
