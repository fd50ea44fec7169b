package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.webhook.WebhookConfig;
import org.isachub.enrich.EnrichConfig;
import org.isachub.server.ServerConfig;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
import org.isachub.wire.avro.Webhook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A hub with the enrich, distribute (webhooks on) and server roles against the embedded broker,
 * observed from outside: {@code /metrics} over HTTP with the scrape token, and {@code /health}. One
 * member's webhook receiver answers, the other's is down.
 */
@WithEmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MetricsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TOKEN = "scrape-token-" + "0123456789abcdef0123456789abcdef";
  private static final String UP = "obs-up";
  private static final String DOWN = "obs-down";
  private static final int PUBLISHED = 5;
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  @TempDir static Path data;
  private static Hub hub;
  private static HttpServer receiver;
  private static final AtomicInteger received = new AtomicInteger();
  private static URI base;

  @BeforeAll
  static void startHub(EmbeddedKafkaBroker broker) throws Exception {
    receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    receiver.createContext(
        "/hook",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          received.incrementAndGet();
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    receiver.start();
    int downPort = freePort();

    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<TopicSpec<?, ?>> topics = new ArrayList<>(Topics.fixed());
    topics.add(Topics.feed(UP));
    topics.add(Topics.feed(DOWN));
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(topics);
    }
    String upUrl = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook";
    send(broker, Topics.MEMBERS, UP, member(UP, upUrl));
    send(broker, Topics.MEMBERS, DOWN, member(DOWN, "http://127.0.0.1:" + downPort + "/hook"));
    for (String m : List.of(UP, DOWN)) {
      send(broker, Topics.SUBSCRIPTIONS, "sub-" + m, subscription("sub-" + m, m));
    }

    Map<String, String> settings = new HashMap<>();
    settings.put(HubConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    settings.put(HubConfig.DATA_DIR_CONFIG, data.toString());
    settings.put(HubConfig.ROLES_CONFIG, "enrich,distribute,server");
    settings.put(HubConfig.DEMO_SEED_CONFIG, "never");
    settings.put(HubConfig.REPLICATION_FACTOR_CONFIG, "1");
    settings.put(EnrichConfig.PUNCTUATE_INTERVAL_MS_CONFIG, "200");
    settings.put(DistributeConfig.CHANGE_CHECK_INTERVAL_MS_CONFIG, "200");
    settings.put(DistributeConfig.LAG_INTERVAL_MS_CONFIG, "200");
    settings.put(ServerConfig.HOST_CONFIG, "127.0.0.1");
    settings.put(ServerConfig.PORT_CONFIG, "0");
    settings.put(ServerConfig.METRICS_TOKEN_CONFIG, TOKEN);
    settings.put(WebhookConfig.ENABLED_CONFIG, "true");
    settings.put(WebhookConfig.ALLOW_PLAIN_HTTP_CONFIG, "true");
    settings.put(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG, "127.0.0.0/8");
    settings.put(WebhookConfig.BACKOFF_INITIAL_MS_CONFIG, "50");
    settings.put(WebhookConfig.BACKOFF_MAX_MS_CONFIG, "200");
    settings.put(WebhookConfig.CONNECT_TIMEOUT_MS_CONFIG, "500");
    settings.put(WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG, "100000");
    settings.put(WebhookConfig.DEAD_LETTER_AFTER_MS_CONFIG, "600000");
    settings.put(WebhookConfig.MEMBERS_POLL_INTERVAL_MS_CONFIG, "100");
    settings.put(WebhookConfig.LAG_INTERVAL_MS_CONFIG, "100");
    hub = new Hub(new HubConfig(settings), StageRegistry.factories());
    hub.start();
    String server =
        hub.stages().stream()
            .filter(s -> s.role().equals("server"))
            .findFirst()
            .orElseThrow()
            .endpoint();
    base = URI.create(server);
  }

  @AfterAll
  static void stopHub() {
    if (hub != null) {
      hub.close();
    }
    if (receiver != null) {
      receiver.stop(0);
    }
  }

  @Test
  @Order(1)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldReportEveryStreamsStageReadyOnHealth() throws Exception {
    await(() -> get("/health", null).statusCode() == 200);
    HttpResponse<String> health = get("/health", null);
    JsonNode checks = JSON.readTree(health.body()).path("checks");
    assertThat(checks.path("enrich").asText()).isEqualTo("ready");
    assertThat(checks.path("distribute").asText()).isEqualTo("ready");
    assertThat(checks.path("kafka").asText()).isEqualTo("ready");
  }

  @Test
  @Order(2)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseAScrapeWithoutTheTokenOrWithAWrongOne() throws Exception {
    HttpResponse<String> none = get("/metrics", null);
    assertThat(none.statusCode()).isEqualTo(401);
    assertThat(none.headers().firstValue("WWW-Authenticate"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("Bearer"));
    assertThat(none.body()).doesNotContain("isachub_");
    HttpResponse<String> wrong = get("/metrics", TOKEN.substring(1) + "x");
    assertThat(wrong.statusCode()).isEqualTo(401);
    assertThat(wrong.body()).doesNotContain("isachub_");
  }

  @Test
  @Order(3)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldMoveTheCountersAndTheLatencyHistogramByExactlyWhatWasPublished(
      EmbeddedKafkaBroker broker) throws Exception {
    String before = scrape();
    assertThat(before).contains("jvm_memory_used_bytes").contains("process_uptime_seconds");
    double recordsIn = sample(before, "isachub_enrich_records_in_total", Map.of());
    double latencyCount =
        sample(before, "isachub_distribute_publish_to_feed_seconds_count", Map.of());
    double entriesCount = sample(before, "isachub_distribute_feed_entries_total", Map.of());
    int feedBefore = feed(broker, UP).size() + feed(broker, DOWN).size();

    for (int i = 0; i < PUBLISHED; i++) {
      Submission s = indicator("185.220.102." + (10 + i));
      send(broker, Topics.SUBMISSIONS, s.getKey(), s);
    }
    await(() -> feed(broker, UP).size() + feed(broker, DOWN).size() >= feedBefore + 2 * PUBLISHED);
    int written = feed(broker, UP).size() + feed(broker, DOWN).size() - feedBefore;
    assertThat(written).isEqualTo(2 * PUBLISHED);

    await(
        () ->
            sample(scrape(), "isachub_distribute_publish_to_feed_seconds_count", Map.of())
                >= latencyCount + written);
    String after = scrape();
    assertThat(sample(after, "isachub_enrich_records_in_total", Map.of()) - recordsIn)
        .isEqualTo(PUBLISHED);
    assertThat(sample(after, "isachub_distribute_publish_to_feed_seconds_count", Map.of()))
        .isEqualTo(latencyCount + written);
    assertThat(sample(after, "isachub_distribute_feed_entries_total", Map.of()))
        .isEqualTo(entriesCount + written);
    // The histogram is published: its +Inf bucket holds every observation.
    assertThat(
            sample(
                after, "isachub_distribute_publish_to_feed_seconds_bucket", Map.of("le", "+Inf")))
        .isEqualTo(latencyCount + written);
    // The Streams clients' own metrics are bound too.
    assertThat(after)
        .contains("kafka_stream_thread_process_rate")
        .contains("client_id=\"isachub-enrich")
        .contains("client_id=\"isachub-distribute");
  }

  @Test
  @Order(4)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldShowTheLagOfTheMemberWhoseReceiverIsDownGrowWhileTheOtherStaysAtZero()
      throws Exception {
    await(() -> gauge(scrape(), "isachub_distribute_webhook_lag_records", DOWN) >= PUBLISHED);
    await(() -> gauge(scrape(), "isachub_distribute_webhook_lag_records", UP) == 0);
    await(() -> received.get() > 0);

    String first = scrape();
    double downSeconds = gauge(first, "isachub_distribute_webhook_lag_seconds", DOWN);
    // Offsets behind the end: the entries plus the exactly-once transaction markers among them.
    assertThat(gauge(first, "isachub_distribute_webhook_lag_records", DOWN))
        .isGreaterThanOrEqualTo(PUBLISHED);
    assertThat(gauge(first, "isachub_distribute_webhook_lag_records", UP)).isZero();
    assertThat(gauge(first, "isachub_distribute_webhook_lag_seconds", UP)).isZero();
    assertThat(downSeconds).isPositive();

    await(() -> gauge(scrape(), "isachub_distribute_webhook_lag_seconds", DOWN) > downSeconds);
    String second = scrape();
    assertThat(gauge(second, "isachub_distribute_webhook_lag_seconds", DOWN))
        .isGreaterThan(downSeconds);
    assertThat(gauge(second, "isachub_distribute_webhook_lag_records", UP)).isZero();
    assertThat(gauge(second, "isachub_distribute_webhook_lag_seconds", UP)).isZero();
    assertThat(sample(second, "isachub_distribute_webhook_failures_total", Map.of("member", DOWN)))
        .isPositive();
  }

  @Test
  @Order(5)
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldShowTheLagOfAMembersOwnConsumerGroupThatStoppedWhileACaughtUpOneStaysAtZero(
      EmbeddedKafkaBroker broker) throws Exception {
    try (Admin admin =
        Admin.create(
            Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
      TopicPartition down = new TopicPartition(Topics.feed(DOWN).name(), 0);
      TopicPartition up = new TopicPartition(Topics.feed(UP).name(), 0);
      long upEnd =
          admin
              .listOffsets(Map.of(up, OffsetSpec.latest()))
              .partitionResult(up)
              .get(30, TimeUnit.SECONDS)
              .offset();
      // A member's own consumer that read nothing yet, and another's that is at the end.
      admin
          .alterConsumerGroupOffsets(DOWN + "-siem", Map.of(down, new OffsetAndMetadata(0)))
          .all()
          .get(30, TimeUnit.SECONDS);
      admin
          .alterConsumerGroupOffsets(UP + "-siem", Map.of(up, new OffsetAndMetadata(upEnd)))
          .all()
          .get(30, TimeUnit.SECONDS);
    }
    Map<String, String> downSiem = Map.of("member", DOWN, "consumer", DOWN + "-siem");
    Map<String, String> upSiem = Map.of("member", UP, "consumer", UP + "-siem");
    await(() -> scrape().contains("consumer=\"" + UP + "-siem\""));
    await(() -> sample(scrape(), "isachub_distribute_feed_lag_seconds", downSiem) > 0);

    String first = scrape();
    double seconds = sample(first, "isachub_distribute_feed_lag_seconds", downSiem);
    assertThat(sample(first, "isachub_distribute_feed_lag_records", downSiem))
        .isGreaterThanOrEqualTo(PUBLISHED);
    assertThat(sample(first, "isachub_distribute_feed_lag_records", upSiem)).isZero();
    assertThat(sample(first, "isachub_distribute_feed_lag_seconds", upSiem)).isZero();

    await(() -> sample(scrape(), "isachub_distribute_feed_lag_seconds", downSiem) > seconds);
    String second = scrape();
    assertThat(sample(second, "isachub_distribute_feed_lag_seconds", downSiem))
        .isGreaterThan(seconds);
    assertThat(sample(second, "isachub_distribute_feed_lag_records", upSiem)).isZero();
    // The webhook pusher's own group of the healthy member is measured too, and caught up.
    assertThat(second).contains("consumer=\"isachub-webhook-" + UP + "\"");
    assertThat(
            sample(
                second,
                "isachub_distribute_feed_lag_records",
                Map.of("member", UP, "consumer", "isachub-webhook-" + UP)))
        .isZero();
  }

  @Test
  @Order(6)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldAnswer503NamingTheStageOnHealthOnceAStreamsStageHasStopped() throws Exception {
    Stage enrich =
        hub.stages().stream().filter(s -> s.role().equals("enrich")).findFirst().orElseThrow();
    enrich.close();

    HttpResponse<String> health = get("/health", null);
    assertThat(health.statusCode()).isEqualTo(503);
    JsonNode body = JSON.readTree(health.body());
    assertThat(body.path("status").asText()).isEqualTo("not-ready");
    assertThat(body.path("checks").path("enrich").asText()).isEqualTo("not-ready");
    assertThat(body.path("checks").path("distribute").asText()).isEqualTo("ready");
    // Its Streams meters went with it.
    assertThat(scrape()).doesNotContain("client_id=\"isachub-enrich");
  }

  private static String scrape() throws IOException, InterruptedException {
    HttpResponse<String> r = get("/metrics", TOKEN);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type"))
        .hasValueSatisfying(v -> assertThat(v).startsWith("text/plain"));
    return r.body();
  }

  private static HttpResponse<String> get(String path, @Nullable String token)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** A gauge of one member; fails when the scrape has none. */
  private static double gauge(String text, String name, String member) {
    double v = sample(text, name, Map.of("member", member));
    assertThat(text).contains(name + "{");
    return v;
  }

  /**
   * The sum of the samples of a metric whose labels include the given ones; 0 when there are none.
   */
  private static double sample(String text, String name, Map<String, String> labels) {
    double sum = 0;
    for (String line : text.split("\n")) {
      if (line.startsWith("#") || !line.startsWith(name)) {
        continue;
      }
      String rest = line.substring(name.length());
      String labelText = "";
      if (rest.startsWith("{")) {
        int close = rest.indexOf('}');
        labelText = rest.substring(1, close);
        rest = rest.substring(close + 1);
      } else if (!rest.startsWith(" ")) {
        continue; // a longer name with this one as prefix
      }
      boolean all = true;
      for (Map.Entry<String, String> l : labels.entrySet()) {
        if (!labelText.contains(l.getKey() + "=\"" + l.getValue() + "\"")) {
          all = false;
        }
      }
      if (all) {
        sum += Double.parseDouble(rest.strip().split(" ")[0]);
      }
    }
    return sum;
  }

  private static void await(Check check) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
    while (!check.ok()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not met in time; metrics:\n" + scrape());
      }
      Thread.sleep(200);
    }
  }

  /** A condition that may do I/O. */
  private interface Check {
    boolean ok() throws Exception;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static List<FeedEntry> feed(EmbeddedKafkaBroker broker, String member) {
    TopicSpec<String, FeedEntry> topic = Topics.feed(member);
    List<FeedEntry> out = new ArrayList<>();
    try (KafkaConsumer<String, FeedEntry> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed"),
            topic.keySerde().deserializer(),
            topic.valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(topic.name(), 0);
      consumer.assign(List.of(tp));
      consumer.seekToBeginning(List.of(tp));
      long end = consumer.endOffsets(List.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, FeedEntry> r : consumer.poll(Duration.ofMillis(100))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  private static <V> void send(
      EmbeddedKafkaBroker broker, TopicSpec<String, V> topic, String key, V value)
      throws Exception {
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG,
                "all"),
            topic.keySerde().serializer(),
            topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }
  }

  private static Member member(String id, String webhookUrl) {
    Instant now = Instant.now();
    return Member.newBuilder()
        .setId(id)
        .setDisplayName(id)
        .setKind(MemberKind.STATE)
        .setClearance(Clearance.GREEN)
        .setWebhook(
            Webhook.newBuilder()
                .setUrl(webhookUrl)
                .setSecret("whsec-metrics-it-0123456789")
                .setEnabled(true)
                .setMaxBatch(10)
                .build())
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private static Subscription subscription(String id, String member) {
    Instant now = Instant.now();
    return Subscription.newBuilder()
        .setId(id)
        .setMember(member)
        .setName("everything")
        .setMinScore(0)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private static Submission indicator(String ip) throws Exception {
    String pattern = "[ipv4-addr:value = '" + ip + "']";
    String key = new Canonicalizer().fromPattern(PatternParser.parse(pattern)).toString();
    Instant now = Instant.now();
    String id = "indicator--" + UUID.randomUUID();
    ObjectNode stix = JSON.createObjectNode();
    stix.put("type", "indicator");
    stix.put("spec_version", "2.1");
    stix.put("id", id);
    stix.put("created", StixTimestamps.format(now));
    stix.put("modified", StixTimestamps.format(now));
    stix.put("pattern", pattern);
    stix.put("pattern_type", "stix");
    stix.put("valid_from", StixTimestamps.format(now));
    return Submission.newBuilder()
        .setSubmissionId(UUID.randomUUID().toString())
        .setObjectId(id)
        .setKind(SubmissionKind.INDICATOR)
        .setKey(key)
        .setObservableType("ipv4-addr")
        .setSource("feodo")
        .setSubmittedBy("feodo")
        .setAdapter("stix")
        .setTlp(Tlp.GREEN)
        .setConfidence(80)
        .setValidFrom(now)
        .setValidUntil(null)
        .setSubmittedAt(now)
        .setStix(stix.toString())
        .build();
  }
}
