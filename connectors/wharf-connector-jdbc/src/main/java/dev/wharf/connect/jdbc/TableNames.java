package dev.wharf.connect.jdbc;

import java.util.Arrays;
import java.util.List;

/**
 * The sink's topic-to-table rule. {@code table.name.format} is split on its own dots into {@code
 * [catalog.][schema.]table} (for MySQL/MariaDB {@code database.table}); then {@code ${topic}} in
 * each part becomes the topic name with every dot replaced by an underscore. So a topic's dots
 * never pick a schema: {@code shop.orders} writes table {@code shop_orders}, and {@code
 * archive.${topic}} writes {@code archive.shop_orders}.
 */
final class TableNames {
  static final String TOPIC = "${topic}";

  private TableNames() {}

  /** The parts of {@code format} before substitution (empty parts mean a malformed format). */
  static List<String> parts(String format) {
    return Arrays.asList(format.split("\\.", -1));
  }

  static TableId table(String format, String topic, Dialect dialect) {
    String safeTopic = topic.replace('.', '_');
    List<String> parts = parts(format).stream().map(p -> p.replace(TOPIC, safeTopic)).toList();
    return switch (parts.size()) {
      case 1 -> new TableId(null, null, parts.get(0));
      case 2 ->
          dialect instanceof MySqlDialect
              ? new TableId(parts.get(0), null, parts.get(1))
              : new TableId(null, parts.get(0), parts.get(1));
      case 3 -> new TableId(parts.get(0), parts.get(1), parts.get(2));
      default ->
          throw new IllegalArgumentException(
              "table.name.format '" + format + "' has more than three dot-separated parts");
    };
  }
}
