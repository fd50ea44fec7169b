package org.isachub.distribute.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The member directory, admin writes and demo seed against a real broker. */
@WithEmbeddedKafka
class MemberDirectoryIT {

  private static final Duration WAIT = Duration.ofSeconds(30);
  private static final Actor ACTOR = new Actor("it", "cli");

  @TempDir Path dir;

  private Map<String, Object> kafka;
  private final List<AutoCloseable> open = new ArrayList<>();

  @BeforeEach
  void topics(EmbeddedKafkaBroker broker) throws Exception {
    kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
    }
  }

  @AfterEach
  void close() throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    open.clear();
  }

  private <T extends AutoCloseable> T track(T c) {
    open.add(c);
    return c;
  }

  private MemberDirectory directory() throws InterruptedException {
    MemberDirectory d = track(new MemberDirectory(kafka, "it-directory")).start();
    assertThat(d.awaitReady(WAIT)).isTrue();
    return d;
  }

  private MemberAdmin admin(MemberDirectory d) {
    AuditLog audit = track(new AuditLog(kafka, "it-audit"));
    return track(new MemberAdmin(kafka, "it-admin", d, audit, Clock.systemUTC(), WAIT));
  }

  private static List<DemoSeed.DemoMember> demo() throws Exception {
    try (InputStream in = Files.newInputStream(Path.of("../../deploy/local/demo-members.json"))) {
      return DemoSeed.read(in);
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldSeedDemoMembersWhoseTokensAuthenticateWithTheirRolesAndKeepThemOnASecondSeed()
      throws Exception {
    MemberDirectory d = directory();
    MemberAdmin admin = admin(d);
    Path file = dir.resolve("demo-credentials.json");
    DemoSeed.Result first = new DemoSeed(d, admin, Clock.systemUTC()).seed(demo(), file, WAIT);
    assertThat(first.issued()).hasSize(7);
    assertThat(first.credentials().keySet())
        .containsExactly(
            "admin", "analyst", "us-pa", "us-az", "us-pa-dauphin", "us-az-maricopa", "vendor-acme");
    Instant now = Instant.now();
    Map<String, Role> roles =
        Map.of(
            "admin", Role.ADMIN,
            "analyst", Role.ANALYST,
            "us-pa", Role.MEMBER,
            "us-pa-dauphin", Role.MEMBER,
            "vendor-acme", Role.VENDOR);
    for (Map.Entry<String, String> e : first.credentials().entrySet()) {
      AuthResult bearer = d.authenticate(e.getValue(), now);
      AuthResult basic = d.authenticate(e.getKey(), e.getValue(), now);
      assertThat(bearer.ok()).as(e.getKey()).isTrue();
      assertThat(bearer.principal().memberId()).isEqualTo(e.getKey());
      assertThat(basic.principal()).isEqualTo(bearer.principal());
      if (roles.containsKey(e.getKey())) {
        assertThat(bearer.principal().role()).isEqualTo(roles.get(e.getKey()));
      }
    }
    assertThat(
            d.authenticate(first.credentials().get("us-pa-dauphin"), now).principal().clearance())
        .isEqualTo(Clearance.GREEN);
    assertThat(d.subscriptionsOf("us-pa")).hasSize(1);
    assertThat(d.subscriptionsOf("admin")).isEmpty();
    assertThat(d.subscriptions()).hasSize(6);

    // A second seed, from a directory that starts from scratch, changes nothing.
    byte[] before = Files.readAllBytes(file);
    MemberDirectory fresh = directory();
    DemoSeed.Result second =
        new DemoSeed(fresh, admin(fresh), Clock.systemUTC()).seed(demo(), file, WAIT);
    assertThat(second.issued()).isEmpty();
    assertThat(second.kept()).hasSize(7);
    assertThat(second.credentials()).isEqualTo(first.credentials());
    assertThat(Files.readAllBytes(file)).isEqualTo(before);
    assertThat(fresh.members()).hasSize(7);

    // Without the credentials file, every demo member gets a fresh token; the old ones stop.
    Files.delete(file);
    DemoSeed.Result third =
        new DemoSeed(fresh, admin(fresh), Clock.systemUTC()).seed(demo(), file, WAIT);
    assertThat(third.issued()).hasSize(7);
    assertThat(fresh.authenticate(first.credentials().get("us-az"), Instant.now()).failure())
        .isEqualTo(AuthResult.Failure.REVOKED);
    assertThat(fresh.authenticate(third.credentials().get("us-az"), Instant.now()).ok()).isTrue();
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldRefuseWrongRevokedDisabledAndUnknownCredentialsWithTheReason() throws Exception {
    MemberDirectory d = directory();
    MemberAdmin admin = admin(d);
    MemberAdmin.Issued acme =
        admin.addMember(
            new MemberSpec("vendor-x", "X Corp", MemberKind.VENDOR, null, Clearance.GREEN, false),
            ACTOR);
    Instant now = Instant.now();
    assertThat(d.authenticate(acme.token(), now).ok()).isTrue();
    String other = Tokens.issue(now, null).token();
    assertThat(d.authenticate(other, now).failure()).isEqualTo(AuthResult.Failure.UNKNOWN_TOKEN);
    assertThat(d.authenticate("vendor-x", other, now).failure())
        .isEqualTo(AuthResult.Failure.WRONG_TOKEN);
    assertThat(d.authenticate("nobody", acme.token(), now).failure())
        .isEqualTo(AuthResult.Failure.UNKNOWN_MEMBER);
    assertThat(d.authenticate("not a token", now).failure())
        .isEqualTo(AuthResult.Failure.MALFORMED);

    MemberAdmin.Issued rotated = admin.rotateToken("vendor-x", null, ACTOR);
    assertThat(d.authenticate(acme.token(), Instant.now()).failure())
        .isEqualTo(AuthResult.Failure.REVOKED);
    assertThat(d.authenticate(rotated.token(), Instant.now()).ok()).isTrue();

    String tokenId = rotated.member().getTokens().get(0).getTokenId();
    admin.revokeToken("vendor-x", tokenId, ACTOR);
    assertThat(d.authenticate(rotated.token(), Instant.now()).failure())
        .isEqualTo(AuthResult.Failure.REVOKED);

    MemberAdmin.Issued third = admin.rotateToken("vendor-x", Duration.ofDays(1), ACTOR);
    assertThat(d.authenticate(third.token(), Instant.now().plus(Duration.ofDays(2))).failure())
        .isEqualTo(AuthResult.Failure.EXPIRED);
    admin.disableMember("vendor-x", ACTOR);
    assertThat(d.authenticate(third.token(), Instant.now()).failure())
        .isEqualTo(AuthResult.Failure.DISABLED);
    admin.enableMember("vendor-x", ACTOR);
    assertThat(d.authenticate(third.token(), Instant.now()).ok()).isTrue();

    assertThatThrownBy(
            () ->
                admin.addMember(
                    new MemberSpec(
                        "vendor-x", "Again", MemberKind.VENDOR, null, Clearance.GREEN, false),
                    ACTOR))
        .isInstanceOf(MemberAdminException.class)
        .hasMessageContaining("exists already");
    assertThatThrownBy(() -> admin.rotateToken("nobody", null, ACTOR))
        .hasMessageContaining("no member 'nobody'");

    List<AuditEvent> events = audit();
    assertThat(events)
        .filteredOn(e -> e.getKind() == AuditKind.ADMIN_CHANGE && "vendor-x".equals(e.getMember()))
        .extracting(e -> e.getDetail().get("action"))
        .containsExactly(
            "member-added",
            "token-rotated",
            "token-revoked",
            "token-rotated",
            "member-disabled",
            "member-enabled");
    assertThat(events.toString()).doesNotContain(acme.token()).doesNotContain(third.token());
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldForgetMembersAndSubscriptionsOnTombstones() throws Exception {
    MemberDirectory d = directory();
    MemberAdmin admin = admin(d);
    MemberAdmin.Issued m =
        admin.addMember(
            new MemberSpec("us-ga", "Georgia", MemberKind.STATE, "US-GA", Clearance.AMBER, false),
            ACTOR);
    admin.addSubscription(
        SubscriptionSpec.everything("us-ga-all", "us-ga", "All", List.of()), ACTOR);
    assertThat(d.subscriptionsOf("us-ga")).extracting(s -> s.getId()).containsExactly("us-ga-all");
    try (KafkaProducer<String, Member> producer =
        new KafkaProducer<>(
            kafka,
            Topics.MEMBERS.keySerde().serializer(),
            Topics.MEMBERS.valueSerde().serializer())) {
      RecordMetadata md =
          producer.send(new ProducerRecord<>(Topics.MEMBERS.name(), "us-ga", null)).get();
      assertThat(d.awaitApplied(md.topic(), md.partition(), md.offset(), WAIT)).isTrue();
    }
    try (KafkaProducer<String, byte[]> producer =
        new KafkaProducer<>(
            kafka,
            new org.apache.kafka.common.serialization.StringSerializer(),
            new org.apache.kafka.common.serialization.ByteArraySerializer())) {
      RecordMetadata md =
          producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), "us-ga-all", null)).get();
      assertThat(d.awaitApplied(md.topic(), md.partition(), md.offset(), WAIT)).isTrue();
      // A record that is not Avro is skipped, and the directory keeps going.
      RecordMetadata junk =
          producer
              .send(new ProducerRecord<>(Topics.MEMBERS.name(), "junk", new byte[] {1, 2, 3}))
              .get();
      assertThat(d.awaitApplied(junk.topic(), junk.partition(), junk.offset(), WAIT)).isTrue();
    }
    assertThat(d.member("us-ga")).isEmpty();
    assertThat(d.member("junk")).isEmpty();
    assertThat(d.authenticate(m.token(), Instant.now()).failure())
        .isEqualTo(AuthResult.Failure.UNKNOWN_TOKEN);
    assertThat(d.subscriptionsOf("us-ga")).isEmpty();
    assertThat(d.subscription("us-ga-all")).isEmpty();
    assertThat(d.isReady()).isTrue();
  }

  private List<AuditEvent> audit() {
    List<AuditEvent> out = new ArrayList<>();
    Map<String, Object> settings = new java.util.HashMap<>(kafka);
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
    out.sort(java.util.Comparator.comparing(AuditEvent::getAt));
    return out;
  }

  static Set<String> ids(List<Member> members) {
    Set<String> out = new java.util.TreeSet<>();
    members.forEach(m -> out.add(m.getId()));
    return out;
  }
}
