package org.isachub.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.server.Health;
import org.isachub.server.ServerConfig;
import org.isachub.server.ServerRuntime;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code GET /metrics} and a shared health registry on a real server. */
@WithEmbeddedKafka
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class MetricsModuleIT {

  private static final String TOKEN = "0123456789abcdef0123456789abcdef-metrics";
  private final HttpClient http = HttpClient.newHttpClient();

  @Test
  void shouldServeTheRegistryToTheTokenHolderOnlyAndAnswer404WithoutAToken(
      EmbeddedKafkaBroker broker) throws Exception {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    Counter.builder("isachub.test.scraped").register(registry).increment(3);
    try (ServerRuntime on = start(broker, registry, TOKEN, new Health())) {
      HttpResponse<String> ok = get(on.baseUri(), "/metrics", TOKEN);
      assertThat(ok.statusCode()).isEqualTo(200);
      assertThat(ok.headers().firstValue("Content-Type")).hasValue(MetricsModule.CONTENT_TYPE);
      assertThat(ok.body()).contains("isachub_test_scraped_total 3.0");
      assertThat(get(on.baseUri(), "/metrics", "Basic " + TOKEN).statusCode()).isEqualTo(401);
      assertThat(get(on.baseUri(), "/metrics", TOKEN + "0").statusCode()).isEqualTo(401);
    }
    try (ServerRuntime off = start(broker, registry, "", new Health())) {
      HttpResponse<String> none = get(off.baseUri(), "/metrics", TOKEN);
      assertThat(none.statusCode()).isEqualTo(404);
      assertThat(none.body()).contains("isachub.server.metrics.token").doesNotContain("scraped");
    }
  }

  @Test
  void shouldReportChecksRegisteredOutsideTheServerAndGoNotReadyWithThem(EmbeddedKafkaBroker broker)
      throws Exception {
    Health health = new Health();
    AtomicBoolean enrichReady = new AtomicBoolean(true);
    health.register("enrich", enrichReady::get);
    try (ServerRuntime server =
        start(broker, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), "", health)) {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (get(server.baseUri(), "/health", null).statusCode() != 200) {
        assertThat(System.nanoTime()).isLessThan(deadline);
        Thread.sleep(100);
      }
      enrichReady.set(false);
      HttpResponse<String> notReady = get(server.baseUri(), "/health", null);
      assertThat(notReady.statusCode()).isEqualTo(503);
      assertThat(notReady.body()).contains("\"enrich\":\"not-ready\"");
    }
  }

  private static ServerRuntime start(
      EmbeddedKafkaBroker broker, PrometheusMeterRegistry registry, String token, Health health)
      throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    Map<String, String> settings = new HashMap<>();
    settings.put(ServerConfig.PORT_CONFIG, "0");
    settings.put(ServerConfig.METRICS_TOKEN_CONFIG, token);
    ServerRuntime r =
        new ServerRuntime(
            new ServerConfig(settings),
            kafka,
            registry,
            Clock.systemUTC(),
            List.of(new MetricsModule(registry)),
            health);
    r.start();
    return r;
  }

  private HttpResponse<String> get(URI base, String path, @Nullable String authorization)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (authorization != null) {
      b.header(
          "Authorization",
          authorization.startsWith("Basic ") ? authorization : "Bearer " + authorization);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
