package org.isachub.app;

import io.micrometer.core.instrument.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.DistributeStage;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;

/** The stages this build provides, by role. Roles without an entry are reported as unavailable. */
final class StageRegistry {

  private StageRegistry() {}

  static Map<String, StageFactory> factories() {
    Map<String, StageFactory> factories = new LinkedHashMap<>();
    factories.put("enrich", StageRegistry::enrich);
    factories.put("distribute", StageRegistry::distribute);
    return factories;
  }

  private static Stage distribute(HubConfig config, Map<String, Object> kafka) {
    DistributeStage stage =
        new DistributeStage(
            new DistributeConfig(config.originals()),
            kafka,
            config.dataDir(),
            Metrics.globalRegistry);
    return new Stage() {
      @Override
      public String role() {
        return "distribute";
      }

      @Override
      public void start() {
        stage.start();
      }

      @Override
      public String endpoint() {
        return "(Kafka Streams, exactly once; feeds on isac.feed.<member>.v1)";
      }

      @Override
      public void close() {
        stage.close();
      }
    };
  }

  private static Stage enrich(HubConfig config, Map<String, Object> kafka) {
    EnrichStage stage =
        new EnrichStage(
            new EnrichConfig(config.originals()), kafka, config.dataDir(), Metrics.globalRegistry);
    return new Stage() {
      @Override
      public String role() {
        return "enrich";
      }

      @Override
      public void start() {
        stage.start();
      }

      @Override
      public String endpoint() {
        return "(Kafka Streams, exactly once)";
      }

      @Override
      public void close() {
        stage.close();
      }
    };
  }
}
