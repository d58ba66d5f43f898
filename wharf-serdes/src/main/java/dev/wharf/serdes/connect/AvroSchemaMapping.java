package dev.wharf.serdes.connect;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema.Field;
import org.apache.avro.Schema.Type;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Connect schemas to Avro schemas and back, following Confluent's AvroData mapping so that records
 * written by either converter read the same: {@code connect.name}, {@code connect.version}, {@code
 * connect.doc} and {@code connect.parameters} properties (when {@code connect.meta.data} is on),
 * INT8/INT16 as {@code int} with {@code connect.type}, optional schemas as unions with null,
 * unnamed structs as {@code io.confluent.connect.avro.ConnectDefault} records, maps with non-string
 * keys as arrays of {@code io.confluent.connect.avro.MapEntry}, and Decimal, Date, Time and
 * Timestamp as Avro logical types. Conversions are cached (LRU, {@code schemas.cache.config}
 * entries).
 */
public final class AvroSchemaMapping {
  static final String NAMESPACE = "io.confluent.connect.avro";
  static final String DEFAULT_NAME = "ConnectDefault";
  static final String MAP_ENTRY = NAMESPACE + ".MapEntry";
  static final String CONNECT_NAME = "connect.name";
  static final String CONNECT_DOC = "connect.doc";
  static final String CONNECT_VERSION = "connect.version";
  static final String CONNECT_PARAMETERS = "connect.parameters";
  static final String CONNECT_TYPE = "connect.type";
  static final String DECIMAL_PRECISION = "connect.decimal.precision";
  static final String ENUM_PARAMETER = NAMESPACE + ".Enum";
  private static final int DEFAULT_PRECISION = 64;

  private final boolean metadata;
  private final Map<Schema, org.apache.avro.Schema> toAvro;
  private final Map<org.apache.avro.Schema, Schema> toConnect;

  public AvroSchemaMapping(boolean metadata, int cacheSize) {
    this.metadata = metadata;
    this.toAvro = lru(cacheSize);
    this.toConnect = lru(cacheSize);
  }

