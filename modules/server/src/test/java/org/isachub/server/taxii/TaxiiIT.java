package org.isachub.server.taxii;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.index.IndicatorIdIndex;
import org.isachub.server.ServerConfig;
import org.isachub.server.ServerRuntime;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The TAXII 2.1 server over real HTTP, serving feeds from the embedded broker. */
@WithEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class TaxiiIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String TAXII = "application/taxii+json;version=2.1";
  private static final String GREEN_MEMBER = "us-pa-dauphin";
  private static final String AMBER_MEMBER = "us-pa";
  private static final String VERSIONED_MEMBER = "us-az-maricopa";
  private static final int FEED_SIZE = 3_000;

  private final HttpClient http = HttpClient.newHttpClient();
  private IndicatorIdIndex index;
  private Ingestor ingestor;
  private ServerRuntime runtime;
  private URI base;
  private Map<String, String> tokens;
  private final List<String> greenIds = new ArrayList<>();
  private String amberId;
  private String versionedId;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      List<TopicSpec<?, ?>> specs = new ArrayList<>(Topics.fixed());
      specs.add(Topics.feed(GREEN_MEMBER));
      specs.add(Topics.feed(AMBER_MEMBER));
      specs.add(Topics.feed(VERSIONED_MEMBER));
      new TopicCatalogue(admin, (short) 1, 1).apply(specs);
    }
    IngestConfig ingestConfig = new IngestConfig(Map.of("isachub.ingest.ack.timeout.ms", "3000"));
    index = new IndicatorIdIndex(kafka, "taxii-it-index");
    index.start();
    ingestor = new Ingestor(ingestConfig, kafka, index, new SimpleMeterRegistry());
    runtime =
        new ServerRuntime(
            new ServerConfig(
                Map.of(
                    ServerConfig.PORT_CONFIG,
                    "0",
                    ServerConfig.MAX_REQUEST_BYTES_CONFIG,
                    Long.toString(64 * 1024))),
            kafka,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            List.of(new TaxiiModule(ingestor, ingestConfig, new TaxiiSettings(100, 1000, 2, 50))));
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
    writeFeeds(broker);
  }

  /** Writes the feeds as the distribute stage would: a GREEN member's feed never holds AMBER. */
  private void writeFeeds(EmbeddedKafkaBroker broker) throws Exception {
    Map<String, Object> props = new HashMap<>();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    TopicSpec<String, FeedEntry> any = Topics.feed(GREEN_MEMBER);
    // Three entries per millisecond, so pages end inside runs of equal "date added".
    long t0 = Instant.now().minusSeconds(3_600).toEpochMilli();
    try (KafkaProducer<String, FeedEntry> p =
        new KafkaProducer<>(props, any.keySerde().serializer(), any.valueSerde().serializer())) {
      for (int i = 0; i < FEED_SIZE; i++) {
        FeedEntry e = entry(GREEN_MEMBER, "ipv4:10.0." + (i / 250) + "." + (i % 250), Tlp.GREEN, 1);
        greenIds.add(e.getIndicatorId());
        p.send(record(GREEN_MEMBER, t0 + i / 3, e));
      }
      FeedEntry amber = entry(AMBER_MEMBER, "domain:c2.amber-only.example", Tlp.AMBER, 1);
      amberId = amber.getIndicatorId();
      p.send(record(AMBER_MEMBER, t0, amber));
      FeedEntry v1 = entry(VERSIONED_MEMBER, "domain:twice.example", Tlp.GREEN, 1);
      versionedId = v1.getIndicatorId();
      FeedEntry other = entry(VERSIONED_MEMBER, "domain:once.example", Tlp.GREEN, 1);
      FeedEntry v2 = entry(VERSIONED_MEMBER, "domain:twice.example", Tlp.GREEN, 2);
      p.send(record(VERSIONED_MEMBER, t0, v1));
      p.send(record(VERSIONED_MEMBER, t0 + 1, other));
      p.send(record(VERSIONED_MEMBER, t0 + 2, v2));
      p.flush();
    }
  }

  private static ProducerRecord<String, FeedEntry> record(String member, long ts, FeedEntry e) {
    return new ProducerRecord<>(Topics.feed(member).name(), 0, ts, e.getKey(), e);
  }

  private static FeedEntry entry(String member, String key, Tlp tlp, int version) {
    String id = StixIds.deterministic("indicator", key);
    String modified = "2026-01-0" + version + "T00:00:00.000Z";
    String marking =
        tlp == Tlp.AMBER
            ? "marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421"
            : "marking-definition--bab4a63c-aed9-4cf5-a766-dfca5abac2bb";
    String stix =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\""
            + modified
            + "\",\"pattern\":\"[x:value = '"
            + key
            + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\","
            + "\"object_marking_refs\":[\""
            + marking
            + "\"]}";
    Instant now = Instant.now();
    return FeedEntry.newBuilder()
        .setMember(member)
        .setOp(FeedOp.UPSERT)
        .setKey(key)
        .setIndicatorId(id)
        .setStateVersion(version)
        .setStix(stix)
        .setTlp(tlp)
        .setScore(70)
        .setDecision(Decision.ACTIVE)
        .setReason(null)
        .setSubscriptions(List.of())
        .setPublishedAt(now)
        .setEmittedAt(now)
        .build();
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
    if (ingestor != null) {
      ingestor.close();
    }
    if (index != null) {
      index.close();
    }
  }

  private HttpResponse<String> get(String path, String member) throws Exception {
    return get(path, "Bearer " + tokens.get(member), TAXII);
  }

  private HttpResponse<String> get(String path, String authorization, String accept)
      throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(base.resolve(path)).header("Accept", accept);
    if (authorization != null) {
      b.header("Authorization", authorization);
    }
    return http.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> post(String path, String member, String type, String body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + tokens.get(member))
            .header("Accept", TAXII)
            .header("Content-Type", type)
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static String objects(String member) {
    return "/taxii2/isac/collections/" + TaxiiModule.feedCollectionId(member) + "/objects/";
  }

  private static String enc(String v) {
    return URLEncoder.encode(v, StandardCharsets.UTF_8);
  }

  private static void assertTaxii(HttpResponse<String> r, int status) {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(TAXII);
  }

  private static void assertTaxiiError(HttpResponse<String> r, int status) throws Exception {
    assertTaxii(r, status);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("http_status").asText()).isEqualTo(Integer.toString(status));
    assertThat(body.path("title").asText()).isNotBlank();
    assertThat(body.path("description").asText()).isNotBlank();
  }

  @Test
  void shouldServeDiscoveryApiRootAndTheCallersTwoCollectionsWithBearerAndBasic() throws Exception {
    String basic =
        "Basic "
            + Base64.getEncoder()
                .encodeToString(
                    (GREEN_MEMBER + ":" + tokens.get(GREEN_MEMBER))
                        .getBytes(StandardCharsets.UTF_8));
    for (String auth : List.of("Bearer " + tokens.get(GREEN_MEMBER), basic)) {
      HttpResponse<String> d = get("/taxii2/", auth, TAXII);
      assertTaxii(d, 200);
      assertThat(JSON.readTree(d.body()).path("api_roots").get(0).asText())
          .isEqualTo("/taxii2/isac/");
      assertThat(JSON.readTree(d.body()).path("default").asText()).isEqualTo("/taxii2/isac/");

      HttpResponse<String> root = get("/taxii2/isac/", auth, TAXII);
      assertTaxii(root, 200);
      assertThat(JSON.readTree(root.body()).path("versions").get(0).asText()).isEqualTo(TAXII);
      assertThat(JSON.readTree(root.body()).path("max_content_length").asLong())
          .isEqualTo(64 * 1024);

      HttpResponse<String> c = get("/taxii2/isac/collections/", auth, TAXII);
      assertTaxii(c, 200);
      JsonNode list = JSON.readTree(c.body()).path("collections");
      assertThat(list).hasSize(2);
      assertThat(list.get(0).path("id").asText())
          .isEqualTo(TaxiiModule.feedCollectionId(GREEN_MEMBER));
      assertThat(list.get(0).path("can_read").asBoolean()).isTrue();
      assertThat(list.get(0).path("can_write").asBoolean()).isFalse();
      assertThat(list.get(1).path("id").asText()).isEqualTo(TaxiiModule.submissionsCollectionId());
      assertThat(list.get(1).path("can_write").asBoolean()).isTrue();
      assertThat(list.get(1).path("can_read").asBoolean()).isFalse();
    }
    HttpResponse<String> one =
        get(
            "/taxii2/isac/collections/" + TaxiiModule.feedCollectionId(GREEN_MEMBER) + "/",
            GREEN_MEMBER);
    assertTaxii(one, 200);
    assertThat(JSON.readTree(one.body()).path("media_types").get(0).asText())
        .isEqualTo("application/stix+json;version=2.1");
  }

  @Test
  void shouldRefuseAnonymousCallersWithATaxii401() throws Exception {
    assertTaxiiError(get("/taxii2/isac/collections/", null, TAXII), 401);
  }

  @Test
  void shouldAnswer404ForAnotherMembersCollectionEvenToAdminsAndAnalysts() throws Exception {
    String amberFeed =
        "/taxii2/isac/collections/" + TaxiiModule.feedCollectionId(AMBER_MEMBER) + "/";
    for (String caller : List.of(GREEN_MEMBER, "admin", "analyst")) {
      assertTaxiiError(get(amberFeed, caller), 404);
      assertTaxiiError(get(amberFeed + "objects/", caller), 404);
      assertTaxiiError(get(amberFeed + "manifest/", caller), 404);
    }
    assertTaxii(get(amberFeed + "objects/", AMBER_MEMBER), 200);
  }

  @Test
  void shouldAnswer406415413And400WithTaxiiErrors() throws Exception {
    assertTaxiiError(
        get("/taxii2/", "Bearer " + tokens.get(GREEN_MEMBER), "application/json"), 406);
    assertTaxiiError(
        get("/taxii2/", "Bearer " + tokens.get(GREEN_MEMBER), "application/taxii+json;version=2.0"),
        406);
    assertTaxii(
        get("/taxii2/", "Bearer " + tokens.get(GREEN_MEMBER), "application/taxii+json"), 200);
    assertTaxii(get("/taxii2/", "Bearer " + tokens.get(GREEN_MEMBER), "*/*"), 200);
    String submissions =
        "/taxii2/isac/collections/" + TaxiiModule.submissionsCollectionId() + "/objects/";
    assertTaxiiError(post(submissions, GREEN_MEMBER, "application/json", "{\"objects\":[]}"), 415);
    assertTaxiiError(
        post(submissions, GREEN_MEMBER, TAXII, "{\"objects\":[\"" + "x".repeat(70_000) + "\"]}"),
        413);
    assertTaxiiError(get(objects(GREEN_MEMBER) + "?next=not-a-cursor", GREEN_MEMBER), 400);
    assertTaxiiError(get(objects(GREEN_MEMBER) + "?added_after=yesterday", GREEN_MEMBER), 400);
    assertTaxiiError(get(objects(GREEN_MEMBER) + "?limit=0", GREEN_MEMBER), 400);
    assertTaxiiError(post(objects(GREEN_MEMBER), GREEN_MEMBER, TAXII, "{\"objects\":[]}"), 403);
  }

  @Test
  void shouldPageThroughTheWholeFeedWithNextOnlyEveryEntryOnceInOrder() throws Exception {
    List<String> seen = new ArrayList<>();
    String path = objects(GREEN_MEMBER) + "?limit=250";
    int pages = 0;
    while (true) {
      HttpResponse<String> r = get(path, GREEN_MEMBER);
      assertTaxii(r, 200);
      JsonNode body = JSON.readTree(r.body());
      body.path("objects").forEach(o -> seen.add(o.path("id").asText()));
      assertThat(body.path("objects").size()).isLessThanOrEqualTo(250);
      pages++;
      if (!body.path("more").asBoolean()) {
        assertThat(body.has("next")).isFalse();
        break;
      }
      assertThat(body.path("next").asText()).isNotBlank();
      path = objects(GREEN_MEMBER) + "?limit=250&next=" + enc(body.path("next").asText());
    }
    assertThat(seen).containsExactlyElementsOf(greenIds);
    assertThat(pages).isGreaterThanOrEqualTo(FEED_SIZE / 250);
  }

  @Test
  void shouldPageThroughTheWholeFeedWithAddedAfterOnlyUsingDateAddedLast() throws Exception {
    List<String> seen = new ArrayList<>();
    String path = objects(GREEN_MEMBER) + "?limit=250";
    String previousLast = null;
    while (true) {
      HttpResponse<String> r = get(path, GREEN_MEMBER);
      assertTaxii(r, 200);
      JsonNode body = JSON.readTree(r.body());
      if (body.path("objects").isEmpty()) {
        assertThat(body.path("more").asBoolean()).isFalse();
        break;
      }
      body.path("objects").forEach(o -> seen.add(o.path("id").asText()));
      String first = r.headers().firstValue("X-TAXII-Date-Added-First").orElseThrow();
      String last = r.headers().firstValue("X-TAXII-Date-Added-Last").orElseThrow();
      assertThat(Instant.parse(first)).isBeforeOrEqualTo(Instant.parse(last));
      if (previousLast != null) {
        assertThat(Instant.parse(first)).isAfter(Instant.parse(previousLast));
      }
      previousLast = last;
      path = objects(GREEN_MEMBER) + "?limit=250&added_after=" + enc(last);
    }
    assertThat(seen).containsExactlyElementsOf(greenIds);
  }

  @Test
  void shouldFilterByMatchIdAndType() throws Exception {
    String a = greenIds.get(10);
    String b = greenIds.get(2_500);
    HttpResponse<String> r =
        get(objects(GREEN_MEMBER) + "?match[id]=" + enc(a + "," + b), GREEN_MEMBER);
    assertTaxii(r, 200);
    List<String> ids = new ArrayList<>();
    JSON.readTree(r.body()).path("objects").forEach(o -> ids.add(o.path("id").asText()));
    assertThat(ids).containsExactly(a, b);
    HttpResponse<String> none = get(objects(GREEN_MEMBER) + "?match[type]=malware", GREEN_MEMBER);
    assertThat(JSON.readTree(none.body()).path("objects")).isEmpty();
    HttpResponse<String> spec =
        get(objects(GREEN_MEMBER) + "?match[spec_version]=2.0&limit=5", GREEN_MEMBER);
    assertThat(JSON.readTree(spec.body()).path("objects")).isEmpty();
    HttpResponse<String> typed =
        get(objects(GREEN_MEMBER) + "?match[type]=indicator&limit=5", GREEN_MEMBER);
    // A page may end early so it never splits a run of entries added in the same millisecond.
    assertThat(JSON.readTree(typed.body()).path("objects"))
        .isNotEmpty()
        .hasSizeLessThanOrEqualTo(5)
        .allSatisfy(o -> assertThat(o.path("type").asText()).isEqualTo("indicator"));
  }

  @Test
  void shouldServeTheNewestVersionByDefaultAndEveryVersionOnRequest() throws Exception {
    HttpResponse<String> last = get(objects(VERSIONED_MEMBER), VERSIONED_MEMBER);
    JsonNode objects = JSON.readTree(last.body()).path("objects");
    assertThat(objects).hasSize(2);
    assertThat(objects.get(1).path("id").asText()).isEqualTo(versionedId);
    assertThat(objects.get(1).path("modified").asText()).isEqualTo("2026-01-02T00:00:00.000Z");

    HttpResponse<String> all =
        get(objects(VERSIONED_MEMBER) + "?match[version]=all", VERSIONED_MEMBER);
    assertThat(JSON.readTree(all.body()).path("objects")).hasSize(3);

    HttpResponse<String> one = get(objects(VERSIONED_MEMBER) + versionedId + "/", VERSIONED_MEMBER);
    assertTaxii(one, 200);
    JsonNode got = JSON.readTree(one.body()).path("objects");
    assertThat(got).hasSize(1);
    assertThat(got.get(0).path("modified").asText()).isEqualTo("2026-01-02T00:00:00.000Z");

    HttpResponse<String> versions =
        get(objects(VERSIONED_MEMBER) + versionedId + "/versions/", VERSIONED_MEMBER);
    assertTaxii(versions, 200);
    assertThat(JSON.readTree(versions.body()).path("versions"))
        .extracting(JsonNode::asText)
        .containsExactly("2026-01-01T00:00:00.000Z", "2026-01-02T00:00:00.000Z");

    assertTaxiiError(
        get(
            objects(VERSIONED_MEMBER) + "indicator--00000000-0000-4000-8000-000000000000/",
            VERSIONED_MEMBER),
        404);
  }

  @Test
  void shouldListTheManifestWithDateAddedVersionAndMediaType() throws Exception {
    String manifest =
        "/taxii2/isac/collections/"
            + TaxiiModule.feedCollectionId(VERSIONED_MEMBER)
            + "/manifest/?match[version]=all";
    HttpResponse<String> r = get(manifest, VERSIONED_MEMBER);
    assertTaxii(r, 200);
    JsonNode objects = JSON.readTree(r.body()).path("objects");
    assertThat(objects).hasSize(3);
    assertThat(objects.get(0).path("id").asText()).isEqualTo(versionedId);
    assertThat(objects.get(0).path("version").asText()).isEqualTo("2026-01-01T00:00:00.000Z");
    assertThat(objects.get(0).path("media_type").asText())
        .isEqualTo("application/stix+json;version=2.1");
    assertThat(Instant.parse(objects.get(0).path("date_added").asText()))
        .isBefore(Instant.parse(objects.get(2).path("date_added").asText()));
  }

  @Test
  void shouldAcceptAnEnvelopeIntoSubmissionsWith202AndAStatusResource() throws Exception {
    String good = "indicator--8a0b0ed4-0c7a-4d9a-9b9f-0b6f7f2c1b01";
    String bad = "indicator--8a0b0ed4-0c7a-4d9a-9b9f-0b6f7f2c1b02";
    String envelope =
        "{\"objects\":["
            + indicator(good, "[ipv4-addr:value = '185.100.87.77']")
            + ","
            + indicator(bad, "[ipv4-addr:value = ")
            + "]}";
    HttpResponse<String> r =
        post(
            "/taxii2/isac/collections/" + TaxiiModule.submissionsCollectionId() + "/objects/",
            AMBER_MEMBER,
            TAXII,
            envelope);
    assertTaxii(r, 202);
    JsonNode status = JSON.readTree(r.body());
    assertThat(status.path("status").asText()).isEqualTo("complete");
    assertThat(status.path("total_count").asInt()).isEqualTo(2);
    assertThat(status.path("success_count").asInt()).isEqualTo(1);
    assertThat(status.path("failure_count").asInt()).isEqualTo(1);
    assertThat(status.path("failures").get(0).path("id").asText()).isEqualTo(bad);
    assertThat(status.path("successes").get(0).path("id").asText()).isEqualTo(good);

    String id = status.path("id").asText();
    HttpResponse<String> again = get("/taxii2/isac/status/" + id + "/", AMBER_MEMBER);
    assertTaxii(again, 200);
    assertThat(JSON.readTree(again.body()).path("success_count").asInt()).isEqualTo(1);
    assertTaxiiError(get("/taxii2/isac/status/" + id + "/", GREEN_MEMBER), 404);
  }

  @Test
  void shouldNeverServeAGreenMemberAnAmberEntry() throws Exception {
    HttpResponse<String> r =
        get(objects(GREEN_MEMBER) + "?match[id]=" + enc(amberId), GREEN_MEMBER);
    assertTaxii(r, 200);
    assertThat(JSON.readTree(r.body()).path("objects")).isEmpty();
    HttpResponse<String> page = get(objects(GREEN_MEMBER) + "?limit=1000", GREEN_MEMBER);
    assertThat(page.body()).doesNotContain("55d920b0-5e8b-4f79-9ee9-91f868d9b421");
    HttpResponse<String> own = get(objects(AMBER_MEMBER), AMBER_MEMBER);
    assertThat(JSON.readTree(own.body()).path("objects").get(0).path("id").asText())
        .isEqualTo(amberId);
  }

  private static String indicator(String id, String pattern) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"pattern\":\""
        + pattern.replace("'", "'")
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\"}";
  }
}
