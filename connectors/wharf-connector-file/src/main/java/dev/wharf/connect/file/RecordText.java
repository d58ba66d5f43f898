package dev.wharf.connect.file;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;

/**
 * The line the sink writes for a record value: a string as it is, structs, maps and arrays as
 * compact JSON (fields in schema order), bytes as base64, Connect's date and time values as
 * ISO-8601 instants, decimals in plain notation, anything else (numbers, booleans, and a null
 * value, written {@code null} as Apache does) by its string form.
 */
final class RecordText {
  private RecordText() {}

  static String of(Object value) {
    if (value instanceof String text) {
      return text;
    }
    if (value instanceof Struct || value instanceof Map || value instanceof Collection) {
      StringBuilder json = new StringBuilder();
      json(value, json);
      return json.toString();
    }
    if (value instanceof byte[] || value instanceof ByteBuffer) {
      return base64(value);
    }
    if (value instanceof Date date) {
      return date.toInstant().toString();
    }
    if (value instanceof BigDecimal decimal) {
      return decimal.toPlainString();
    }
    return String.valueOf(value);
  }

  private static void json(Object value, StringBuilder out) {
    if (value == null) {
      out.append("null");
    } else if (value instanceof Struct struct) {
      out.append('{');
      Iterator<Field> fields = struct.schema().fields().iterator();
      while (fields.hasNext()) {
        Field field = fields.next();
        string(field.name(), out);
        out.append(':');
        json(struct.get(field), out);
        if (fields.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof Map<?, ?> map) {
      out.append('{');
      Iterator<? extends Map.Entry<?, ?>> entries = map.entrySet().iterator();
      while (entries.hasNext()) {
        Map.Entry<?, ?> entry = entries.next();
        string(String.valueOf(entry.getKey()), out);
        out.append(':');
        json(entry.getValue(), out);
        if (entries.hasNext()) {
          out.append(',');
        }
      }
      out.append('}');
    } else if (value instanceof Collection<?> list) {
      out.append('[');
      Iterator<?> items = list.iterator();
      while (items.hasNext()) {
        json(items.next(), out);
        if (items.hasNext()) {
          out.append(',');
        }
      }
      out.append(']');
    } else if (value instanceof Boolean) {
      out.append(value);
    } else if (value instanceof BigDecimal decimal) {
      out.append(decimal.toPlainString());
    } else if (value instanceof Double d && (d.isNaN() || d.isInfinite())
        || value instanceof Float f && (f.isNaN() || f.isInfinite())) {
      string(value.toString(), out);
    } else if (value instanceof Number) {
      out.append(value);
    } else if (value instanceof byte[] || value instanceof ByteBuffer) {
      string(base64(value), out);
    } else if (value instanceof Date date) {
      string(date.toInstant().toString(), out);
    } else {
      string(value.toString(), out);
    }
  }

  private static String base64(Object bytes) {
    if (bytes instanceof ByteBuffer buffer) {
      ByteBuffer copy = buffer.duplicate();
      byte[] array = new byte[copy.remaining()];
      copy.get(array);
      return Base64.getEncoder().encodeToString(array);
    }
    return Base64.getEncoder().encodeToString((byte[]) bytes);
  }

  private static void string(String text, StringBuilder out) {
    out.append('"');
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        default -> {
          if (c < 0x20) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    out.append('"');
  }
}
