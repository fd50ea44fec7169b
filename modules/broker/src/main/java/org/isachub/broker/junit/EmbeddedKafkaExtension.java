package org.isachub.broker.junit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.isachub.broker.BrokerSettings;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.FreePorts;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * Starts one {@link EmbeddedKafkaBroker} per test class on free loopback ports in a fresh temporary
 * directory, hands it to parameters of that type, and stops and deletes it after the class.
 */
public final class EmbeddedKafkaExtension
    implements BeforeAllCallback, AfterAllCallback, ParameterResolver {

  private static final ExtensionContext.Namespace NAMESPACE =
      ExtensionContext.Namespace.create(EmbeddedKafkaExtension.class);
  private static final String BROKER = "broker";
  private static final String DIR = "dir";

  @Override
  public void beforeAll(ExtensionContext context) throws IOException {
    Path dir = Files.createTempDirectory("isachub-it-broker-");
    EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(
            new BrokerSettings(dir, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of()));
    context.getStore(NAMESPACE).put(DIR, dir);
    context.getStore(NAMESPACE).put(BROKER, broker);
    broker.start();
  }

  @Override
  public void afterAll(ExtensionContext context) {
    EmbeddedKafkaBroker broker =
        context.getStore(NAMESPACE).remove(BROKER, EmbeddedKafkaBroker.class);
    Path dir = context.getStore(NAMESPACE).remove(DIR, Path.class);
    if (broker != null) {
      broker.close();
    }
    if (dir != null) {
      deleteTree(dir);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == EmbeddedKafkaBroker.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    EmbeddedKafkaBroker broker = context.getStore(NAMESPACE).get(BROKER, EmbeddedKafkaBroker.class);
    if (broker == null) {
      throw new IllegalStateException("no embedded broker: is the class annotated?");
    }
    return broker;
  }

  private static void deleteTree(Path dir) {
    try (Stream<Path> paths = Files.walk(dir)) {
      paths
          .sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.deleteIfExists(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException | UncheckedIOException e) {
      // A leftover temporary directory is not worth failing a test run for.
    }
  }
}
