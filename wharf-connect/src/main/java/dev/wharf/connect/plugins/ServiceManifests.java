package dev.wharf.connect.plugins;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Enumeration;
import java.util.LinkedHashSet;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads {@code META-INF/services} provider-configuration files (one class name per line, {@code #}
 * starts a comment) as {@link java.util.ServiceLoader} does. The runtime reads them itself rather
 * than through ServiceLoader so that it sees only the manifests of one plugin location, and can
 * report each broken entry with its plugin instead of stopping at the first.
 */
final class ServiceManifests {
  private static final Logger log = LoggerFactory.getLogger(ServiceManifests.class);

  private ServiceManifests() {}

  /** The class names listed in the given manifest files, in order, without duplicates. */
  static Set<String> classNames(Enumeration<URL> manifests) {
    Set<String> names = new LinkedHashSet<>();
    while (manifests.hasMoreElements()) {
      URL manifest = manifests.nextElement();
      try (BufferedReader reader =
          new BufferedReader(
              new InputStreamReader(manifest.openStream(), StandardCharsets.UTF_8))) {
        for (String line = reader.readLine(); line != null; line = reader.readLine()) {
          int comment = line.indexOf('#');
          String name = (comment >= 0 ? line.substring(0, comment) : line).strip();
          if (!name.isEmpty()) {
            names.add(name);
          }
        }
      } catch (IOException e) {
        log.error("Could not read ServiceLoader manifest {}; ignoring it", manifest, e);
      }
    }
    return names;
  }
}
