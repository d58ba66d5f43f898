package dev.wharf.connect.jdbc;

import java.util.List;
import org.apache.kafka.connect.data.Schema;

/**
 * One record as the sink writes it: its table, key fields (the primary key), the other fields, and
 * whether it deletes. Rows of one {@link #shape()} share one statement and one JDBC batch.
 */
record SinkRow(TableId table, List<Field> keys, List<Field> values, boolean delete, String origin) {

  /** A field to write; {@code schema} is null for a schemaless (JSON map) value. */
  record Field(String name, Schema schema, Object value) {}

  /** What decides the SQL: the operation and the column names. */
  record Shape(boolean delete, List<String> keys, List<String> values) {}

  Shape shape() {
    return new Shape(
        delete, keys.stream().map(Field::name).toList(), values.stream().map(Field::name).toList());
  }
}
