package org.isachub.app;

import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.DistributeStage;
import org.isachub.distribute.lag.FeedLagMonitor;
import org.isachub.distribute.webhook.WebhookConfig;
import org.isachub.distribute.webhook.WebhookPusher;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.index.IndicatorIdIndex;
import org.isachub.ingest.taxii.TaxiiPoller;
import org.isachub.ingest.taxii.TaxiiSource;
import org.isachub.server.Health;
import org.isachub.server.ServerConfig;
import org.isachub.server.ServerRuntime;
import org.isachub.server.feeds.BlocklistModule;
import org.isachub.server.indicators.IndicatorModule;
import org.isachub.server.ingest.SubmissionsModule;
import org.isachub.server.metrics.MetricsModule;
import org.isachub.server.taxii.TaxiiModule;
import org.isachub.server.taxii.TaxiiSettings;
import org.jspecify.annotations.Nullable;

/** The stages this build provides, by role. Roles without an entry are reported as unavailable. */
final class StageRegistry {

  private StageRegistry() {}

  static Map<String, StageFactory> factories() {
    // Before any stage builds its meters, so that all of them reach the scrape.
    Observability.prometheus();
    // One set of checks per hub: the Streams stages add theirs, the server reports them all.
    Health health = new Health();
    Map<String, StageFactory> factories = new LinkedHashMap<>();
    factories.put("ingest", StageRegistry::ingest);
    factories.put("enrich", (config, kafka) -> enrich(config, kafka, health));
    factories.put("distribute", (config, kafka) -> distribute(config, kafka, health));
    factories.put("server", (config, kafka) -> server(config, kafka, health));
    return factories;
  }

  private static Stage ingest(HubConfig config, Map<String, Object> kafka) {
    IngestConfig ingestConfig = new IngestConfig(config.originals());
    IndicatorIdIndex index = new IndicatorIdIndex(kafka, "isachub-ingest-indicator-index");
    List<TaxiiPoller> pollers = new ArrayList<>();
    for (TaxiiSource source : ingestConfig.taxiiSources()) {
      pollers.add(new TaxiiPoller(source, ingestConfig, kafka, index, Metrics.globalRegistry));
    }
    return new Stage() {
      @Override
      public String role() {
        return "ingest";
      }

      @Override
      public void start() {
        index.start();
        pollers.forEach(TaxiiPoller::start);
      }

      @Override
      public String endpoint() {
        return pollers.size() + " TAXII poller(s); HTTP submissions are served by the server role";
      }

      @Override
      public void close() {
        pollers.forEach(TaxiiPoller::close);
        index.close();
      }
    };
  }

  private static Stage server(HubConfig config, Map<String, Object> kafka, Health health) {
    IngestConfig ingestConfig = new IngestConfig(config.originals());
    IndicatorIdIndex index = new IndicatorIdIndex(kafka, "isachub-server-indicator-index");
    Ingestor ingestor = new Ingestor(ingestConfig, kafka, index, Metrics.globalRegistry);
    BlocklistModule blocklists =
        new BlocklistModule(kafka, "isachub-server-blocklists", BlocklistModule.DEFAULT_REFRESH);
    IndicatorModule indicators = new IndicatorModule(kafka, "isachub-server-indicators");
    ServerRuntime runtime =
        new ServerRuntime(
            new ServerConfig(config.originals()),
            kafka,
            Metrics.globalRegistry,
            Clock.systemUTC(),
            List.of(
                new SubmissionsModule(ingestor, ingestConfig),
                new TaxiiModule(ingestor, ingestConfig, TaxiiSettings.defaults()),
                blocklists,
                indicators,
                new MetricsModule(Observability.prometheus())),
            health);
    return new Stage() {
      @Override
      public String role() {
        return "server";
      }

      @Override
      public void start() throws Exception {
        index.start();
        blocklists.start();
        indicators.start();
        runtime.start();
      }

      @Override
      public String endpoint() {
        return runtime.baseUri().toString();
      }

      @Override
      public void close() {
        runtime.close();
        indicators.close();
        blocklists.close();
        ingestor.close();
        index.close();
      }
    };
  }

  private static Stage distribute(HubConfig config, Map<String, Object> kafka, Health health) {
    DistributeConfig distributeConfig = new DistributeConfig(config.originals());
    DistributeStage stage =
        new DistributeStage(distributeConfig, kafka, config.dataDir(), Metrics.globalRegistry);
    long lagInterval = distributeConfig.getLong(DistributeConfig.LAG_INTERVAL_MS_CONFIG);
    // Measures every group reading a feed: TAXII cursors, members' own consumers, the pusher.
    @Nullable FeedLagMonitor lag =
        lagInterval > 0
            ? new FeedLagMonitor(
                kafka,
                "isachub-feed-lag-" + ProcessHandle.current().pid(),
                Duration.ofMillis(lagInterval),
                Metrics.globalRegistry,
                Clock.systemUTC())
            : null;
    WebhookConfig webhookConfig = new WebhookConfig(config.originals());
    // The webhook channel belongs to the distribute role: it reads the feeds that stage writes.
    @Nullable WebhookPusher webhooks =
        webhookConfig.getBoolean(WebhookConfig.ENABLED_CONFIG)
            ? new WebhookPusher(webhookConfig, kafka, Metrics.globalRegistry)
            : null;
    Observability.registerStreamsHealth(health, "distribute", stage::streams);
    return new Stage() {
      private @Nullable KafkaStreamsMetrics streamsMetrics;

      @Override
      public String role() {
        return "distribute";
      }

      @Override
      public void start() {
        stage.start();
        streamsMetrics = Observability.bindStreams(stage.streams());
        if (webhooks != null) {
          webhooks.start();
        }
        if (lag != null) {
          lag.start();
        }
      }

      @Override
      public String endpoint() {
        return "(Kafka Streams, exactly once; feeds on isac.feed.<member>.v1"
            + (webhooks != null ? "; signed webhooks)" : "; webhooks off)");
      }

      @Override
      public void close() {
        if (lag != null) {
          lag.close();
        }
        if (webhooks != null) {
          webhooks.close();
        }
        closeQuietly(streamsMetrics);
        stage.close();
      }
    };
  }

  private static Stage enrich(HubConfig config, Map<String, Object> kafka, Health health) {
    EnrichStage stage =
        new EnrichStage(
            new EnrichConfig(config.originals()), kafka, config.dataDir(), Metrics.globalRegistry);
    Observability.registerStreamsHealth(health, "enrich", stage::streams);
    return new Stage() {
      private @Nullable KafkaStreamsMetrics streamsMetrics;

      @Override
      public String role() {
        return "enrich";
      }

      @Override
      public void start() {
        stage.start();
        streamsMetrics = Observability.bindStreams(stage.streams());
      }

      @Override
      public String endpoint() {
        return "(Kafka Streams, exactly once)";
      }

      @Override
      public void close() {
        closeQuietly(streamsMetrics);
        stage.close();
      }
    };
  }

  private static void closeQuietly(@Nullable KafkaStreamsMetrics binding) {
    if (binding != null) {
      // Removes the Streams meters; the instance is about to go away.
      binding.close();
    }
  }
}
