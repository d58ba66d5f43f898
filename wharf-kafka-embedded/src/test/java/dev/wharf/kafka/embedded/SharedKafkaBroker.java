package dev.wharf.kafka.embedded;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * JUnit 5 extension that hands tests one embedded Kafka broker, on free ports in a temporary
 * directory, shared by every test of the JVM so a suite starts one broker rather than dozens. Tests
 * declare an {@link EmbeddedKafkaBroker} parameter (in a constructor, a lifecycle method or a test
 * method) and must not stop it; it stops when the suite ends.
 */
public final class SharedKafkaBroker implements ParameterResolver {
  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(SharedKafkaBroker.class);

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return context
        .getRoot()
        .getStore(NAMESPACE)
        .getOrComputeIfAbsent(Running.class, type -> Running.start(), Running.class)
        .broker;
  }

  /** The broker and its directory, closed by JUnit when the root context closes. */
  private static final class Running implements ExtensionContext.Store.CloseableResource {
    private final EmbeddedKafkaBroker broker;

    private Running(EmbeddedKafkaBroker broker) {
      this.broker = broker;
    }

    static Running start() {
      try {
        Path dir = Files.createTempDirectory("wharf-test-kafka");
        return new Running(
            EmbeddedKafkaBroker.builder().port(0).controllerPort(0).logDir(dir).build().start());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      broker.close();
    }
  }
}
