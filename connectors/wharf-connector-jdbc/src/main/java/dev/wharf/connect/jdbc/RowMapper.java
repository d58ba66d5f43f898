package dev.wharf.connect.jdbc;

import dev.wharf.connect.jdbc.JdbcSinkConfig.PkMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a sink record into a {@link SinkRow} by {@code pk.mode}, {@code pk.fields} and {@code
 * fields.whitelist}. Values may be Structs or schemaless JSON objects (maps with string keys); keys
 * may be Structs, maps or primitives. A tombstone is a delete when {@code delete.enabled}, else it
 * is skipped.
 */
final class RowMapper {
  static final List<String> KAFKA_FIELDS =
      List.of("__connect_topic", "__connect_partition", "__connect_offset");

  private final JdbcSinkConfig config;
  private final Dialect dialect;
  private final String format;
  private final PkMode pkMode;
  private final List<String> pkFields;
  private final Set<String> whitelist;
  private final boolean replaceNull;
  private final TimestampFields timestamps;
  private final String stringColumn;
  private final Map<String, TableId> tables = new HashMap<>();
  // The plan of the last Struct schema seen: a topic's records mostly share one schema object.
  private Schema plannedSchema;
  private StructPlan plan;

  RowMapper(JdbcSinkConfig config, Dialect dialect) {
    this.config = config;
    this.dialect = dialect;
    this.format = config.getString(JdbcSinkConfig.TABLE_FORMAT);
    this.pkMode = config.pkMode();
    this.pkFields = config.pkFields();
    this.whitelist = new HashSet<>(config.fieldsWhitelist());
    this.replaceNull = config.replaceNullWithDefault();
    this.timestamps =
        new TimestampFields(
            config.timestampFields(), config.nanosecondTimestamps(), config.dbZone());
    this.stringColumn = config.stringValueColumn();
  }

  static String origin(SinkRecord record) {
    return record.topic() + "-" + record.kafkaPartition() + "@" + record.kafkaOffset();
  }

  /** The row of {@code record}, or null when it writes nothing (a tombstone, deletes off). */
  SinkRow map(SinkRecord record) {
    TableId table =
        tables.computeIfAbsent(record.topic(), topic -> TableNames.table(format, topic, dialect));
    if (record.value() == null) {
      if (!config.deleteEnabled()) {
        return null;
      }
      return new SinkRow(table, keyFields(record), List.of(), true, record);
    }
    if (record.value() instanceof Struct struct && pkMode != PkMode.RECORD_KEY) {
      return structPlan(struct.schema()).row(table, struct, record);
    }
    List<SinkRow.Field> all = fields(record.valueSchema(), record.value(), "value", record);
    if (!timestamps.isEmpty()) {
      String origin = origin(record);
      all.replaceAll(field -> timestamps.convert(field, origin));
    }
    List<SinkRow.Field> keys;
    List<SinkRow.Field> values = new ArrayList<>();
    if (pkMode == PkMode.RECORD_VALUE) {
      if (pkFields.isEmpty()) {
        keys = all;
      } else {
        keys = new ArrayList<>(pkFields.size());
        for (String name : pkFields) {
          SinkRow.Field field = named(all, name);
          if (field == null) {
            throw new ConnectException(
                "pk.fields names '"
                    + name
                    + "', which the value of record "
                    + origin(record)
                    + " does not have");
          }
          keys.add(field);
        }
      }
    } else {
      keys = keyFields(record);
    }
    for (SinkRow.Field field : all) {
      if (named(keys, field.name()) == null
          && (whitelist.isEmpty() || whitelist.contains(field.name()))) {
        values.add(field);
      }
    }
    return new SinkRow(table, keys, values, false, record);
  }

  private List<SinkRow.Field> keyFields(SinkRecord record) {
    switch (pkMode) {
      case KAFKA -> {
        List<String> names = pkFields.isEmpty() ? KAFKA_FIELDS : pkFields;
        return List.of(
            new SinkRow.Field(names.get(0), Schema.STRING_SCHEMA, record.topic()),
            new SinkRow.Field(names.get(1), Schema.INT32_SCHEMA, record.kafkaPartition()),
            new SinkRow.Field(names.get(2), Schema.INT64_SCHEMA, record.kafkaOffset()));
      }
      case RECORD_KEY -> {
        if (record.key() == null) {
          throw new ConnectException(
              "Record "
                  + origin(record)
                  + " has no key, but pk.mode=record_key takes the key from it");
        }
        if (record.key() instanceof Struct || record.key() instanceof Map) {
          List<SinkRow.Field> fields = fields(record.keySchema(), record.key(), "key", record);
          if (pkFields.isEmpty()) {
            return fields;
          }
          List<SinkRow.Field> chosen = new ArrayList<>();
          for (String name : pkFields) {
            SinkRow.Field field = named(fields, name);
            if (field == null) {
              throw new ConnectException(
                  "pk.fields names '"
                      + name
                      + "', which the key of record "
                      + origin(record)
                      + " does not have");
            }
            chosen.add(field);
          }
          return chosen;
        }
        if (pkFields.size() != 1) {
          throw new ConnectException(
              "Record "
                  + origin(record)
                  + " has a primitive key: pk.mode=record_key then needs exactly one column name"
                  + " in pk.fields, not "
                  + pkFields);
        }
        return List.of(new SinkRow.Field(pkFields.get(0), record.keySchema(), record.key()));
      }
      case RECORD_VALUE -> throw new IllegalStateException("keys of record_value come from values");
      default -> {
        return List.of();
      }
    }
  }

