package dev.wharf.core.config;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Raw configuration text from one place (a file, the environment, the command line), with a
 * description that error messages quote.
 */
public record ConfigSource(String description, Map<String, String> values) {

  public ConfigSource {
    values = Map.copyOf(values);
  }

  /** Reads a Java properties file. */
  public static ConfigSource file(Path path) {
    if (Files.isDirectory(path)) {
      throw new ConfigException("cannot read config file " + path + ": it is a directory");
    }
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(path, StandardCharsets.UTF_8)) {
      properties.load(reader);
    } catch (NoSuchFileException e) {
      throw new ConfigException("cannot read config file " + path + ": no such file");
    } catch (IOException | IllegalArgumentException e) {
      throw new ConfigException("cannot read config file " + path + ": " + describe(e));
    }
    Map<String, String> values = new LinkedHashMap<>();
    properties
        .stringPropertyNames()
        .forEach(name -> values.put(name, properties.getProperty(name)));
    return new ConfigSource("config file " + path, values);
  }

  /** The {@code WHARF_*} variables of {@code environment} that name keys of {@code definition}. */
  public static ConfigSource environment(
      ConfigDefinition definition, Map<String, String> environment) {
    return new ConfigSource("environment", EnvironmentOverrides.keysFrom(definition, environment));
  }

  private static String describe(Exception e) {
    if (e instanceof AccessDeniedException) {
      return "permission denied";
    }
    String message = e.getMessage();
    return message == null ? e.getClass().getSimpleName() : message;
  }
}
