package dev.wharf.connect.jdbc;

import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.StringJoiner;

/**
 * A table as the database metadata names it: catalog and schema may be null. Its unquoted
 * fully-qualified name is what Confluent stores in source partitions.
 */
record TableId(String catalog, String schema, String table) {
  TableId {
    Objects.requireNonNull(table, "table");
  }

  /** {@code catalog.schema.table}, skipping null parts, unquoted (Confluent's partition form). */
  String fullName() {
    StringJoiner joiner = new StringJoiner(".");
    if (catalog != null) {
      joiner.add(catalog);
    }
    if (schema != null) {
      joiner.add(schema);
    }
    return joiner.add(table).toString();
  }

  /** The name in SQL, each part quoted by {@code dialect} when {@code quote} is on. */
  String sql(Dialect dialect, boolean quote) {
    StringJoiner joiner = new StringJoiner(".");
    if (catalog != null && dialect.qualifiesWithCatalog()) {
      joiner.add(dialect.identifier(catalog, quote));
    }
    if (schema != null) {
      joiner.add(dialect.identifier(schema, quote));
    }
    return joiner.add(dialect.identifier(table, quote)).toString();
  }

  /** Whether a {@code table.whitelist}/{@code table.blacklist} entry names this table. */
  boolean matches(String entry) {
    String unquoted = entry.replace("\"", "").replace("`", "");
    return entry.equals(table)
        || entry.equals(fullName())
        || unquoted.equals(fullName())
        || unquoted.equals(table);
  }

  /** A form that survives a task config whatever characters the names hold. */
  String encode() {
    return part(catalog) + "." + part(schema) + "." + part(table);
  }

  static TableId decode(String encoded) {
    String[] parts = encoded.split("\\.", -1);
    if (parts.length != 3) {
      throw new IllegalArgumentException("Not an encoded table: " + encoded);
    }
    return new TableId(unpart(parts[0]), unpart(parts[1]), unpart(parts[2]));
  }

  static String encodeAll(List<TableId> tables) {
    StringJoiner joiner = new StringJoiner(",");
    tables.forEach(t -> joiner.add(t.encode()));
    return joiner.toString();
  }

  static List<TableId> decodeAll(String encoded) {
    List<TableId> tables = new ArrayList<>();
    if (encoded == null || encoded.isEmpty()) {
      return tables;
    }
    for (String one : encoded.split(",")) {
      tables.add(decode(one));
    }
    return tables;
  }

  private static String part(String value) {
    if (value == null) {
      return "~";
    }
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace(".", "%2E");
  }

  private static String unpart(String value) {
    return "~".equals(value) ? null : URLDecoder.decode(value, StandardCharsets.UTF_8);
  }
}
