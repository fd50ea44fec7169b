package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.DistributeStage;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
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
 * Submissions on Kafka through the real enrich and distribute stages to the members' feed topics,
 * against the embedded broker.
 */
@WithEmbeddedKafka
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class PipelineIT {

  private static final ObjectMapper JSON = new ObjectMapper();
  @TempDir static Path data;
  private static EnrichStage enrich;
  private static DistributeStage distribute;

  @BeforeAll
  static void startStages(EmbeddedKafkaBroker broker) throws Exception {
    Map<String, Object> kafka =
        Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
    List<TopicSpec<?, ?>> topics = new ArrayList<>(Topics.fixed());
    for (String m : List.of("us-pa", "us-pa-dauphin", "vendor-acme")) {
      topics.add(Topics.feed(m));
    }
    try (Admin admin = Admin.create(kafka)) {
      new TopicCatalogue(admin, (short) 1, 1).apply(topics);
    }
    send(broker, Topics.MEMBERS, "us-pa", member("us-pa", Clearance.AMBER));
    send(broker, Topics.MEMBERS, "us-pa-dauphin", member("us-pa-dauphin", Clearance.GREEN));
    send(broker, Topics.MEMBERS, "vendor-acme", member("vendor-acme", Clearance.GREEN));
    for (String m : List.of("us-pa", "us-pa-dauphin", "vendor-acme")) {
      send(broker, Topics.SUBSCRIPTIONS, "sub-" + m, subscription("sub-" + m, m, 0));
    }
    enrich =
        new EnrichStage(
            new EnrichConfig(Map.of(EnrichConfig.PUNCTUATE_INTERVAL_MS_CONFIG, "200")),
            kafka,
            data,
            new SimpleMeterRegistry());
    distribute =
        new DistributeStage(
            new DistributeConfig(Map.of(DistributeConfig.CHANGE_CHECK_INTERVAL_MS_CONFIG, "200")),
            kafka,
            data,
            new SimpleMeterRegistry());
    enrich.start();
    distribute.start();
  }

  @AfterAll
  static void stopStages() {
    if (distribute != null) {
      distribute.close();
    }
    if (enrich != null) {
      enrich.close();
    }
  }

  @Test
  @Order(1)
  void shouldDeliverAGreenIndicatorToEveryMemberAndAnAmberOneOnlyToTheAmberClearedMember(
      EmbeddedKafkaBroker broker) throws Exception {
    Submission green = indicator("feodo", "185.220.101.7", Tlp.GREEN, null);
    Submission amber = indicator("analyst", "c2.amber-only.xyz", Tlp.AMBER, null);
    send(broker, Topics.SUBMISSIONS, green.getKey(), green);
    send(broker, Topics.SUBMISSIONS, amber.getKey(), amber);

    assertThat(await(broker, "us-pa", e -> e.getKey().equals(amber.getKey())).getTlp())
        .isEqualTo(Tlp.AMBER);
    for (String m : List.of("us-pa", "us-pa-dauphin", "vendor-acme")) {
      FeedEntry e = await(broker, m, x -> x.getKey().equals(green.getKey()));
      assertThat(e.getOp()).isEqualTo(FeedOp.UPSERT);
      assertThat(e.getTlp()).isEqualTo(Tlp.GREEN);
    }
    // By now every stage has committed past the AMBER record: GREEN feeds never saw it.
    for (String m : List.of("us-pa-dauphin", "vendor-acme")) {
      assertThat(feed(broker, m)).noneMatch(e -> e.getKey().equals(amber.getKey()));
      assertThat(feed(broker, m)).noneMatch(e -> e.getStix().contains("analyst"));
    }
  }

  @Test
  @Order(2)
  void shouldWithdrawOnRevocationFromEveryFeedThatHadIt(EmbeddedKafkaBroker broker)
      throws Exception {
    Submission original = indicator("vendor-acme", "185.220.101.8", Tlp.CLEAR, null);
    send(broker, Topics.SUBMISSIONS, original.getKey(), original);
    await(broker, "us-pa-dauphin", e -> e.getKey().equals(original.getKey()));
    Submission revocation = revoke(original);
    send(broker, Topics.SUBMISSIONS, revocation.getKey(), revocation);

    for (String m : List.of("us-pa", "us-pa-dauphin", "vendor-acme")) {
      FeedEntry w =
          await(
              broker, m, e -> e.getKey().equals(original.getKey()) && e.getOp() == FeedOp.WITHDRAW);
      assertThat(w.getReason()).isEqualTo("revoked");
      assertThat(w.getStix()).contains("\"revoked\":true");
    }
  }

  @Test
  @Order(3)
  void shouldWithdrawWhenValidUntilPasses(EmbeddedKafkaBroker broker) throws Exception {
    Submission shortLived =
        indicator("feodo", "185.220.101.9", Tlp.GREEN, Instant.now().plusSeconds(3));
    send(broker, Topics.SUBMISSIONS, shortLived.getKey(), shortLived);
    await(broker, "vendor-acme", e -> e.getKey().equals(shortLived.getKey()));

    FeedEntry w =
        await(
            broker,
            "vendor-acme",
            e -> e.getKey().equals(shortLived.getKey()) && e.getOp() == FeedOp.WITHDRAW);
    assertThat(w.getReason()).isEqualTo("expired");
  }

  @Test
  @Order(4)
  void shouldWithdrawWhenASubscriptionIsRaisedAboveTheScore(EmbeddedKafkaBroker broker)
      throws Exception {
    Submission s = indicator("feodo", "185.220.101.10", Tlp.GREEN, null);
    send(broker, Topics.SUBMISSIONS, s.getKey(), s);
    await(broker, "vendor-acme", e -> e.getKey().equals(s.getKey()));

    send(
        broker,
        Topics.SUBSCRIPTIONS,
        "sub-vendor-acme",
        subscription("sub-vendor-acme", "vendor-acme", 99.5));

    FeedEntry w =
        await(
            broker,
            "vendor-acme",
            e -> e.getKey().equals(s.getKey()) && e.getOp() == FeedOp.WITHDRAW);
    assertThat(w.getReason()).isEqualTo("no-longer-matches");
    List<FeedEntry> all = feed(broker, "vendor-acme");
    assertThat(all.stream().filter(e -> e.getKey().equals(s.getKey())))
        .extracting(FeedEntry::getOp)
        .containsExactly(FeedOp.UPSERT, FeedOp.WITHDRAW);
  }

  private static FeedEntry await(EmbeddedKafkaBroker broker, String member, Predicate<FeedEntry> p)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < deadline) {
      for (FeedEntry e : feed(broker, member)) {
        if (p.test(e)) {
          return e;
        }
      }
      Thread.sleep(200);
    }
    throw new AssertionError(
        "no matching entry in the feed of " + member + ": " + feed(broker, member));
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

  private static Member member(String id, Clearance clearance) {
    Instant now = Instant.now();
    return Member.newBuilder()
        .setId(id)
        .setDisplayName(id)
        .setKind(id.startsWith("vendor") ? MemberKind.VENDOR : MemberKind.STATE)
        .setClearance(clearance)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private static Subscription subscription(String id, String member, double minScore) {
    Instant now = Instant.now();
    return Subscription.newBuilder()
        .setId(id)
        .setMember(member)
        .setName("everything")
        .setMinScore(minScore)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private static Submission indicator(
      String source, String value, Tlp tlp, @Nullable Instant validUntil) throws Exception {
    String type = Character.isDigit(value.charAt(0)) ? "ipv4-addr" : "domain-name";
    return submission(
        source,
        "[" + type + ":value = '" + value + "']",
        tlp,
        validUntil,
        SubmissionKind.INDICATOR,
        null);
  }

  private static Submission revoke(Submission original) throws Exception {
    return submission(
        original.getSource(),
        JSON.readTree(original.getStix()).path("pattern").asText(),
        original.getTlp(),
        null,
        SubmissionKind.REVOCATION,
        original.getObjectId());
  }

  private static Submission submission(
      String source,
      String pattern,
      Tlp tlp,
      @Nullable Instant validUntil,
      SubmissionKind kind,
      @Nullable String objectId)
      throws Exception {
    String key = new Canonicalizer().fromPattern(PatternParser.parse(pattern)).toString();
    Instant now = Instant.now();
    String id = objectId != null ? objectId : "indicator--" + UUID.randomUUID();
    ObjectNode stix = JSON.createObjectNode();
    stix.put("type", "indicator");
    stix.put("spec_version", "2.1");
    stix.put("id", id);
    stix.put("created", StixTimestamps.format(now));
    stix.put("modified", StixTimestamps.format(now));
    stix.put("pattern", pattern);
    stix.put("pattern_type", "stix");
    stix.put("valid_from", StixTimestamps.format(now));
    if (validUntil != null) {
      stix.put("valid_until", StixTimestamps.format(validUntil));
    }
    if (kind == SubmissionKind.REVOCATION) {
      stix.put("revoked", true);
    }
    return Submission.newBuilder()
        .setSubmissionId(UUID.randomUUID().toString())
        .setObjectId(id)
        .setKind(kind)
        .setKey(key)
        .setObservableType(key.substring(0, key.indexOf(':')))
        .setSource(source)
        .setSubmittedBy(source)
        .setAdapter("stix")
        .setTlp(tlp)
        .setConfidence(80)
        .setValidFrom(now)
        .setValidUntil(validUntil)
        .setSubmittedAt(now)
        .setStix(stix.toString())
        .build();
  }
}
