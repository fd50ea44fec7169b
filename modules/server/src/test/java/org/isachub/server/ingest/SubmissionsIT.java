package org.isachub.server.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.index.IndicatorIdIndex;
import org.isachub.server.ServerConfig;
import org.isachub.server.ServerRuntime;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The submissions API over real HTTP, writing to the embedded broker. */
@WithEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SubmissionsIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Path DATA =
      Path.of(System.getProperty("isachub.shared.data", "../../../shared/data"));

  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, Object> kafka;
  private IndicatorIdIndex index;
  private Ingestor ingestor;
  private ServerRuntime runtime;
  private URI base;
  private Map<String, String> tokens;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, @TempDir Path dir) throws Exception {
    kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    IngestConfig ingestConfig = new IngestConfig(Map.of("isachub.ingest.ack.timeout.ms", "3000"));
    index = new IndicatorIdIndex(kafka, "submissions-it-index");
    index.start();
    ingestor = new Ingestor(ingestConfig, kafka, index, new SimpleMeterRegistry());
    runtime =
        new ServerRuntime(
            new ServerConfig(
                Map.of(
                    ServerConfig.PORT_CONFIG,
                    "0",
                    ServerConfig.MAX_REQUEST_BYTES_CONFIG,
                    Long.toString(256 * 1024))),
            kafka,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            List.of(new SubmissionsModule(ingestor, ingestConfig)));
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

  private HttpResponse<String> post(String path, String token, String contentType, byte[] body)
      throws Exception {
    return http.send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", contentType)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  @Order(1)
  void shouldAcceptAFeedAs202WithEveryRowWrittenUnderTheMembersOwnSource(EmbeddedKafkaBroker broker)
      throws Exception {
    byte[] feodo = Files.readAllBytes(DATA.resolve("feeds/feodo-ipblocklist.csv"));
    HttpResponse<String> r =
        post(
            "/api/v1/submissions?format=csv&mapping=feodo", tokens.get("us-pa"), "text/csv", feodo);

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("accepted").asInt()).isEqualTo(28);
    assertThat(body.path("rejected").asInt()).isZero();
    String id = body.path("submission_id").asText();
    List<Submission> written = submissions(broker);
    assertThat(written.stream().filter(s -> s.getSubmissionId().equals(id)))
        .hasSize(28)
        .allSatisfy(
            s -> {
              assertThat(s.getSource()).isEqualTo("us-pa");
              assertThat(s.getSubmittedBy()).isEqualTo("us-pa");
              assertThat(s.getAdapter()).isEqualTo("csv");
            });
  }

  @Test
  @Order(2)
  void shouldReportEachRejectedObjectWithItsReasonAndAcceptTheRest() throws Exception {
    String bundle =
        "{\"type\":\"bundle\",\"id\":\"bundle--6f3c7c55-2d1c-4b1c-9d7a-2f0a4a8a9b10\",\"objects\":["
            + indicator(
                "8a0b0ed4-0c7a-4d9a-9b9f-0b6f7f2c1a11", "[ipv4-addr:value = '185.100.87.1']")
            + ","
            + indicator("8a0b0ed4-0c7a-4d9a-9b9f-0b6f7f2c1a12", "[ipv4-addr:value = ")
            + "]}";
    HttpResponse<String> r =
        post(
            "/api/v1/submissions",
            tokens.get("analyst"),
            "application/stix+json",
            bundle.getBytes(StandardCharsets.UTF_8));

    assertThat(r.statusCode()).as(r.body()).isEqualTo(202);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.path("accepted").asInt()).isEqualTo(1);
    assertThat(body.path("rejected").asInt()).isEqualTo(1);
    JsonNode rejected = null;
    for (JsonNode o : body.path("objects")) {
      if (o.path("status").asText().equals("rejected")) {
        rejected = o;
      }
    }
    assertThat(rejected).isNotNull();
    assertThat(rejected.path("code").asText()).startsWith("stix.pattern");
    assertThat(rejected.path("reason").asText())
        .contains("indicator--8a0b0ed4-0c7a-4d9a-9b9f-0b6f7f2c1a12");
  }

  @Test
  @Order(3)
  void shouldAnswer400413And415WithAJsonError() throws Exception {
    HttpResponse<String> unreadable =
        post(
            "/api/v1/submissions",
            tokens.get("us-pa"),
            "application/stix+json",
            "{not json".getBytes(StandardCharsets.UTF_8));
    assertThat(unreadable.statusCode()).isEqualTo(400);
    assertThat(JSON.readTree(unreadable.body()).path("error").asText()).isNotBlank();

    HttpResponse<String> tooLarge =
        post(
            "/api/v1/submissions",
            tokens.get("us-pa"),
            "application/stix+json",
            new byte[300 * 1024]);
    assertThat(tooLarge.statusCode()).isEqualTo(413);
    assertThat(JSON.readTree(tooLarge.body()).path("error").asText()).isNotBlank();

    HttpResponse<String> wrongType =
        post("/api/v1/submissions", tokens.get("us-pa"), "image/png", new byte[] {1, 2, 3});
    assertThat(wrongType.statusCode()).isEqualTo(415);
    assertThat(JSON.readTree(wrongType.body()).path("error").asText()).isNotBlank();
  }

  @Test
  @Order(4)
  void shouldRefuseToSubmitAsAnotherMember() throws Exception {
    HttpResponse<String> r =
        post(
            "/api/v1/submissions?format=text&source=us-az",
            tokens.get("us-pa"),
            "text/plain",
            "185.100.87.2\n".getBytes(StandardCharsets.UTF_8));
    assertThat(r.statusCode()).isEqualTo(403);
  }

  @Test
  @Order(5)
  void shouldAnswer503WithRetryAfterAndNeverA202WhenTheBrokerIsDown(EmbeddedKafkaBroker broker)
      throws Exception {
    broker.stop();
    try {
      HttpResponse<String> r =
          post(
              "/api/v1/submissions?format=text",
              tokens.get("us-pa"),
              "text/plain",
              "185.100.87.3\n".getBytes(StandardCharsets.UTF_8));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(503);
      assertThat(r.headers().firstValue("Retry-After")).isPresent();
    } finally {
      broker.start();
    }
  }

  private static String indicator(String uuid, String pattern) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--"
        + uuid
        + "\",\"created\":\"2026-11-03T06:00:00.000Z\",\"modified\":\"2026-11-03T06:00:00.000Z\","
        + "\"pattern\":\""
        + pattern.replace("'", "'")
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-11-03T06:00:00Z\"}";
  }

  private List<Submission> submissions(EmbeddedKafkaBroker broker) {
    List<Submission> out = new ArrayList<>();
    try (KafkaConsumer<String, Submission> c =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()),
            Topics.SUBMISSIONS.keySerde().deserializer(),
            Topics.SUBMISSIONS.valueSerde().deserializer())) {
      List<TopicPartition> parts =
          c.partitionsFor(Topics.SUBMISSIONS.name()).stream()
              .map(p -> new TopicPartition(p.topic(), p.partition()))
              .toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, Submission> r : c.poll(Duration.ofMillis(100))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }
}
