package dev.wharf.connect.validation;

import java.util.List;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.connect.transforms.util.RegexValidator;

/**
 * The connector-level keys the runtime itself handles, declared with Apache Kafka Connect's names,
 * types, defaults, groups and order, so that validation answers and {@code
 * /connector-plugins/{plugin}/config} list the same keys a user knows.
 */
public final class ConnectorConfigDefs {
  static final String COMMON = "Common";
  static final String TRANSFORMS = "Transforms";
  static final String PREDICATES = "Predicates";
  static final String ERRORS = "Error Handling";
  static final String TOPIC_CREATION = "Topic Creation";
  static final String EXACTLY_ONCE = "Exactly Once Support";

  private ConnectorConfigDefs() {}

  /** The keys every connector has. */
  public static ConfigDef common() {
    int order = 0;
    int errorOrder = 0;
    return new ConfigDef()
        .define(
            "name",
            Type.STRING,
            ConfigDef.NO_DEFAULT_VALUE,
            new ConfigDef.NonEmptyStringWithoutControlChars(),
            Importance.HIGH,
            "Unique name of the connector within its Connect cluster.",
            COMMON,
            ++order,
            Width.MEDIUM,
            "Connector name")
        .define(
            "connector.class",
            Type.STRING,
            Importance.HIGH,
            "Class name or alias of the connector plugin (for example FileStreamSource).",
            COMMON,
            ++order,
            Width.LONG,
            "Connector class")
        .define(
            "tasks.max",
            Type.INT,
            1,
            ConfigDef.Range.atLeast(1),
            Importance.HIGH,
            "The most tasks this connector may run.",
            COMMON,
            ++order,
            Width.SHORT,
            "Tasks max")
        .define(
            "key.converter",
            Type.CLASS,
            null,
            Importance.LOW,
            "Converter for record keys; the worker's key.converter when not set.",
            COMMON,
            ++order,
            Width.SHORT,
            "Key converter class")
        .define(
            "value.converter",
            Type.CLASS,
            null,
            Importance.LOW,
            "Converter for record values; the worker's value.converter when not set.",
            COMMON,
            ++order,
            Width.SHORT,
            "Value converter class")
        .define(
            "header.converter",
            Type.CLASS,
            null,
            Importance.LOW,
            "Converter for record headers; the worker's header.converter when not set.",
            COMMON,
            ++order,
            Width.SHORT,
            "Header converter class")
        .define(
            "transforms",
            Type.LIST,
            List.of(),
            Importance.LOW,
            "Aliases of the transformations applied to each record, in order.",
            TRANSFORMS,
            ++order,
            Width.LONG,
            "Transforms")
        .define(
            "predicates",
            Type.LIST,
            List.of(),
            Importance.LOW,
            "Aliases of the predicates that transformations may refer to.",
            PREDICATES,
            ++order,
            Width.LONG,
            "Predicates")
        .define(
            "config.action.reload",
            Type.STRING,
            "restart",
            ConfigDef.ValidString.in("none", "restart"),
            Importance.LOW,
            "What to do when a config provider's value changes: restart the connector, or none.",
            COMMON,
            ++order,
            Width.MEDIUM,
            "Reload Action")
        .define(
            "errors.retry.timeout",
            Type.LONG,
            0L,
            Importance.MEDIUM,
            "How long, in ms, a failed operation is retried; 0 means never, -1 forever.",
            ERRORS,
            ++errorOrder,
            Width.MEDIUM,
            "Retry Timeout for Errors")
        .define(
            "errors.retry.delay.max.ms",
            Type.LONG,
            60000L,
            Importance.MEDIUM,
            "The longest wait, in ms, between two retries of a failed operation.",
            ERRORS,
            ++errorOrder,
            Width.MEDIUM,
            "Maximum Delay Between Retries for Errors")
        .define(
            "errors.tolerance",
            Type.STRING,
            "none",
            ConfigDef.ValidString.in("none", "all"),
            Importance.MEDIUM,
            "none: a record that cannot be processed fails the task; all: it is skipped.",
            ERRORS,
            ++errorOrder,
            Width.SHORT,
            "Error Tolerance")
        .define(
            "errors.log.enable",
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Log every error and the operation that failed, including tolerated ones.",
            ERRORS,
            ++errorOrder,
            Width.SHORT,
            "Log Errors")
        .define(
            "errors.log.include.messages",
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Include the failed record's key, value and headers in the error log.",
            ERRORS,
            ++errorOrder,
            Width.SHORT,
            "Log Error Details");
  }

  /** The keys of sink connectors. */
  public static ConfigDef sink() {
    return common()
        .define(
            "topics",
            Type.LIST,
            "",
            Importance.HIGH,
            "Topics to consume, separated by commas.",
            COMMON,
            4,
            Width.LONG,
            "Topics")
        .define(
            "topics.regex",
            Type.STRING,
            "",
            new RegexValidator(),
            Importance.HIGH,
            "A Java regular expression naming the topics to consume; use it or topics, not both.",
            COMMON,
            4,
            Width.LONG,
            "Topics regex")
        .define(
            "errors.deadletterqueue.topic.name",
            Type.STRING,
            "",
            Importance.MEDIUM,
            "Topic that receives records that could not be processed; empty for none.",
            ERRORS,
            6,
            Width.MEDIUM,
            "DLQ Topic Name")
        .define(
            "errors.deadletterqueue.topic.replication.factor",
            Type.SHORT,
            (short) 3,
            Importance.MEDIUM,
            "Replication factor of the dead letter queue topic when it is created.",
            ERRORS,
            7,
            Width.MEDIUM,
            "DLQ Topic Replication Factor")
        .define(
            "errors.deadletterqueue.context.headers.enable",
            Type.BOOLEAN,
            false,
            Importance.MEDIUM,
            "Add __connect.errors.* headers describing the failure to dead letter queue records.",
            ERRORS,
            8,
            Width.MEDIUM,
            "Enable Error Context Headers");
  }

  /** The keys of source connectors. */
  public static ConfigDef source() {
    return common()
        .define(
            "topic.creation.groups",
            Type.LIST,
            List.of(),
            Importance.LOW,
            "Groups of topic creation settings, besides default, each with include/exclude rules.",
            TOPIC_CREATION,
            1,
            Width.LONG,
            "Topic Creation Groups")
        .define(
            "exactly.once.support",
            Type.STRING,
            "requested",
            ConfigDef.ValidString.in("requested", "required"),
            Importance.MEDIUM,
            "Whether the connector must support exactly-once delivery (required) or not.",
            EXACTLY_ONCE,
            1,
            Width.SHORT,
            "Exactly once support")
        .define(
            "transaction.boundary",
            Type.STRING,
            "poll",
            ConfigDef.ValidString.in("poll", "interval", "connector"),
            Importance.MEDIUM,
            "Where transactions end when exactly-once source support is enabled.",
            EXACTLY_ONCE,
            2,
            Width.SHORT,
            "Transaction Boundary")
        .define(
            "offsets.storage.topic",
            Type.STRING,
            null,
            Importance.LOW,
            "A topic for this connector's offsets instead of the worker's offsets topic.",
            EXACTLY_ONCE,
            4,
            Width.LONG,
            "Offsets topic");
  }
}
