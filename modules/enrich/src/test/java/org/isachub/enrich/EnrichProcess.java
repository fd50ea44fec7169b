package org.isachub.enrich;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;

/**
 * The enrich stage alone in its own JVM, for tests that kill it: {@code bootstrap stateDir
 * commitIntervalMs}. Prints {@code enrich running} once the topology runs.
 */
public final class EnrichProcess {

  private EnrichProcess() {}

  /**
   * Starts the stage and waits forever.
   *
   * @param args bootstrap servers, state directory, commit interval in milliseconds
   * @throws InterruptedException never, in practice
   */
  public static void main(String[] args) throws InterruptedException {
    EnrichConfig config =
        new EnrichConfig(
            Map.of(
                EnrichConfig.STATE_DIR_CONFIG, args[1],
                EnrichConfig.COMMIT_INTERVAL_MS_CONFIG, args[2]));
    EnrichStage stage =
        new EnrichStage(
            config,
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, args[0]),
            Path.of(args[1]),
            new SimpleMeterRegistry());
    Runtime.getRuntime().addShutdownHook(new Thread(stage::close));
    stage.start();
    System.out.println("enrich running");
    System.out.flush();
    Thread.currentThread().join();
  }
}
