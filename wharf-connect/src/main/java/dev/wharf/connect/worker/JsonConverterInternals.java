package dev.wharf.connect.worker;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.json.JsonDeserializer;
import org.apache.kafka.connect.json.JsonSerializer;
import org.slf4j.LoggerFactory;

/**
 * The parts of Apache's {@link JsonConverter} that {@link EnvelopeJsonConverter} uses, found once:
 * its config, its (de)serializers' object mappers, its fixed {@code schema.content}, and its two
 * conversion methods. Null when any is missing (another Kafka version), and then nothing is
 * wrapped.
 */
record JsonConverterInternals(
    VarHandle config,
    VarHandle fixedSchema,
    VarHandle serializer,
    VarHandle deserializer,
    VarHandle serializerMapper,
    VarHandle deserializerMapper,
    MethodHandle convertToJson,
    MethodHandle convertToConnect) {

  static JsonConverterInternals find() {
    try {
      MethodHandles.Lookup converter =
          MethodHandles.privateLookupIn(JsonConverter.class, MethodHandles.lookup());
      MethodHandles.Lookup serializer =
          MethodHandles.privateLookupIn(JsonSerializer.class, MethodHandles.lookup());
      MethodHandles.Lookup deserializer =
          MethodHandles.privateLookupIn(JsonDeserializer.class, MethodHandles.lookup());
      return new JsonConverterInternals(
          converter.findVarHandle(JsonConverter.class, "config", JsonConverterConfig.class),
          converter.findVarHandle(JsonConverter.class, "schema", Schema.class),
          converter.findVarHandle(JsonConverter.class, "serializer", JsonSerializer.class),
          converter.findVarHandle(JsonConverter.class, "deserializer", JsonDeserializer.class),
          serializer.findVarHandle(JsonSerializer.class, "objectMapper", ObjectMapper.class),
          deserializer.findVarHandle(JsonDeserializer.class, "objectMapper", ObjectMapper.class),
          converter
              .findVirtual(
                  JsonConverter.class,
                  "convertToJson",
                  MethodType.methodType(JsonNode.class, Schema.class, Object.class))
              .asType(
                  MethodType.methodType(
                      JsonNode.class, JsonConverter.class, Schema.class, Object.class)),
          converter.findStatic(
              JsonConverter.class,
              "convertToConnect",
              MethodType.methodType(
                  Object.class, Schema.class, JsonNode.class, JsonConverterConfig.class)));
    } catch (ReflectiveOperationException | RuntimeException e) {
      LoggerFactory.getLogger(JsonConverterInternals.class)
          .info("JsonConverter's schema cache is off: {}", e.toString());
      return null;
    }
  }
}
