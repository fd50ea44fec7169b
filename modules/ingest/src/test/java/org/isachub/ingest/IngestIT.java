package org.isachub.ingest;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.ingest.index.IndicatorIdIndex;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.validate.RecordChecks;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

@WithEmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class IngestIT {

  private static final List<String> OASIS_BUNDLES =
      List.of(
          "indicator-for-c2-ip-address.json",
          "indicator-to-campaign-relationship.json",
          "indicators-for-C2-with-COA.json",
          "infrastructure.json",
          "interop-objectmarking-test.json",
          "malicious-email-indicator-with-attachment.json",
          "threat-reports/apt1.json",
          "threat-reports/poisonivy.json");
  private static final List<String> MISP_SAMPLES =
      List.of(
          "test_attributes_collection_1.json",
          "test_attributes_collection_2.json",
          "test_events_collection_1.json",
          "test_events_collection_2.json",
          "test_objects_collection_1.json",
          "test_objects_collection_2.json");
  private static final RecordChecks CHECKS = new RecordChecks();
  private static final String KNOWN_ID = "indicator--3c1a5f5e-7d0b-5d1f-9a3b-2b8c0e4d6f10";

  private static Ingestor ingestor;
  private static IndicatorIdIndex index;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) throws Exception {
    TopicContents.createTopics(broker);
    publishKnownIndicator(broker);
    Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
    index = new IndicatorIdIndex(kafka, "ingest-it-index");
    index.start();
    assertThat(index.awaitCaughtUp(Duration.ofSeconds(30))).isTrue();
    ingestor =
        new Ingestor(
            new IngestConfig(
                Map.of(
                    IngestConfig.ACK_TIMEOUT_MS_CONFIG,
                    "4000",
                    IngestConfig.MAX_REQUEST_BYTES_CONFIG,
                    Integer.toString(2 << 20))),
            kafka,
            index,
            new SimpleMeterRegistry());
  }

  @AfterAll
  static void stop() {
    if (ingestor != null) {
      ingestor.close();
    }
    if (index != null) {
      index.close();
    }
  }

  private static Path shared(String relative) {
    String configured = System.getProperty("isachub.shared.data");
    Path file = Path.of(configured == null ? "../../../shared/data" : configured).resolve(relative);
    assumeTrue(Files.isRegularFile(file), "reference data " + file + " is absent; skipping");
    return file;
  }

  private static List<Submission> submissionsOf(EmbeddedKafkaBroker broker, Set<String> ids) {
    return TopicContents.values(broker, Topics.SUBMISSIONS).stream()
        .filter(s -> ids.contains(s.getSubmissionId()))
        .toList();
  }

  private static List<DeadLetter> deadLettersOf(EmbeddedKafkaBroker broker, String id) {
    return TopicContents.values(broker, Topics.DEAD_LETTERS).stream()
        .filter(d -> id.equals(d.getSubmissionId()))
        .toList();
  }

  @Test
  @Order(1)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldWriteEveryIndicatorOfTheOasisExampleBundlesKeyedByItsPattern(
      EmbeddedKafkaBroker broker) throws Exception {
    Set<String> ids = new java.util.HashSet<>();
    int accepted = 0;
    int rejected = 0;
    for (String name : OASIS_BUNDLES) {
      byte[] body = Files.readAllBytes(shared("stix/oasis-examples/" + name));
      IngestReport r =
          ingestor.ingest(IngestRequest.of(body, IngestFormat.STIX, "oasis", Tlp.GREEN));
      ids.add(r.submissionId());
      accepted += r.accepted();
      rejected += r.rejected();
    }
    assertThat(accepted).isEqualTo(43);
    assertThat(rejected).isZero();

    List<Submission> written = submissionsOf(broker, ids);
    assertThat(written).hasSize(43);
    assertThat(written)
        .allSatisfy(s -> assertThat(CHECKS.check(s.getKey(), s).accepted()).isTrue());
    Map<String, Long> byKey =
        written.stream().collect(Collectors.groupingBy(Submission::getKey, Collectors.counting()));
    // The same C2 address is the example of three different bundles: three submissions.
    assertThat(byKey).containsEntry("ipv4-addr:10.0.0.0", 3L);
    assertThat(byKey)
        .containsKeys(
            "ipv4-addr:223.166.0.0/15",
            "domain-name:hugesoft.org",
            "file:md5:001dd76872d80801692ff942308c64e6",
            "file:sha256:ef537f25c895bfa782526529a9b63d97aa631564d5d789c2b765448c8635fb6c",
            "ipv4-addr:219.76.208.163",
            "domain-name:weile3322b.3322.org");
    // Compound patterns (OR, x509 pairs, e-mail matches) are keyed by their normalised hash.
    assertThat(byKey.keySet().stream().filter(k -> k.startsWith("pattern:"))).hasSize(25);
    assertThat(written)
        .allMatch(s -> s.getSource().equals("oasis") && s.getAdapter().equals("stix"));
  }

  @Test
  @Order(2)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldWriteAll28FeodoRowsAndAll15UrlhausRows(EmbeddedKafkaBroker broker) throws Exception {
    IngestReport feodo =
        ingestor.ingest(
            IngestRequest.of(
                    Files.readAllBytes(shared("feeds/feodo-ipblocklist.csv")),
                    IngestFormat.CSV,
                    "feodo",
                    Tlp.CLEAR)
                .withCsvMapping("feodo"));
    assertThat(feodo.accepted()).isEqualTo(28);
    assertThat(feodo.skipped()).isEqualTo(10);
    List<Submission> rows = submissionsOf(broker, Set.of(feodo.submissionId()));
    assertThat(rows).hasSize(28);
    assertThat(rows)
        .extracting(Submission::getKey)
        .contains("ipv4-addr:192.9.135.73", "ipv4-addr:104.129.55.106", "ipv4-addr:172.233.221.61")
        .doesNotHaveDuplicates();
    Submission first =
        rows.stream()
            .filter(s -> s.getKey().equals("ipv4-addr:192.9.135.73"))
            .findFirst()
            .orElseThrow();
    assertThat(first.getFirstSeen()).isEqualTo(Instant.parse("2023-05-23T17:51:44Z"));
    assertThat(first.getLabels()).containsExactly("pikabot");
    assertThat(first.getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.CLEAR);
    assertThat(rows).allSatisfy(s -> assertThat(CHECKS.check(s.getKey(), s).accepted()).isTrue());

    IngestReport urlhaus =
        ingestor.ingest(
            IngestRequest.of(
                    Files.readAllBytes(shared("feeds/urlhaus-online-sample.csv")),
                    IngestFormat.CSV,
                    "urlhaus",
                    Tlp.CLEAR)
                .withCsvMapping("urlhaus"));
    List<Submission> urls = submissionsOf(broker, Set.of(urlhaus.submissionId()));
    assertThat(urls).hasSize(15);
    assertThat(urls)
        .extracting(Submission::getKey)
        .contains("url:http://120.84.215.27:44835/i", "url:http://176.65.139.212/eclipse.sh4");
    assertThat(urls).allMatch(s -> s.getObservableType().equals("url"));
  }

  @Test
  @Order(3)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldWriteTheIndicatorsOfTheMispSamplesAndOnlyCountTheirContext(EmbeddedKafkaBroker broker)
      throws Exception {
    Set<String> ids = new java.util.HashSet<>();
    int context = 0;
    for (String name : MISP_SAMPLES) {
      IngestReport r =
          ingestor.ingest(
              IngestRequest.of(
                  Files.readAllBytes(shared("misp/" + name)),
                  IngestFormat.MISP,
                  "misp-demo",
                  Tlp.GREEN));
      ids.add(r.submissionId());
      context += r.context();
    }
    List<Submission> written = submissionsOf(broker, ids);
    // 1 + 2 + 1 + 2 + 4 + 2 attributes with to_ids; AS174 twice and jdoe@random.org are context.
    assertThat(written).hasSize(12);
    assertThat(context).isEqualTo(3);
    assertThat(written)
        .extracting(Submission::getKey)
        .contains(
            "domain-name:circl.lu",
            "ipv4-addr:149.13.33.14",
            "email-addr:donald.duck@disney.com",
            "file:md5:8764605c6f388c89096b534d33565802",
            "file:sha256:ec5aedf5ecc6bdadd4120932170d1b10f6cfa175cfda22951dfd882928ab279b")
        .doesNotContain("autonomous-system:174", "email-addr:jdoe@random.org");
    assertThat(written).allMatch(s -> s.getAdapter().equals("misp"));
  }

  @Test
  @Order(4)
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldFileASightingOfAnIndicatorTheHubAlreadyHoldsUnderItsKey(EmbeddedKafkaBroker broker)
      throws Exception {
    String bundle =
        "{\"type\":\"bundle\",\"id\":\"bundle--6f3ba1b0-5a5e-4b4e-9f0a-0e3f3b4b5e01\",\"objects\":["
            + "{\"type\":\"sighting\",\"spec_version\":\"2.1\","
            + "\"id\":\"sighting--ee20065d-2555-424f-ad9e-0f8fd65d6c5e\","
            + "\"created\":\"2026-01-02T00:00:00.000Z\",\"modified\":\"2026-01-02T00:00:00.000Z\","
            + "\"sighting_of_ref\":\""
            + KNOWN_ID
            + "\"}]}";
    IngestReport r =
        ingestor.ingest(
            IngestRequest.of(
                bundle.getBytes(UTF_8), IngestFormat.STIX, "us-pa-dauphin", Tlp.GREEN));
    assertThat(r.accepted()).isEqualTo(1);
    List<Sighting> sightings =
        TopicContents.values(broker, Topics.SIGHTINGS).stream()
            .filter(g -> g.getSubmissionId().equals(r.submissionId()))
            .toList();
    assertThat(sightings)
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.getKey()).isEqualTo("ipv4-addr:198.51.100.77");
              assertThat(g.getMember()).isEqualTo("us-pa-dauphin");
              assertThat(CHECKS.check(g.getKey(), g).accepted()).isTrue();
            });
  }

  @Test
  @Order(5)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRefuseMalformedInputWithItsOwnReasonDeadLetterItAndKeepAccepting(
      EmbeddedKafkaBroker broker) throws Exception {
    String ind = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
    String okIndicator =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + ind
            + "\","
            + "\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
            + "\"pattern\":\"[ipv4-addr:value = '203.0.113.5']\",\"pattern_type\":\"stix\","
            + "\"valid_from\":\"2026-01-01T00:00:00Z\"";
    Map<String, IngestRequest> wholeRefusals = new HashMap<>();
    wholeRefusals.put(IngestCodes.STIX_JSON, stix("{\"type\":\"bundle\",\"objects\":[}"));
    wholeRefusals.put(IngestCodes.LIMIT_JSON_DEPTH, stix("[".repeat(200) + "]".repeat(200)));
    wholeRefusals.put(IngestCodes.LIMIT_REQUEST_BYTES, stix(" ".repeat((2 << 20) + 1)));
    wholeRefusals.put(
        IngestCodes.UNKNOWN_MAPPING,
        IngestRequest.of("a,b\n".getBytes(UTF_8), IngestFormat.CSV, "x", Tlp.GREEN)
            .withCsvMapping("nope"));
    wholeRefusals.put(
        "misp.bad-json", IngestRequest.of("{".getBytes(UTF_8), IngestFormat.MISP, "x", Tlp.GREEN));
    for (Map.Entry<String, IngestRequest> e : wholeRefusals.entrySet()) {
      IngestRejectedException refused =
          (IngestRejectedException)
              org.assertj.core.api.Assertions.catchThrowable(() -> ingestor.ingest(e.getValue()));
      assertThat(refused).as(e.getKey()).isNotNull();
      assertThat(refused.code()).isEqualTo(e.getKey());
      assertThat(deadLettersOf(broker, refused.submissionId()))
          .as(e.getKey())
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.getReasonCode()).isEqualTo(e.getKey());
                assertThat(d.getReason()).isEqualTo(refused.reason());
                assertThat(d.getStage()).isEqualTo("ingest");
                assertThat(d.getSource()).isEqualTo(e.getValue().source());
              });
    }

    Map<String, String> objectRefusals = new HashMap<>();
    objectRefusals.put(
        "stix.pattern.syntax", okIndicator.replace("'203.0.113.5']", "'203.0.113.5'") + "}");
    objectRefusals.put(
        IngestCodes.TLP_UNKNOWN_MARKING,
        okIndicator
            + ",\"object_marking_refs\":[\"marking-definition--11111111-2222-4333-8444-555555555555\"]}");
    objectRefusals.put(
        IngestCodes.SIGHTING_UNKNOWN_TARGET,
        "{\"type\":\"sighting\",\"spec_version\":\"2.1\","
            + "\"id\":\"sighting--ee20065d-2555-424f-ad9e-0f8fd65d6c5e\","
            + "\"created\":\"2026-01-02T00:00:00.000Z\",\"modified\":\"2026-01-02T00:00:00.000Z\","
            + "\"sighting_of_ref\":\"indicator--99999999-2555-424f-ad9e-0f8fd65d6c5e\"}");
    for (Map.Entry<String, String> e : objectRefusals.entrySet()) {
      IngestReport r = ingestor.ingest(stix(e.getValue()));
      assertThat(r.accepted()).as(e.getKey()).isZero();
      assertThat(r.withStatus(ObjectStatus.REJECTED))
          .as(e.getKey())
          .singleElement()
          .satisfies(o -> assertThat(o.code()).isEqualTo(e.getKey()));
      assertThat(deadLettersOf(broker, r.submissionId()))
          .singleElement()
          .satisfies(
              d -> {
                assertThat(d.getReasonCode()).isEqualTo(e.getKey());
                assertThat(d.getReason()).isEqualTo(r.objects().get(0).reason());
                assertThat(UTF_8.decode(d.getValue()).toString()).contains("\"type\":");
              });
    }

    IngestReport badLine =
        ingestor.ingest(
            IngestRequest.of(
                "type,value\nipv4-addr,198.51.100.1,extra\nipv4-addr,198.51.100.2\n"
                    .getBytes(UTF_8),
                IngestFormat.CSV,
                "generic-feed",
                Tlp.GREEN));
    assertThat(badLine.accepted()).isEqualTo(1);
    assertThat(deadLettersOf(broker, badLine.submissionId()))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.getReasonCode()).isEqualTo("csv.column-count");
              assertThat(d.getObjectId()).isEqualTo("line 2");
              assertThat(UTF_8.decode(d.getValue()).toString())
                  .isEqualTo("ipv4-addr,198.51.100.1,extra");
            });

    IngestReport good = ingestor.ingest(stix(okIndicator + "}"));
    assertThat(good.accepted()).isEqualTo(1);
    assertThat(submissionsOf(broker, Set.of(good.submissionId())))
        .extracting(Submission::getKey)
        .containsExactly("ipv4-addr:203.0.113.5");
  }

  @Test
  @Order(6)
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldFailAsUnavailableWhileTheBrokerIsDownAndAcceptAgainAfterwards(
      EmbeddedKafkaBroker broker) throws Exception {
    byte[] text = "198.51.100.99\n".getBytes(UTF_8);
    broker.stop();
    try {
      assertThatThrownBy(
              () -> ingestor.ingest(IngestRequest.of(text, IngestFormat.TEXT, "list", Tlp.GREEN)))
          .isInstanceOfSatisfying(
              IngestUnavailableException.class,
              e -> assertThat(e.retryAfter()).isEqualTo(Duration.ofSeconds(10)));
    } finally {
      broker.start();
    }
    IngestReport r = ingestor.ingest(IngestRequest.of(text, IngestFormat.TEXT, "list", Tlp.GREEN));
    assertThat(r.accepted()).isEqualTo(1);
    assertThat(submissionsOf(broker, Set.of(r.submissionId())))
        .extracting(Submission::getKey)
        .containsExactly("ipv4-addr:198.51.100.99");
  }

  private static IngestRequest stix(String body) {
    return IngestRequest.of(body.getBytes(UTF_8), IngestFormat.STIX, "us-pa", Tlp.GREEN);
  }

  private static void publishKnownIndicator(EmbeddedKafkaBroker broker) throws Exception {
    Instant t = Instant.parse("2026-01-01T00:00:00Z");
    String key = "ipv4-addr:198.51.100.77";
    IndicatorState state =
        IndicatorState.newBuilder()
            .setKey(key)
            .setIndicatorId(KNOWN_ID)
            .setObservableType("ipv4-addr")
            .setValue("198.51.100.77")
            .setPattern("[ipv4-addr:value = '198.51.100.77']")
            .setVersion(1)
            .setCreated(t)
            .setModified(t)
            .setValidFrom(t)
            .setDecision(Decision.ACTIVE)
            .setContributions(new ArrayList<>())
            .setSightings(new ArrayList<>())
            .setViews(new ArrayList<>())
            .setModelVersion("v1")
            .setPublishedAt(t)
            .build();
    try (KafkaProducer<String, IndicatorState> p =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            Topics.INDICATORS.keySerde().serializer(),
            Topics.INDICATORS.valueSerde().serializer())) {
      p.send(new ProducerRecord<>(Topics.INDICATORS.name(), key, state)).get();
    }
  }
}
