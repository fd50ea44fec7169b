package org.isachub.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.distribute.member.Tokens;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP server over real HTTP against a real broker, seeded with the demo members. */
@WithEmbeddedKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ServerIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final long MAX_BODY = 64 * 1024;

  private Path dir;

  private final HttpClient http = HttpClient.newHttpClient();
  private Map<String, Object> kafka;
  private ServerRuntime runtime;
  private URI base;
  private Map<String, String> tokens;

  @BeforeAll
  void start(EmbeddedKafkaBroker broker, @TempDir Path tempDir) throws Exception {
    dir = tempDir;
    kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
    runtime =
        start(
            Map.of(ServerConfig.AUTH_FAILURE_BURST_CONFIG, "1000"),
            List.of(
                (routes, context) ->
                    routes.get(
                        "/api/v1/test/boom",
                        ctx -> {
                          throw new IllegalStateException(
                              "secret detail from org.example.Internal at line 42");
                        })));
    base = runtime.baseUri();
    List<DemoSeed.DemoMember> demo;
    try (InputStream in = Files.newInputStream(Path.of("../../deploy/local/demo-members.json"))) {
      demo = DemoSeed.read(in);
    }
    tokens =
        new DemoSeed(runtime.context().directory(), runtime.context().admin(), Clock.systemUTC())
            .seed(demo, dir.resolve("demo-credentials.json"), Duration.ofSeconds(30))
            .credentials();
    awaitHealthy(base);
  }

  private ServerRuntime start(Map<String, String> overrides) throws Exception {
    return start(overrides, List.of());
  }

  private ServerRuntime start(Map<String, String> overrides, List<ServerModule> modules)
      throws Exception {
    Map<String, String> settings = new HashMap<>();
    settings.put(ServerConfig.PORT_CONFIG, "0");
    settings.put(ServerConfig.MAX_REQUEST_BYTES_CONFIG, Long.toString(MAX_BODY));
    settings.putAll(overrides);
    ServerRuntime r =
        new ServerRuntime(
            new ServerConfig(settings),
            kafka,
            new SimpleMeterRegistry(),
            Clock.systemUTC(),
            modules);
    r.start();
    return r;
  }

  @AfterAll
  void stop() {
    if (runtime != null) {
      runtime.close();
    }
  }

  private void awaitHealthy(URI server) throws Exception {
    while (true) {
      HttpResponse<String> r = send(HttpRequest.newBuilder(server.resolve("/health")).build());
      if (r.statusCode() == 200) {
        return;
      }
      Thread.sleep(100);
    }
  }

  private HttpResponse<String> send(HttpRequest request) throws Exception {
    return http.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(String path, String token) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .build());
  }

  private HttpResponse<String> post(String path, String token, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private HttpResponse<String> put(String path, String token, String body) throws Exception {
    return send(
        HttpRequest.newBuilder(base.resolve(path))
            .header("Authorization", "Bearer " + token)
            .header("Content-Type", "application/json")
            .PUT(HttpRequest.BodyPublishers.ofString(body))
            .build());
  }

  private static JsonNode json(HttpResponse<String> r) throws Exception {
    return JSON.readTree(r.body());
  }

  private static String basic(String member, String token) {
    return "Basic "
        + Base64.getEncoder()
            .encodeToString((member + ":" + token).getBytes(StandardCharsets.UTF_8));
  }

  /** An error answer: JSON with exactly error and message, and nothing of the server's insides. */
  private static void assertCleanError(HttpResponse<String> r, int status, String code)
      throws Exception {
    assertThat(r.statusCode()).as(r.body()).isEqualTo(status);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = json(r);
    List<String> fields = new ArrayList<>();
    body.fieldNames().forEachRemaining(fields::add);
    assertThat(fields).containsExactly("error", "message");
    assertThat(body.get("error").asText()).isEqualTo(code);
    assertThat(r.body())
        .doesNotContain("Exception")
        .doesNotContain("at org.")
        .doesNotContain("java.")
        .doesNotContain("javalin")
        .doesNotContain("jetty")
        .doesNotContain("kafka")
        .doesNotContainIgnoringCase("avro");
    assertThat(r.headers().firstValue("Server")).isEmpty();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldAuthenticateEveryDemoTokenByBearerAndBasicWithItsRoleAndClearance() throws Exception {
    Map<String, String> expected =
        Map.of(
            "admin", "admin/CLEAR",
            "analyst", "analyst/AMBER",
            "us-pa", "member/AMBER",
            "us-az", "member/AMBER",
            "us-pa-dauphin", "member/GREEN",
            "us-az-maricopa", "member/GREEN",
            "vendor-acme", "vendor/GREEN");
    assertThat(tokens.keySet()).containsExactlyInAnyOrderElementsOf(expected.keySet());
    for (Map.Entry<String, String> e : tokens.entrySet()) {
      HttpResponse<String> bearer = get("/api/v1/me", e.getValue());
      assertThat(bearer.statusCode()).as(e.getKey()).isEqualTo(200);
      JsonNode me = json(bearer);
      assertThat(me.get("member").asText()).isEqualTo(e.getKey());
      assertThat(me.get("role").asText() + "/" + me.get("clearance").asText())
          .isEqualTo(expected.get(e.getKey()));
      HttpResponse<String> viaBasic =
          send(
              HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                  .header("Authorization", basic(e.getKey(), e.getValue()))
                  .build());
      assertThat(viaBasic.statusCode()).isEqualTo(200);
      assertThat(json(viaBasic)).isEqualTo(me);
    }
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseMissingAndWrongCredentialsWith401AndAuditTheFailureWithoutTheToken()
      throws Exception {
    HttpResponse<String> none = send(HttpRequest.newBuilder(base.resolve("/api/v1/me")).build());
    assertCleanError(none, 401, "unauthorized");
    assertThat(none.headers().firstValue("WWW-Authenticate").orElse("")).contains("Bearer");

    String wrong = Tokens.issue(java.time.Instant.now(), null).token();
    assertCleanError(get("/api/v1/me", wrong), 401, "unauthorized");
    HttpResponse<String> wrongBasic =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                .header("Authorization", basic("us-az", wrong))
                .build());
    assertCleanError(wrongBasic, 401, "unauthorized");
    // A token of one member with another member's id is refused too.
    HttpResponse<String> crossed =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                .header("Authorization", basic("us-az", tokens.get("us-pa")))
                .build());
    assertCleanError(crossed, 401, "unauthorized");

    List<AuditEvent> failures = new ArrayList<>();
    while (failures.stream().noneMatch(e -> "wrong-token".equals(e.getDetail().get("reason")))
        || failures.stream().noneMatch(e -> "unknown-token".equals(e.getDetail().get("reason")))) {
      failures = audit().stream().filter(e -> e.getKind() == AuditKind.AUTH_FAILURE).toList();
      Thread.sleep(100);
    }
    AuditEvent wrongMember =
        failures.stream()
            .filter(e -> "wrong-token".equals(e.getDetail().get("reason")))
            .findFirst()
            .orElseThrow();
    assertThat(wrongMember.getMember()).isEqualTo("us-az");
    assertThat(wrongMember.getOutcome()).isEqualTo("denied");
    assertThat(wrongMember.getChannel()).isEqualTo("api");
    assertThat(wrongMember.getDetail()).containsEntry("path", "/api/v1/me");
    assertThat(failures.toString()).doesNotContain(wrong).doesNotContain(tokens.get("us-pa"));
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldAnswer429WithRetryAfterOnceAnAddressHasFailedTooOften() throws Exception {
    try (ServerRuntime strict =
        start(
            Map.of(
                ServerConfig.AUTH_FAILURE_BURST_CONFIG, "3",
                ServerConfig.AUTH_FAILURE_PER_MINUTE_CONFIG, "1"))) {
      awaitHealthy(strict.baseUri());
      URI me = strict.baseUri().resolve("/api/v1/me");
      for (int i = 0; i < 3; i++) {
        HttpResponse<String> r =
            send(HttpRequest.newBuilder(me).header("Authorization", "Bearer nope" + i).build());
        assertThat(r.statusCode()).as("attempt %d", i).isEqualTo(401);
      }
      HttpResponse<String> limited =
          send(HttpRequest.newBuilder(me).header("Authorization", "Bearer nope").build());
      assertCleanError(limited, 429, "too_many_requests");
      assertThat(Long.parseLong(limited.headers().firstValue("Retry-After").orElseThrow()))
          .isBetween(1L, 60L);
      // While limited, even a good token is not looked at.
      HttpResponse<String> good =
          send(
              HttpRequest.newBuilder(me)
                  .header("Authorization", "Bearer " + tokens.get("us-pa"))
                  .build());
      assertThat(good.statusCode()).isEqualTo(429);
      // The open health check is not limited.
      assertThat(
              send(HttpRequest.newBuilder(strict.baseUri().resolve("/health")).build())
                  .statusCode())
          .isEqualTo(200);
    }
    // The other server has its own limiter.
    assertThat(get("/api/v1/me", tokens.get("us-pa")).statusCode()).isEqualTo(200);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldKeepMembersOutOfTheAdminApiAndOutOfOtherMembersSubscriptions() throws Exception {
    String pa = tokens.get("us-pa");
    assertCleanError(get("/api/v1/admin/members", pa), 403, "forbidden");
    assertCleanError(get("/api/v1/admin/subscriptions", tokens.get("analyst")), 403, "forbidden");
    assertCleanError(
        post("/api/v1/admin/members/us-az/tokens", tokens.get("vendor-acme"), "{}"),
        403,
        "forbidden");
    assertCleanError(get("/api/v1/subscriptions/us-az-all", pa), 403, "forbidden");
    assertCleanError(get("/api/v1/subscriptions?member=us-az", pa), 403, "forbidden");
    assertCleanError(
        put("/api/v1/subscriptions", pa, "{\"id\":\"us-az-all\",\"name\":\"mine now\"}"),
        403,
        "forbidden");
    assertCleanError(
        put("/api/v1/subscriptions", pa, "{\"member\":\"us-az\",\"name\":\"theirs\"}"),
        403,
        "forbidden");

    JsonNode own = json(get("/api/v1/subscriptions", pa));
    assertThat(own.get("subscriptions")).hasSize(1);
    assertThat(own.get("subscriptions").get(0).get("id").asText()).isEqualTo("us-pa-all");
    assertThat(own.get("clearance").asText()).isEqualTo("AMBER");
    // us-az's subscription is untouched.
    JsonNode az = json(get("/api/v1/subscriptions/us-az-all", tokens.get("us-az")));
    assertThat(az.get("name").asText()).isEqualTo("Everything us-az may see");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldLetAMemberSaveItsOwnSubscriptionCappedByItsClearanceAndRefuseBadFilters()
      throws Exception {
    String dauphin = tokens.get("us-pa-dauphin");
    HttpResponse<String> saved =
        put(
            "/api/v1/subscriptions",
            dauphin,
            "{\"id\":\"us-pa-dauphin-urls\",\"name\":\"Phishing URLs\","
                + "\"observable_types\":[\"url\",\"domain-name\"],\"min_score\":60,"
                + "\"decisions\":[\"ACTIVE\",\"SUPPRESSED\"]}");
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(200);
    JsonNode s = json(saved);
    assertThat(s.get("member").asText()).isEqualTo("us-pa-dauphin");
    assertThat(s.get("clearance").asText()).isEqualTo("GREEN");
    assertThat(s.get("min_score").asDouble()).isEqualTo(60.0);
    assertThat(json(get("/api/v1/subscriptions/us-pa-dauphin-urls", dauphin)).get("name").asText())
        .isEqualTo("Phishing URLs");

    HttpResponse<String> bad =
        put(
            "/api/v1/subscriptions",
            dauphin,
            "{\"id\":\"us-pa-dauphin-bad\",\"observable_types\":[\"ipv9-addr\"],\"min_score\":150}");
    assertCleanError(bad, 400, "bad_request");
    assertThat(json(bad).get("message").asText())
        .contains("observable_types: 'ipv9-addr'")
        .contains("min_score: must be between 0 and 100");
    assertCleanError(
        put("/api/v1/subscriptions", dauphin, "{\"id\":\"someone-else\",\"name\":\"x\"}"),
        400,
        "bad_request");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldLetAnAdminAddAMemberWhoseTokenWorksAtOnceAndWhoseRotationStopsTheOldToken()
      throws Exception {
    String admin = tokens.get("admin");
    HttpResponse<String> added =
        post(
            "/api/v1/admin/members",
            admin,
            "{\"id\":\"us-ga\",\"display_name\":\"Georgia Secretary of State\",\"kind\":\"state\","
                + "\"jurisdiction\":\"US-GA\",\"clearance\":\"AMBER\"}");
    assertThat(added.statusCode()).as(added.body()).isEqualTo(201);
    assertThat(added.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    String first = json(added).get("token").asText();
    assertThat(Tokens.looksLikeToken(first)).isTrue();
    assertThat(json(added).get("member").toString()).doesNotContain(Tokens.hash(first));

    // The admin call returns once the directory has the new member: the token works at once.
    assertThat(json(get("/api/v1/me", first)).get("member").asText()).isEqualTo("us-ga");

    HttpResponse<String> sub =
        post(
            "/api/v1/admin/subscriptions",
            admin,
            "{\"id\":\"us-ga-all\",\"member\":\"us-ga\",\"name\":\"All\"}");
    assertThat(sub.statusCode()).as(sub.body()).isEqualTo(201);
    assertThat(json(get("/api/v1/subscriptions", first)).get("subscriptions")).hasSize(1);

    HttpResponse<String> rotated = post("/api/v1/admin/members/us-ga/tokens", admin, "");
    assertThat(rotated.statusCode()).as(rotated.body()).isEqualTo(201);
    String second = json(rotated).get("token").asText();
    assertThat(second).isNotEqualTo(first);
    assertCleanError(get("/api/v1/me", first), 401, "unauthorized");
    assertThat(get("/api/v1/me", second).statusCode()).isEqualTo(200);

    JsonNode shown = json(get("/api/v1/admin/members/us-ga", admin));
    assertThat(shown.get("tokens")).hasSize(2);
    assertThat(shown.toString()).doesNotContain(second).doesNotContain(Tokens.hash(second));
    assertThat(json(get("/api/v1/admin/members", admin)).get("members").toString())
        .contains("\"us-ga\"");

    assertThat(post("/api/v1/admin/subscriptions/us-ga-all/disable", admin, "").statusCode())
        .isEqualTo(200);
    assertThat(json(get("/api/v1/admin/subscriptions/us-ga-all", admin)).get("enabled").asBoolean())
        .isFalse();
    assertThat(post("/api/v1/admin/members/us-ga/disable", admin, "").statusCode()).isEqualTo(200);
    assertCleanError(get("/api/v1/me", second), 401, "unauthorized");

    assertCleanError(
        post(
            "/api/v1/admin/members",
            admin,
            "{\"id\":\"us-ga\",\"display_name\":\"Again\",\"kind\":\"state\","
                + "\"jurisdiction\":\"US-GA\",\"clearance\":\"AMBER\"}"),
        409,
        "conflict");
    HttpResponse<String> red =
        post(
            "/api/v1/admin/members",
            admin,
            "{\"id\":\"us-nv\",\"display_name\":\"Nevada\",\"kind\":\"state\","
                + "\"jurisdiction\":\"US-NV\",\"clearance\":\"RED\"}");
    assertCleanError(red, 400, "bad_request");
    assertThat(json(red).get("message").asText()).contains("'RED' is not a clearance");
    assertCleanError(get("/api/v1/admin/members/nobody", admin), 404, "not_found");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseOversizedBodiesWith413DeclaredOrStreamed() throws Exception {
    String admin = tokens.get("admin");
    String big = "{\"id\":\"" + "x".repeat((int) MAX_BODY) + "\"}";
    assertCleanError(post("/api/v1/admin/members", admin, big), 413, "payload_too_large");
    // Streamed without a Content-Length: the limit holds while reading.
    HttpResponse<String> chunked =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/admin/members"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json")
                .POST(
                    HttpRequest.BodyPublishers.ofInputStream(
                        () -> new ByteArrayInputStream(big.getBytes(StandardCharsets.UTF_8))))
                .build());
    assertCleanError(chunked, 413, "payload_too_large");
    assertThat(json(get("/api/v1/admin/members", admin)).get("members").toString())
        .doesNotContain("xxxxxxxx");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldAnswerEveryErrorInJsonWithoutStackTracesOrClassNames() throws Exception {
    String admin = tokens.get("admin");
    assertCleanError(get("/api/v1/nothing-here", admin), 404, "not_found");
    assertCleanError(
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                .header("Authorization", "Bearer " + admin)
                .DELETE()
                .build()),
        405,
        "method_not_allowed");
    HttpResponse<String> boom = get("/api/v1/test/boom", admin);
    assertCleanError(boom, 500, "internal_error");
    assertThat(boom.body()).doesNotContain("secret").doesNotContain("Internal");
    assertThat(json(boom).get("message").asText())
        .matches("internal error \\(reference [0-9a-f-]{36}\\)");
    HttpResponse<String> notJson = post("/api/v1/admin/members", admin, "{\"id\": ");
    assertCleanError(notJson, 400, "bad_request");
    assertThat(json(notJson).get("message").asText()).contains("not valid JSON");
    assertCleanError(
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/admin/members"))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "text/plain")
                .POST(HttpRequest.BodyPublishers.ofString("id=x"))
                .build()),
        415,
        "unsupported_media_type");
    HttpResponse<String> unknownField =
        post("/api/v1/admin/members", admin, "{\"id\":\"x\",\"superuser\":true}");
    assertCleanError(unknownField, 400, "bad_request");
    assertThat(json(unknownField).get("message").asText()).contains("unknown field(s) superuser");
    HttpResponse<String> deep =
        post("/api/v1/admin/members", admin, "[".repeat(5000) + "]".repeat(5000));
    assertCleanError(deep, 400, "bad_request");
    // Headers beyond the limit are refused by the HTTP layer, in the same shape.
    HttpResponse<String> huge =
        send(
            HttpRequest.newBuilder(base.resolve("/api/v1/me"))
                .header("Authorization", "Bearer " + admin)
                .header("X-Padding", "p".repeat(20_000))
                .build());
    assertCleanError(huge, 431, "headers_too_large");
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldReportHealthWithoutCredentials() throws Exception {
    HttpResponse<String> r = send(HttpRequest.newBuilder(base.resolve("/health")).build());
    assertThat(r.statusCode()).isEqualTo(200);
    JsonNode body = json(r);
    assertThat(body.get("status").asText()).isEqualTo("ready");
    assertThat(body.get("checks").get("members").asText()).isEqualTo("ready");
    assertThat(body.get("checks").get("kafka").asText()).isEqualTo("ready");
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldServeHttpsWithAConfiguredKeystore() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "hub",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=127.0.0.1",
                "-ext",
                "san=ip:127.0.0.1",
                "-validity",
                "2",
                "-storetype",
                "PKCS12",
                "-keystore",
                keystore.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    assertThat(keytool.waitFor()).as(new String(keytool.getInputStream().readAllBytes())).isZero();
    try (ServerRuntime tls =
        start(
            Map.of(
                ServerConfig.KEYSTORE_PATH_CONFIG,
                keystore.toString(),
                ServerConfig.KEYSTORE_PASSWORD_CONFIG,
                "changeit"))) {
      assertThat(tls.baseUri().getScheme()).isEqualTo("https");
      KeyStore trust = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        trust.load(in, "changeit".toCharArray());
      }
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(trust);
      SSLContext ssl = SSLContext.getInstance("TLS");
      ssl.init(null, tmf.getTrustManagers(), null);
      HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
      HttpResponse<String> me =
          https.send(
              HttpRequest.newBuilder(tls.baseUri().resolve("/api/v1/me"))
                  .header("Authorization", "Bearer " + tokens.get("analyst"))
                  .build(),
              HttpResponse.BodyHandlers.ofString());
      assertThat(me.statusCode()).as(me.body()).isEqualTo(200);
      assertThat(me.headers().firstValue("Strict-Transport-Security")).isPresent();
      // Plain HTTP to the TLS port gets nowhere.
      URI plain = URI.create("http://127.0.0.1:" + tls.baseUri().getPort() + "/health");
      int status;
      try {
        status = send(HttpRequest.newBuilder(plain).build()).statusCode();
      } catch (java.io.IOException e) {
        status = -1;
      }
      assertThat(status).isNotEqualTo(200);
    }
  }

  private List<AuditEvent> audit() {
    List<AuditEvent> out = new ArrayList<>();
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, AuditEvent> consumer =
        new KafkaConsumer<>(
            settings,
            Topics.AUDIT.keySerde().deserializer(),
            Topics.AUDIT.valueSerde().deserializer())) {
      List<TopicPartition> tps = new ArrayList<>();
      consumer
          .partitionsFor(Topics.AUDIT.name())
          .forEach(p -> tps.add(new TopicPartition(p.topic(), p.partition())));
      consumer.assign(tps);
      consumer.seekToBeginning(tps);
      Map<TopicPartition, Long> end = consumer.endOffsets(tps);
      while (tps.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, AuditEvent> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  static List<String> names(JsonNode node) {
    List<String> out = new ArrayList<>();
    Iterator<String> it = node.fieldNames();
    it.forEachRemaining(out::add);
    return out;
  }
}
