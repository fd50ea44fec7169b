package org.isachub.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.isachub.server.feeds.Entries.T0;
import static org.isachub.server.feeds.Entries.upsert;
import static org.isachub.server.feeds.Entries.withdraw;
import static org.isachub.server.indicators.Views.state;
import static org.isachub.server.indicators.Views.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.server.feeds.BlocklistModule;
import org.isachub.server.indicators.IndicatorModule;
import org.isachub.server.internal.TopicReplica;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Blocklists, the indicator lookup and the recipients dry run over real HTTP. */
@WithEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ReadApisIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Duration WAIT = Duration.ofSeconds(60);
  private static final String BOTH = "ipv4-addr:203.0.113.10";
  private static final String AMBER_ONLY = "domain-name:amber-only.example";
  private static final String NAMED = "ipv4-addr:203.0.113.99";
  private static final String URL = "url:http://bad.example/login";

  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, Object> kafka;
  private BlocklistModule blocklists;
  private IndicatorModule indicators;
  private ServerRuntime runtime;
  private URI base;
  private Map<String, String> tokens;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
      // us-pa's feed exists from the start; us-pa-dauphin's appears later, like a new member's.
      new TopicCatalogue(admin, (short) 1, 1).apply(List.of(Topics.feed("us-pa")));
    }
    blocklists = new BlocklistModule(kafka, "read-apis-it-blocklists", Duration.ofMillis(300));
    indicators = new IndicatorModule(kafka, "read-apis-it-indicators");
    runtime =
        new ServerRuntime(
            new ServerConfig(Map.of(ServerConfig.PORT_CONFIG, "0")),
            kafka,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            List.of(blocklists, indicators));
    blocklists.start();
    indicators.start();
    runtime.start();
    base = runtime.baseUri();
    List<DemoSeed.DemoMember> demo;
    try (InputStream in = Files.newInputStream(Path.of("../../deploy/local/demo-members.json"))) {
      demo = DemoSeed.read(in);
    }
    tokens =
        new DemoSeed(runtime.context().directory(), runtime.context().admin(), Clock.systemUTC())
            .seed(demo, dir.resolve("demo-credentials.json"), Duration.ofSeconds(30))
            .credentials();

    write(
        Topics.INDICATORS,
        indicators.replica(),
        BOTH,
        state(
            BOTH,
            view(Clearance.GREEN, null, Tlp.GREEN, 40, "us-pa-dauphin"),
            view(Clearance.AMBER, null, Tlp.AMBER, 85, "us-pa-dauphin", "amber-partner")));
    write(
        Topics.INDICATORS,
        indicators.replica(),
        AMBER_ONLY,
        state(AMBER_ONLY, view(Clearance.AMBER, null, Tlp.AMBER, 70, "amber-partner")));
    write(
        Topics.INDICATORS,
        indicators.replica(),
        NAMED,
        state(NAMED, view(Clearance.AMBER, "us-az", Tlp.RED, 90, "us-pa")));
    write(
        Topics.INDICATORS,
        indicators.replica(),
        URL,
        state(URL, view(Clearance.GREEN, null, Tlp.CLEAR, 55, "urlhaus")));
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (indicators != null) {
      indicators.close();
    }
    if (blocklists != null) {
      blocklists.close();
    }
  }

  private <V> void write(TopicSpec<String, V> spec, TopicReplica replica, String key, V value)
      throws Exception {
    Map<String, Object> p = new HashMap<>(kafka);
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(p, spec.keySerde().serializer(), spec.valueSerde().serializer())) {
      RecordMetadata at = producer.send(new ProducerRecord<>(spec.name(), key, value)).get();
      assertThat(replica.awaitApplied(at.topic(), at.partition(), at.offset(), WAIT))
          .as("replica applied %s", key)
          .isTrue();
    }
  }

  private void feed(String member, FeedEntry entry) throws Exception {
    write(Topics.feed(member), blocklists.replica(), entry.getKey(), entry);
  }

  private HttpResponse<String> get(String path, String member) throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + tokens.get(member))
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String enc(String key) {
    return URLEncoder.encode(key, StandardCharsets.UTF_8);
  }

  @Test
  void shouldServeAMembersActiveValuesAsTextAndCsvAndDropAWithdrawnOne() throws Exception {
    feed("us-pa", upsert("us-pa", "ipv4-addr:198.51.100.1", 81.6, T0));
    feed("us-pa", upsert("us-pa", "ipv4-addr:198.51.100.2", 50, T0.plusSeconds(5)));
    feed("us-pa", upsert("us-pa", "domain-name:evil.example", 70, T0.plusSeconds(10)));

    HttpResponse<String> all = get("/api/v1/feeds/us-pa/blocklist.txt", "us-pa");
    assertThat(all.statusCode()).as(all.body()).isEqualTo(200);
    assertThat(all.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain");
    assertThat(all.body()).isEqualTo("evil.example\n198.51.100.1\n198.51.100.2\n");

    feed("us-pa", withdraw("us-pa", "ipv4-addr:198.51.100.2", T0.plusSeconds(20)));

    HttpResponse<String> ips = get("/api/v1/feeds/us-pa/blocklist.txt?type=ipv4-addr", "us-pa");
    assertThat(ips.statusCode()).isEqualTo(200);
    assertThat(ips.body()).isEqualTo("198.51.100.1\n");

    HttpResponse<String> csv = get("/api/v1/feeds/us-pa/blocklist.csv", "us-pa");
    assertThat(csv.statusCode()).isEqualTo(200);
    assertThat(csv.headers().firstValue("Content-Type").orElse("")).startsWith("text/csv");
    assertThat(csv.body())
        .isEqualTo(
            "type,value,score,tlp,first_listed\r\n"
                + "domain-name,evil.example,70,TLP:GREEN,2026-11-03T06:00:10Z\r\n"
                + "ipv4-addr,198.51.100.1,82,TLP:GREEN,2026-11-03T06:00:00Z\r\n");
    HttpResponse<String> domains =
        get("/api/v1/feeds/us-pa/blocklist.csv?type=domain-name", "us-pa");
    assertThat(domains.body())
        .isEqualTo(
            "type,value,score,tlp,first_listed\r\n"
                + "domain-name,evil.example,70,TLP:GREEN,2026-11-03T06:00:10Z\r\n");
  }

  @Test
  void shouldFollowAFeedTopicCreatedAfterStartAndKeepMembersApart() throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(List.of(Topics.feed("us-pa-dauphin")));
    }
    feed("us-pa-dauphin", upsert("us-pa-dauphin", "ipv4-addr:192.0.2.5", 60, T0));

    HttpResponse<String> own = get("/api/v1/feeds/us-pa-dauphin/blocklist.txt", "us-pa-dauphin");
    assertThat(own.statusCode()).isEqualTo(200);
    assertThat(own.body()).isEqualTo("192.0.2.5\n");

    HttpResponse<String> other = get("/api/v1/feeds/us-pa/blocklist.txt", "us-pa-dauphin");
    assertThat(other.statusCode()).isEqualTo(403);
    assertThat(other.body()).doesNotContain("198.51.100");
    assertThat(get("/api/v1/feeds/us-pa-dauphin/blocklist.csv", "analyst").statusCode())
        .isEqualTo(403);

    HttpResponse<String> asAdmin = get("/api/v1/feeds/us-pa-dauphin/blocklist.txt", "admin");
    assertThat(asAdmin.statusCode()).isEqualTo(200);
    assertThat(asAdmin.body()).isEqualTo("192.0.2.5\n");
    assertThat(get("/api/v1/feeds/no-such-member/blocklist.txt", "admin").statusCode())
        .isEqualTo(404);
    assertThat(get("/api/v1/feeds/no-such-member/blocklist.txt", "us-pa").statusCode())
        .isEqualTo(403);
  }

  @Test
  void shouldForgetAListWhoseFeedTopicWasDeleted() throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(List.of(Topics.feed("us-az")));
    }
    feed("us-az", upsert("us-az", "ipv4-addr:192.0.2.77", 60, T0));
    assertThat(get("/api/v1/feeds/us-az/blocklist.txt", "us-az").body()).isEqualTo("192.0.2.77\n");

    try (Admin admin = Admin.create(kafka)) {
      admin.deleteTopics(List.of(Topics.feed("us-az").name())).all().get();
    }

    // The replica looks for topics every 300 ms; the class timeout bounds the wait.
    String body = get("/api/v1/feeds/us-az/blocklist.txt", "us-az").body();
    while (!body.isEmpty()) {
      Thread.sleep(100);
      body = get("/api/v1/feeds/us-az/blocklist.txt", "us-az").body();
    }
    assertThat(get("/api/v1/feeds/us-az/blocklist.csv", "us-az").body())
        .isEqualTo("type,value,score,tlp,first_listed\r\n");
  }

  @Test
  void shouldAnswer503WithRetryAfterUntilTheReplicasHaveCaughtUp() throws Exception {
    // Modules that are never started stand for replicas still loading.
    try (BlocklistModule loadingLists =
            new BlocklistModule(kafka, "read-apis-it-loading-lists", Duration.ofSeconds(1));
        IndicatorModule loadingStates = new IndicatorModule(kafka, "read-apis-it-loading-states");
        ServerRuntime loading =
            new ServerRuntime(
                new ServerConfig(Map.of(ServerConfig.PORT_CONFIG, "0")),
                kafka,
                new SimpleMeterRegistry(),
                Clock.systemUTC(),
                List.of(loadingLists, loadingStates))) {
      loading.start();
      assertThat(loading.context().directory().awaitReady(WAIT)).isTrue();
      URI other = loading.baseUri();

      for (String path :
          List.of(
              "/api/v1/feeds/us-pa/blocklist.txt",
              "/api/v1/indicators/" + enc(BOTH),
              "/api/v1/indicators/" + enc(BOTH) + "/recipients")) {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(other.resolve(path))
                    .header(
                        "Authorization",
                        "Bearer " + tokens.get(path.contains("feeds") ? "us-pa" : "analyst"))
                    .GET()
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(path + " " + r.body()).isEqualTo(503);
        assertThat(r.headers().firstValue("Retry-After")).contains("5");
        assertThat(JSON.readTree(r.body()).path("message").asText()).contains("still loading");
      }
    }
  }

  @Test
  void shouldRefuseAnUnknownTypeWithA400ThatNamesTheKnownOnes() throws Exception {
    HttpResponse<String> r = get("/api/v1/feeds/us-pa/blocklist.txt?type=ipv5-addr", "us-pa");

    assertThat(r.statusCode()).isEqualTo(400);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("error").asText()).isEqualTo("bad_request");
    assertThat(body.path("message").asText()).contains("ipv5-addr").contains("ipv4-addr");
  }

  @Test
  void shouldShowAGreenMemberOnlyTheGreenView() throws Exception {
    HttpResponse<String> r = get("/api/v1/indicators/" + enc(BOTH), "us-pa-dauphin");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("key").asText()).isEqualTo(BOTH);
    assertThat(body.path("tlp").asText()).isEqualTo("TLP:GREEN");
    assertThat(body.path("decision").asText()).isEqualTo("ACTIVE");
    assertThat(body.path("score").path("value").asDouble()).isEqualTo(40.0);
    assertThat(body.path("score").path("components").path("corroboration").asDouble())
        .isEqualTo(0.4);
    assertThat(body.path("source_count").asInt()).isEqualTo(1);
    assertThat(
            runtime
                .context()
                .metrics()
                .get("isachub.server.replica.entries")
                .tag("replica", "indicators")
                .gauge()
                .value())
        .isEqualTo(4.0);
    assertThat(r.body()).doesNotContain("amber-partner").doesNotContain("85");
    assertThat(body.has("contributions") || body.has("sightings") || body.has("version")).isFalse();
  }

  @Test
  void shouldShowAnAmberMemberAndAnAnalystTheAmberView() throws Exception {
    for (String member : List.of("us-pa", "analyst")) {
      HttpResponse<String> r = get("/api/v1/indicators/" + enc(BOTH), member);

      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode body = JSON.readTree(r.body());
      assertThat(body.path("tlp").asText()).isEqualTo("TLP:AMBER");
      assertThat(body.path("score").path("value").asDouble()).isEqualTo(85.0);
      assertThat(body.path("sources").toString()).contains("amber-partner");
    }
  }

  @Test
  void shouldAnswer404AlikeForAnUnknownKeyAndForOneNothingOfWhichIsVisible() throws Exception {
    HttpResponse<String> unknown =
        get("/api/v1/indicators/" + enc("ipv4-addr:203.0.113.250"), "us-pa-dauphin");
    HttpResponse<String> amberOnly = get("/api/v1/indicators/" + enc(AMBER_ONLY), "us-pa-dauphin");
    HttpResponse<String> namedOther = get("/api/v1/indicators/" + enc(NAMED), "analyst");

    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(amberOnly.statusCode()).isEqualTo(404);
    assertThat(namedOther.statusCode()).isEqualTo(404);
    assertThat(JSON.readTree(amberOnly.body()).path("error").asText()).isEqualTo("not_found");
    assertThat(get("/api/v1/indicators/" + enc(AMBER_ONLY), "us-pa").statusCode()).isEqualTo(200);
    assertThat(get("/api/v1/indicators/" + enc(NAMED), "us-az").statusCode()).isEqualTo(200);
  }

  @Test
  void shouldFindAUrlKeyWhoseSlashesArePercentEncoded() throws Exception {
    HttpResponse<String> r = get("/api/v1/indicators/" + enc(URL), "vendor-acme");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    assertThat(JSON.readTree(r.body()).path("value").asText())
        .isEqualTo("http://bad.example/login");
  }

  @Test
  void shouldRefuseAMalformedKeyWithA400() throws Exception {
    HttpResponse<String> r = get("/api/v1/indicators/" + enc("not-a-key"), "us-pa");

    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(r.body()).path("message").asText()).contains("canonical");
  }

  @Test
  void shouldTellAnAnalystForEveryMemberWhetherAndWhyItWouldReceiveTheIndicator() throws Exception {
    HttpResponse<String> r =
        get("/api/v1/indicators/" + enc(AMBER_ONLY) + "/recipients", "analyst");

    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    Map<String, JsonNode> rows = new HashMap<>();
    for (JsonNode row : JSON.readTree(r.body()).path("members")) {
      rows.put(row.path("member").asText(), row);
    }
    assertThat(rows).containsKeys("admin", "analyst", "us-pa", "us-pa-dauphin", "vendor-acme");
    assertThat(rows.get("us-pa").path("receives").asBoolean()).isTrue();
    assertThat(rows.get("us-pa").path("reason").asText()).startsWith("matched by us-pa-all");
    assertThat(rows.get("us-pa").path("subscriptions").toString()).contains("us-pa-all");
    assertThat(rows.get("us-pa-dauphin").path("receives").asBoolean()).isFalse();
    assertThat(rows.get("us-pa-dauphin").path("reason").asText())
        .isEqualTo("nothing of it is visible at clearance GREEN");
    assertThat(rows.get("admin").path("receives").asBoolean()).isFalse();
    assertThat(rows.get("admin").path("reason").asText())
        .isEqualTo("nothing of it is visible at clearance CLEAR");
    assertThat(JSON.readTree(r.body()).path("recipients").asInt()).isEqualTo(3);

    assertThat(get("/api/v1/indicators/" + enc(AMBER_ONLY) + "/recipients", "admin").statusCode())
        .isEqualTo(200);
  }

  @Test
  void shouldRefuseTheDryRunToMembersAndAnswer404ForAnUnknownKey() throws Exception {
    assertThat(get("/api/v1/indicators/" + enc(BOTH) + "/recipients", "us-pa").statusCode())
        .isEqualTo(403);
    assertThat(get("/api/v1/indicators/" + enc(BOTH) + "/recipients", "vendor-acme").statusCode())
        .isEqualTo(403);
    assertThat(
            get("/api/v1/indicators/" + enc("ipv4-addr:203.0.113.250") + "/recipients", "analyst")
                .statusCode())
        .isEqualTo(404);
  }
}
