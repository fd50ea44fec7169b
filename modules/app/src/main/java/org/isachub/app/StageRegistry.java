package org.isachub.app;

import io.micrometer.core.instrument.Metrics;
import java.util.LinkedHashMap;
import java.util.Map;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.DistributeStage;
import org.isachub.distribute.webhook.WebhookConfig;
import org.isachub.distribute.webhook.WebhookPusher;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;
import org.jspecify.annotations.Nullable;

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
    WebhookConfig webhookConfig = new WebhookConfig(config.originals());
    // The webhook channel belongs to the distribute role: it reads the feeds that stage writes.
    @Nullable WebhookPusher webhooks =
        webhookConfig.getBoolean(WebhookConfig.ENABLED_CONFIG)
            ? new WebhookPusher(webhookConfig, kafka, Metrics.globalRegistry)
            : null;
    return new Stage() {
      @Override
      public String role() {
        return "distribute";
      }

      @Override
      public void start() {
        stage.start();
        if (webhooks != null) {
          webhooks.start();
        }
      }

      @Override
      public String endpoint() {
        return "(Kafka Streams, exactly once; feeds on isac.feed.<member>.v1"
            + (webhooks != null ? "; signed webhooks)" : "; webhooks off)");
      }

      @Override
      public void close() {
        if (webhooks != null) {
          webhooks.close();
        }
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