  private StructPlan structPlan(Schema schema) {
    if (schema != plannedSchema) {
      plan = new StructPlan(schema);
      plannedSchema = schema;
    }
    return plan;
  }

  /**
   * Which of a value schema's fields are the key and which are written as values, decided once per
   * schema rather than by name for every record: the same choice {@link #map} makes for other
   * values, for every mode whose key names do not depend on the record (all but {@code
   * record_key}).
   */
  private final class StructPlan {
    private final org.apache.kafka.connect.data.Field[] fields;
    // RECORD_VALUE: the positions of the key fields, in pk.fields order (all fields without it);
    // -1 for a pk.fields name the schema lacks.
    private final int[] keys;
    private final int[] values;

    StructPlan(Schema schema) {
      this.fields = schema.fields().toArray(new org.apache.kafka.connect.data.Field[0]);
      List<String> names = schema.fields().stream().map(f -> f.name()).toList();
      List<String> keyNames;
      if (pkMode == PkMode.RECORD_VALUE) {
        keyNames = pkFields.isEmpty() ? names : pkFields;
        keys = keyNames.stream().mapToInt(names::indexOf).toArray();
      } else {
        List<String> kafka = pkFields.isEmpty() ? KAFKA_FIELDS : pkFields;
        // keyFields names the topic, partition and offset columns with the first three.
        keyNames = pkMode == PkMode.KAFKA ? kafka.subList(0, Math.min(3, kafka.size())) : List.of();
        keys = new int[0];
      }
      List<Integer> chosen = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        String name = names.get(i);
        if (!keyNames.contains(name) && (whitelist.isEmpty() || whitelist.contains(name))) {
          chosen.add(i);
        }
      }
      values = chosen.stream().mapToInt(Integer::intValue).toArray();
    }

    SinkRow row(TableId table, Struct struct, SinkRecord record) {
      String origin = timestamps.isEmpty() ? null : origin(record);
      SinkRow.Field[] all = new SinkRow.Field[fields.length];
      for (int i = 0; i < fields.length; i++) {
        org.apache.kafka.connect.data.Field field = fields[i];
        // Struct.get answers a null field with its default; replace.null.with.default=false
        // wants the null itself.
        Object value = replaceNull ? struct.get(field) : struct.getWithoutDefault(field.name());
        SinkRow.Field row = new SinkRow.Field(field.name(), field.schema(), value);
        all[i] = origin == null ? row : timestamps.convert(row, origin);
      }
      List<SinkRow.Field> keyFields;
      if (pkMode == PkMode.RECORD_VALUE) {
        keyFields = new ArrayList<>(keys.length);
        for (int k = 0; k < keys.length; k++) {
          if (keys[k] < 0) {
            throw new ConnectException(
                "pk.fields names '"
                    + pkFields.get(k)
                    + "', which the value of record "
                    + origin(record)
                    + " does not have");
          }
          keyFields.add(all[keys[k]]);
        }
      } else {
        keyFields = keyFields(record);
      }
      List<SinkRow.Field> valueFields = new ArrayList<>(values.length);
      for (int i : values) {
        valueFields.add(all[i]);
      }
      return new SinkRow(table, keyFields, valueFields, false, record);
    }
  }

  /** The field called {@code name}, or null; lists are short, a scan beats a map. */
  private static SinkRow.Field named(List<SinkRow.Field> fields, String name) {
    for (SinkRow.Field field : fields) {
      if (field.name().equals(name)) {
        return field;
      }
    }
    return null;
  }

  private List<SinkRow.Field> fields(Schema schema, Object data, String what, SinkRecord record) {
    List<SinkRow.Field> fields = new ArrayList<>();
    if (data instanceof Struct struct) {
      for (org.apache.kafka.connect.data.Field field : struct.schema().fields()) {
        // Struct.get answers a null field with its default; replace.null.with.default=false
        // wants the null itself.
        Object value = replaceNull ? struct.get(field) : struct.getWithoutDefault(field.name());
        fields.add(new SinkRow.Field(field.name(), field.schema(), value));
      }
      return fields;
    }
    if (data instanceof String text
        && "value".equals(what)
        && schema != null
        && schema.type() == Schema.Type.STRING) {
      // Confluent's string.output.value.column.name: a plain string value fills one column.
      fields.add(new SinkRow.Field(stringColumn, schema, text));
      return fields;
    }
    if (data instanceof Map<?, ?> map && (schema == null || schema.type() == Schema.Type.MAP)) {
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (!(entry.getKey() instanceof String name)) {
          throw new ConnectException(
              "The " + what + " of record " + origin(record) + " is a map with non-string keys");
        }
        fields.add(new SinkRow.Field(name, null, entry.getValue()));
      }
      return fields;
    }
    throw new ConnectException(
        "The "
            + what
            + " of record "
            + origin(record)
            + " is "
            + (schema == null ? data.getClass().getSimpleName() : schema.type().toString())
            + ": the JDBC sink needs a Struct (a converter with schemas) or a JSON object");
  }
}