  private static <K, V> Map<K, V> lru(int size) {
    return Collections.synchronizedMap(
        new LinkedHashMap<>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            return size() > size;
          }
        });
  }

  /** The Avro schema for a Connect schema. */
  public org.apache.avro.Schema toAvro(Schema schema) {
    org.apache.avro.Schema cached = toAvro.get(schema);
    if (cached != null) {
      return cached;
    }
    org.apache.avro.Schema converted = toAvro(schema, new int[] {0});
    toAvro.put(schema, converted);
    return converted;
  }

  private org.apache.avro.Schema toAvro(Schema schema, int[] unnamed) {
    org.apache.avro.Schema base = baseToAvro(schema, unnamed);
    if (!schema.isOptional()) {
      return base;
    }
    // A non-null default must match the union's first branch.
    return schema.defaultValue() != null
        ? org.apache.avro.Schema.createUnion(base, org.apache.avro.Schema.create(Type.NULL))
        : org.apache.avro.Schema.createUnion(org.apache.avro.Schema.create(Type.NULL), base);
  }

  private org.apache.avro.Schema baseToAvro(Schema schema, int[] unnamed) {
    String name = schema.name();
    org.apache.avro.Schema avro;
    switch (schema.type()) {
      case INT8, INT16 -> {
        avro = org.apache.avro.Schema.create(Type.INT);
        avro.addProp(CONNECT_TYPE, schema.type().getName());
      }
      case INT32 -> {
        avro = org.apache.avro.Schema.create(Type.INT);
        if (Date.LOGICAL_NAME.equals(name)) {
          LogicalTypes.date().addToSchema(avro);
        } else if (Time.LOGICAL_NAME.equals(name)) {
          LogicalTypes.timeMillis().addToSchema(avro);
        }
      }
      case INT64 -> {
        avro = org.apache.avro.Schema.create(Type.LONG);
        if (Timestamp.LOGICAL_NAME.equals(name)) {
          LogicalTypes.timestampMillis().addToSchema(avro);
        }
      }
      case FLOAT32 -> avro = org.apache.avro.Schema.create(Type.FLOAT);
      case FLOAT64 -> avro = org.apache.avro.Schema.create(Type.DOUBLE);
      case BOOLEAN -> avro = org.apache.avro.Schema.create(Type.BOOLEAN);
      case STRING -> avro = org.apache.avro.Schema.create(Type.STRING);
      case BYTES -> {
        avro = org.apache.avro.Schema.create(Type.BYTES);
        if (Decimal.LOGICAL_NAME.equals(name)) {
          addDecimal(avro, schema);
        }
      }
      case ARRAY ->
          avro = org.apache.avro.Schema.createArray(toAvro(schema.valueSchema(), unnamed));
      case MAP -> avro = mapToAvro(schema, unnamed);
      case STRUCT -> avro = structToAvro(schema, unnamed);
      default -> throw new DataException("Unknown Connect schema type " + schema.type());
    }
    if (metadata) {
      addMetadata(avro, schema);
    }
    return avro;
  }

  private static void addDecimal(org.apache.avro.Schema avro, Schema schema) {
    int scale = Integer.parseInt(schema.parameters().get(Decimal.SCALE_FIELD));
    String precisionText =
        schema.parameters() == null ? null : schema.parameters().get(DECIMAL_PRECISION);
    int precision = precisionText == null ? DEFAULT_PRECISION : Integer.parseInt(precisionText);
    if (scale >= 0 && scale <= precision) {
      LogicalTypes.decimal(precision, scale).addToSchema(avro);
    } else {
      // Avro refuses such a decimal; keep the properties without the logical type.
      avro.addProp("scale", scale);
      avro.addProp("precision", precision);
    }
  }

  private static void addMetadata(org.apache.avro.Schema avro, Schema schema) {
    if (schema.name() != null) {
      avro.addProp(CONNECT_NAME, schema.name());
    }
    if (schema.version() != null) {
      avro.addProp(CONNECT_VERSION, schema.version());
    }
    if (schema.doc() != null) {
      avro.addProp(CONNECT_DOC, schema.doc());
    }
    if (schema.parameters() != null && !schema.parameters().isEmpty()) {
      avro.addProp(CONNECT_PARAMETERS, new LinkedHashMap<>(schema.parameters()));
    }
  }

  private org.apache.avro.Schema mapToAvro(Schema schema, int[] unnamed) {
    Schema keySchema = schema.keySchema();
    if (keySchema.type() == Schema.Type.STRING && !keySchema.isOptional()) {
      return org.apache.avro.Schema.createMap(toAvro(schema.valueSchema(), unnamed));
    }
    List<Field> fields = new ArrayList<>();
    fields.add(new Field("key", toAvro(keySchema, unnamed)));
    fields.add(new Field("value", toAvro(schema.valueSchema(), unnamed)));
    org.apache.avro.Schema entry =
        org.apache.avro.Schema.createRecord("MapEntry", null, NAMESPACE, false, fields);
    return org.apache.avro.Schema.createArray(entry);
  }

  private org.apache.avro.Schema structToAvro(Schema schema, int[] unnamed) {
    String fullName = schema.name();
    if (fullName == null) {
      unnamed[0]++;
      fullName = NAMESPACE + "." + DEFAULT_NAME + (unnamed[0] == 1 ? "" : unnamed[0] - 1);
    }
    int dot = fullName.lastIndexOf('.');
    String namespace = dot < 0 ? null : fullName.substring(0, dot);
    String simpleName = dot < 0 ? fullName : fullName.substring(dot + 1);
    List<Field> fields = new ArrayList<>();
    for (org.apache.kafka.connect.data.Field field : schema.fields()) {
      org.apache.avro.Schema fieldSchema = toAvro(field.schema(), unnamed);
      fields.add(
          new Field(field.name(), fieldSchema, field.schema().doc(), defaultOf(field.schema())));
    }
    return org.apache.avro.Schema.createRecord(simpleName, schema.doc(), namespace, false, fields);
  }

  /** The Avro field default for a Connect schema's default; optional fields default to null. */
  private static Object defaultOf(Schema schema) {
    Object value = schema.defaultValue();
    if (value == null) {
      return schema.isOptional() ? JsonProperties.NULL_VALUE : null;
    }
    return jsonDefault(schema, value);
  }

  private static Object jsonDefault(Schema schema, Object value) {
    if (value == null) {
      return JsonProperties.NULL_VALUE;
    }
    return switch (schema.type()) {
      case INT8, INT16 -> ((Number) value).intValue();
      case INT32 ->
          value instanceof java.util.Date date
              ? (Object)
                  (Time.LOGICAL_NAME.equals(schema.name())
                      ? Time.fromLogical(schema, date)
                      : Date.fromLogical(schema, date))
              : value;
      case INT64 ->
          value instanceof java.util.Date date ? Timestamp.fromLogical(schema, date) : value;
      case BYTES ->
          new String(
              value instanceof java.math.BigDecimal decimal
                  ? Decimal.fromLogical(schema, decimal)
                  : value instanceof byte[] bytes ? bytes : ((java.nio.ByteBuffer) value).array(),
              StandardCharsets.ISO_8859_1);
      case ARRAY ->
          ((List<?>) value).stream().map(item -> jsonDefault(schema.valueSchema(), item)).toList();
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value)
            .forEach((k, v) -> map.put(String.valueOf(k), jsonDefault(schema.valueSchema(), v)));
        yield map;
      }
      case STRUCT -> {
        Map<String, Object> map = new LinkedHashMap<>();
        Struct struct = (Struct) value;
        for (org.apache.kafka.connect.data.Field field : schema.fields()) {
          map.put(field.name(), jsonDefault(field.schema(), struct.get(field)));
        }
        yield map;
      }
      default -> value;
    };
  }

  /** The Connect schema for an Avro schema. */
  public Schema toConnect(org.apache.avro.Schema schema) {
    Schema cached = toConnect.get(schema);
    if (cached != null) {
      return cached;
    }
    Schema converted = builder(schema).build();
    toConnect.put(schema, converted);
    return converted;
  }

  private SchemaBuilder builder(org.apache.avro.Schema avro) {
    if (avro.getType() == Type.UNION) {
      List<org.apache.avro.Schema> branches = avro.getTypes();
      List<org.apache.avro.Schema> nonNull =
          branches.stream().filter(b -> b.getType() != Type.NULL).toList();
      if (nonNull.size() == 1 && branches.size() == 2) {
        return builder(nonNull.get(0)).optional();
      }
      throw new DataException(
          "Avro unions other than [null, T] have no Connect equivalent here: " + avro);
    }
    SchemaBuilder builder = baseBuilder(avro);
    Object version = avro.getObjectProp(CONNECT_VERSION);
    if (version instanceof Number number && builder.version() == null) {
      builder.version(number.intValue());
    }
    String doc = avro.getProp(CONNECT_DOC);
    if (doc != null && builder.doc() == null) {
      builder.doc(doc);
    }
    Object parameters = avro.getObjectProp(CONNECT_PARAMETERS);
    if (parameters instanceof Map<?, ?> map) {
      map.forEach((k, v) -> builder.parameter(String.valueOf(k), String.valueOf(v)));
    }
    String connectName = avro.getProp(CONNECT_NAME);
    if (connectName != null && builder.name() == null) {
      builder.name(connectName);
    }
    return builder;
  }

  private SchemaBuilder baseBuilder(org.apache.avro.Schema avro) {
    String logical = avro.getProp("logicalType");
    switch (avro.getType()) {
      case INT:
        if ("date".equals(logical)) {
          return Date.builder();
        }
        if ("time-millis".equals(logical)) {
          return Time.builder();
        }
        String connectType = avro.getProp(CONNECT_TYPE);
        if ("int8".equals(connectType)) {
          return SchemaBuilder.int8();
        }
        if ("int16".equals(connectType)) {
          return SchemaBuilder.int16();
        }
        return SchemaBuilder.int32();
      case LONG:
        return "timestamp-millis".equals(logical) ? Timestamp.builder() : SchemaBuilder.int64();
      case FLOAT:
        return SchemaBuilder.float32();
      case DOUBLE:
        return SchemaBuilder.float64();
      case BOOLEAN:
        return SchemaBuilder.bool();
      case STRING:
        return SchemaBuilder.string();
      case ENUM:
        SchemaBuilder enumBuilder =
            SchemaBuilder.string().parameter(ENUM_PARAMETER, avro.getFullName());
        avro.getEnumSymbols()
            .forEach(symbol -> enumBuilder.parameter(ENUM_PARAMETER + "." + symbol, symbol));
        return enumBuilder;
      case BYTES:
      case FIXED:
        if ("decimal".equals(logical)) {
          Object scale = avro.getObjectProp("scale");
          Object precision = avro.getObjectProp("precision");
          SchemaBuilder decimal = Decimal.builder(scale instanceof Number n ? n.intValue() : 0);
          if (precision instanceof Number p) {
            decimal.parameter(DECIMAL_PRECISION, String.valueOf(p.intValue()));
          }
          return decimal;
        }
        return SchemaBuilder.bytes();
      case ARRAY:
        org.apache.avro.Schema items = avro.getElementType();
        if (items.getType() == Type.RECORD
            && MAP_ENTRY.equals(items.getFullName())
            && items.getField("key") != null
            && items.getField("value") != null) {
          return SchemaBuilder.map(
              toConnect(items.getField("key").schema()),
              toConnect(items.getField("value").schema()));
        }
        return SchemaBuilder.array(toConnect(items));
      case MAP:
        return SchemaBuilder.map(Schema.STRING_SCHEMA, toConnect(avro.getValueType()));
      case RECORD:
        SchemaBuilder struct = SchemaBuilder.struct();
        if (!avro.getFullName().startsWith(NAMESPACE + "." + DEFAULT_NAME)) {
          struct.name(avro.getFullName());
        }
        if (avro.getDoc() != null) {
          struct.doc(avro.getDoc());
        }
        for (Field field : avro.getFields()) {
          struct.field(field.name(), toConnect(field.schema()));
        }
        return struct;
      default:
        throw new DataException("Avro type " + avro.getType() + " has no Connect equivalent");
    }
  }
}
