package dev.wharf.connect.jdbc;

import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record as the sink writes it: its table, key fields (the primary key), the other fields, and
 * whether it deletes. Rows of the same shape (operation and column names) share one statement and
 * one JDBC batch.
 */
record SinkRow(
    TableId table, List<Field> keys, List<Field> values, boolean delete, SinkRecord record) {

  /** The record's coordinates, {@code topic-partition@offset}, for error messages. */
  String origin() {
    return RowMapper.origin(record);
  }

  /** A field to write; {@code schema} is null for a schemaless (JSON map) value. */
  record Field(String name, Schema schema, Object value) {}

  /** Whether {@code other} writes with the same statement, without building the shapes. */
  boolean sameShape(SinkRow other) {
    return delete == other.delete && sameNames(keys, other.keys) && sameNames(values, other.values);
  }

  private static boolean sameNames(List<Field> a, List<Field> b) {
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name())) {
        return false;
      }
    }
    return true;
  }
}
