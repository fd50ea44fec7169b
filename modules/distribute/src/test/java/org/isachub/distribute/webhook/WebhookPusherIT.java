package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.wire.DeadLetters;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.AuditKind;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Tlp;
import org.isachub.wire.avro.Webhook;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The webhook pusher against the embedded broker and real HTTP receivers on loopback: order,
 * signatures, retries through failures and timeouts, dead letters, members without webhooks, lag
 * and restarts.
 */
@WithEmbeddedKafka
@Timeout(value = 90, unit = TimeUnit.SECONDS)
class WebhookPusherIT {

  private static final String SECRET = "whsec-it-0123456789";
  private static final List<String> MEMBERS =
      List.of(
          "hook-healthy",
          "hook-flaky",
          "hook-dead",
          "hook-none",
          "hook-off",
          "hook-member-off",
          "hook-on",
          "hook-lag",
          "hook-restart");

  private final List<AutoCloseable> open = new ArrayList<>();
  private final List<String> membersUsed = new ArrayList<>();

  @BeforeAll
  static void createTopics(EmbeddedKafkaBroker broker) {
    List<TopicSpec<?, ?>> topics = new ArrayList<>(Topics.fixed());
    MEMBERS.forEach(m -> topics.add(Topics.feed(m)));
    try (Admin admin = Admin.create(kafka(broker))) {
      new TopicCatalogue(admin, (short) 1, 1).apply(topics);
    }
  }

  @AfterEach
  void cleanUp(EmbeddedKafkaBroker broker) throws Exception {
    for (int i = open.size() - 1; i >= 0; i--) {
      open.get(i).close();
    }
    // Later tests' pushers read the whole members topic: leave no webhook behind.
    for (String m : membersUsed) {
      send(broker, Topics.MEMBERS, m, null);
    }
  }

  @Test
  void shouldDeliverEveryEntryInOrderSignedAndOnceToAHealthyReceiver(EmbeddedKafkaBroker broker)
      throws Exception {
    String member = "hook-healthy";
    Receiver receiver = track(Receiver.healthy(SECRET));
    List<FeedEntry> entries = entries(member, 0, 7);
    write(broker, member, entries);
    // By name: localhost resolves to loopback, which this pusher allows.
    register(broker, member, "http://localhost:" + receiver.port() + "/hook", 3);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(broker, registry, Map.of());

    await("7 entries acknowledged", () -> receiver.acknowledgedObjects().size() >= 7);
    List<FeedEntry> more = entries(member, 7, 2);
    write(broker, member, more);
    await("9 entries acknowledged", () -> receiver.acknowledgedObjects().size() >= 9);

    List<FeedEntry> all = new ArrayList<>(entries);
    all.addAll(more);
    assertThat(receiver.acknowledgedObjects())
        .containsExactlyElementsOf(all.stream().map(FeedEntry::getIndicatorId).toList());
    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).allSatisfy(r -> assertThat(r.verifyError()).isNull());
    assertThat(requests).allSatisfy(r -> assertThat(r.objectIds()).hasSizeBetween(1, 3));
    assertThat(requests)
        .allSatisfy(
            r -> assertThat(r.contentType()).isEqualTo("application/stix+json;version=2.1"));
    assertThat(requests).allMatch(Receiver.Request::acknowledged);
    assertThat(requests.stream().map(Receiver.Request::deliveryId).distinct().count())
        .isEqualTo(requests.size());

    List<AuditEvent> audit =
        await("9 audit events", () -> webhookAudit(broker, member), list -> list.size() >= 9);
    assertThat(audit).hasSize(9);
    assertThat(audit).allSatisfy(e -> assertThat(e.getKind()).isEqualTo(AuditKind.DELIVERY));
    assertThat(audit).allSatisfy(e -> assertThat(e.getOutcome()).isEqualTo("ok"));
    assertThat(audit).allSatisfy(e -> assertThat(e.getMarking()).isEqualTo(Tlp.GREEN));
    assertThat(audit.stream().map(AuditEvent::getIndicatorId).toList())
        .containsExactlyElementsOf(all.stream().map(FeedEntry::getIndicatorId).toList());
    assertThat(audit.stream().map(AuditEvent::getVersion).toList())
        .containsExactlyElementsOf(all.stream().map(FeedEntry::getStateVersion).toList());
    assertThat(audit.stream().map(AuditEvent::getEventId).distinct().count()).isEqualTo(9);
    assertThat(count(registry, WebhookMetrics.DELIVERED, member)).isEqualTo(9);
    assertThat(count(registry, WebhookMetrics.SUCCESSES, member)).isEqualTo(requests.size());
    assertThat(count(registry, WebhookMetrics.ATTEMPTS, member)).isEqualTo(requests.size());
    assertThat(registry.find(WebhookMetrics.FAILURES).tag("member", member).counters()).isEmpty();
    assertThat(committed(broker, member)).isEqualTo(9);
  }

  @Test
  void shouldRetryTheSameBatchThroughFailuresAndTimeoutsThenDeliverEverythingInOrder(
      EmbeddedKafkaBroker broker) throws Exception {
    String member = "hook-flaky";
    // Three 500s, then two answers slower than the read timeout, then healthy.
    Receiver receiver =
        track(
            new Receiver(
                SECRET,
                1_500,
                (i, body) ->
                    i < 3
                        ? Receiver.Action.status(500)
                        : i < 5 ? Receiver.Action.hang() : Receiver.Action.status(200)));
    List<FeedEntry> entries = entries(member, 0, 5);
    write(broker, member, entries);
    register(broker, member, receiver.url(), 2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(broker, registry, Map.of(WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG, "20"));

    await("5 entries acknowledged", () -> receiver.acknowledgedObjects().size() >= 5);

    assertThat(receiver.acknowledgedObjects())
        .containsExactlyElementsOf(entries.stream().map(FeedEntry::getIndicatorId).toList());
    List<Receiver.Request> requests = receiver.requests();
    assertThat(requests).allSatisfy(r -> assertThat(r.verifyError()).isNull());
    // The first batch was tried six times: always the same delivery id and the same bytes.
    List<Receiver.Request> firstBatch = requests.subList(0, 6);
    assertThat(firstBatch.stream().map(Receiver.Request::deliveryId).distinct()).hasSize(1);
    assertThat(firstBatch)
        .allSatisfy(r -> assertThat(r.body()).isEqualTo(firstBatch.get(0).body()));
    assertThat(firstBatch.get(0).objectIds())
        .containsExactly(entries.get(0).getIndicatorId(), entries.get(1).getIndicatorId());
    assertThat(firstBatch.subList(0, 5)).noneMatch(Receiver.Request::acknowledged);
    assertThat(firstBatch.get(5).acknowledged()).isTrue();
    // Nothing after the first batch was sent before it got through, and every batch once.
    assertThat(requests.subList(6, requests.size())).allMatch(Receiver.Request::acknowledged);
    List<String> ackIds =
        receiver.acknowledged().stream().map(Receiver.Request::deliveryId).toList();
    assertThat(ackIds).doesNotHaveDuplicates();

    assertThat(failures(registry, member, "http-status")).isEqualTo(3);
    assertThat(failures(registry, member, "timeout")).isEqualTo(2);
    assertThat(count(registry, WebhookMetrics.ATTEMPTS, member)).isEqualTo(requests.size());
    assertThat(deadLetters(broker, member)).isEmpty();
    assertThat(committed(broker, member)).isEqualTo(5);
  }

  @Test
  void shouldDeadLetterABatchThatNeverGetsThroughAndCarryOnWithTheNext(EmbeddedKafkaBroker broker)
      throws Exception {
    String member = "hook-dead";
    List<FeedEntry> entries = entries(member, 0, 4);
    String poisoned = entries.get(0).getIndicatorId();
    // The receiver rejects every request that holds the first entry, and takes the rest.
    Receiver receiver =
        track(
            new Receiver(
                SECRET,
                0,
                (i, body) -> Receiver.Action.status(body.contains(poisoned) ? 500 : 200)));
    write(broker, member, entries);
    register(broker, member, receiver.url(), 2);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(broker, registry, Map.of(WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG, "4"));

    await("the later entries acknowledged", () -> receiver.acknowledgedObjects().size() >= 2);
    List<DeadLetter> letters =
        await("2 dead letters", () -> deadLetters(broker, member), l -> l.size() >= 2);

    assertThat(receiver.acknowledgedObjects())
        .containsExactly(entries.get(2).getIndicatorId(), entries.get(3).getIndicatorId());
    assertThat(receiver.requests().stream().filter(r -> r.objectIds().contains(poisoned)))
        .hasSize(4);
    assertThat(letters).hasSize(2);
    assertThat(letters).extracting(DeadLetter::getOffset).containsExactly(0L, 1L);
    assertThat(letters)
        .extracting(DeadLetter::getObjectId)
        .containsExactly(entries.get(0).getIndicatorId(), entries.get(1).getIndicatorId());
    assertThat(letters)
        .allSatisfy(
            l -> {
              assertThat(l.getStage()).isEqualTo("webhook");
              assertThat(l.getReasonCode()).isEqualTo("webhook.http-status");
              assertThat(l.getReason())
                  .contains("to member hook-dead failed 4 attempts")
                  .contains("last failure: HTTP 500");
              assertThat(l.getTopic()).isEqualTo(Topics.feed(member).name());
              assertThat(l.getValue()).isNotNull();
            });
    // The original record is kept whole: it decodes to the entry that was given up on.
    FeedEntry original =
        Topics.feed(member)
            .valueSerde()
            .deserializer()
            .deserialize("x", toBytes(letters.get(0).getValue()));
    assertThat(original).isEqualTo(entries.get(0));
    List<AuditEvent> audit =
        await("4 audit events", () -> webhookAudit(broker, member), l -> l.size() >= 4);
    assertThat(audit)
        .extracting(AuditEvent::getOutcome)
        .containsExactlyInAnyOrder("dead-lettered", "dead-lettered", "ok", "ok");
    assertThat(count(registry, WebhookMetrics.DEAD_LETTERS, member)).isEqualTo(2);
    assertThat(failures(registry, member, "http-status")).isEqualTo(4);
    await("offsets committed past both batches", () -> committed(broker, member) == 4);
  }

  @Test
  void shouldPushNothingToMembersWithoutAnEnabledWebhook(EmbeddedKafkaBroker broker)
      throws Exception {
    Receiver off = track(Receiver.healthy(SECRET));
    Receiver on = track(Receiver.healthy(SECRET));
    for (String m : List.of("hook-none", "hook-off", "hook-member-off", "hook-on")) {
      write(broker, m, entries(m, 0, 2));
    }
    send(broker, Topics.MEMBERS, "hook-none", member("hook-none", true, null));
    membersUsed.add("hook-none");
    send(
        broker,
        Topics.MEMBERS,
        "hook-off",
        member("hook-off", true, webhook(off.url(), false, 10)));
    membersUsed.add("hook-off");
    send(
        broker,
        Topics.MEMBERS,
        "hook-member-off",
        member("hook-member-off", false, webhook(off.url(), true, 10)));
    membersUsed.add("hook-member-off");
    register(broker, "hook-on", on.url(), 10);
    WebhookPusher pusher = start(broker, new SimpleMeterRegistry(), Map.of());

    await("hook-on delivered", () -> on.acknowledgedObjects().size() >= 2);
    assertThat(pusher.activeMembers()).containsExactly("hook-on");
    assertThat(off.requests()).isEmpty();
    assertThat(committedOrNull(broker, "hook-none")).isNull();
    assertThat(committedOrNull(broker, "hook-off")).isNull();
    assertThat(committedOrNull(broker, "hook-member-off")).isNull();

    // Turning the webhook off stops the member's worker.
    send(broker, Topics.MEMBERS, "hook-on", member("hook-on", true, webhook(on.url(), false, 10)));
    await("hook-on stopped", () -> pusher.activeMembers().isEmpty());
  }

  @Test
  void shouldReportLagWhileTheReceiverIsDownAndZeroAfterItRecovers(EmbeddedKafkaBroker broker)
      throws Exception {
    String member = "hook-lag";
    Receiver receiver = track(new Receiver(SECRET, 0, (i, body) -> Receiver.Action.status(503)));
    register(broker, member, receiver.url(), 10);
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    start(
        broker,
        registry,
        Map.of(
            WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG, "100000",
            WebhookConfig.DEAD_LETTER_AFTER_MS_CONFIG, "600000"));

    List<FeedEntry> entries = entries(member, 0, 3);
    write(broker, member, entries);
    await("lag of 3 records", () -> gauge(registry, WebhookMetrics.LAG_RECORDS, member) == 3);
    await("lag in seconds", () -> gauge(registry, WebhookMetrics.LAG_SECONDS, member) > 0.2);
    List<FeedEntry> more = entries(member, 3, 2);
    write(broker, member, more);
    await("lag of 5 records", () -> gauge(registry, WebhookMetrics.LAG_RECORDS, member) == 5);
    assertThat(receiver.acknowledgedObjects()).isEmpty();

    receiver.script((i, body) -> Receiver.Action.status(200));
    await("lag back to 0", () -> gauge(registry, WebhookMetrics.LAG_RECORDS, member) == 0);
    await("lag seconds back to 0", () -> gauge(registry, WebhookMetrics.LAG_SECONDS, member) == 0);
    List<FeedEntry> all = new ArrayList<>(entries);
    all.addAll(more);
    assertThat(receiver.acknowledgedObjects())
        .containsExactlyElementsOf(all.stream().map(FeedEntry::getIndicatorId).toList());
    assertThat(failures(registry, member, "http-status")).isPositive();
  }

  @Test
  void shouldResendTheBatchInFlightWithTheSameDeliveryIdAfterARestart(EmbeddedKafkaBroker broker)
      throws Exception {
    String member = "hook-restart";
    Receiver receiver = track(new Receiver(SECRET, 0, (i, body) -> Receiver.Action.status(500)));
    List<FeedEntry> entries = entries(member, 0, 5);
    write(broker, member, entries);
    register(broker, member, receiver.url(), 3);
    Map<String, String> patient =
        Map.of(
            WebhookConfig.DEAD_LETTER_ATTEMPTS_CONFIG, "100000",
            WebhookConfig.DEAD_LETTER_AFTER_MS_CONFIG, "600000");
    WebhookPusher first = start(broker, new SimpleMeterRegistry(), patient);
    await("two failed attempts", () -> receiver.requests().size() >= 2);
    first.close();
    String inFlight = receiver.requests().get(0).deliveryId();
    assertThat(receiver.requests().get(0).objectIds()).hasSize(3);

    // While it was down the member asked for larger batches, and the receiver recovered.
    register(broker, member, receiver.url(), 10);
    receiver.script((i, body) -> Receiver.Action.status(200));
    start(broker, new SimpleMeterRegistry(), patient);
    await("5 entries acknowledged", () -> receiver.acknowledgedObjects().size() >= 5);

    List<Receiver.Request> acked = receiver.acknowledged();
    assertThat(acked.get(0).deliveryId()).isEqualTo(inFlight);
    assertThat(acked.get(0).objectIds())
        .containsExactlyElementsOf(
            entries.subList(0, 3).stream().map(FeedEntry::getIndicatorId).toList());
    assertThat(acked.get(1).objectIds())
        .containsExactly(entries.get(3).getIndicatorId(), entries.get(4).getIndicatorId());
    assertThat(receiver.acknowledgedObjects())
        .containsExactlyElementsOf(entries.stream().map(FeedEntry::getIndicatorId).toList());
  }

  // ---------------------------------------------------------------------------------------------

  private <T extends AutoCloseable> T track(T resource) {
    open.add(resource);
    return resource;
  }

  private WebhookPusher start(
      EmbeddedKafkaBroker broker, SimpleMeterRegistry registry, Map<String, String> overrides) {
    Map<String, Object> settings = new HashMap<>();
    settings.put(WebhookConfig.ALLOW_PLAIN_HTTP_CONFIG, "true");
    settings.put(WebhookConfig.ALLOW_PRIVATE_TARGETS_CONFIG, "127.0.0.0/8,::1");
    settings.put(WebhookConfig.BACKOFF_INITIAL_MS_CONFIG, "20");
    settings.put(WebhookConfig.BACKOFF_MAX_MS_CONFIG, "80");
    settings.put(WebhookConfig.BACKOFF_JITTER_CONFIG, "0");
    settings.put(WebhookConfig.CONNECT_TIMEOUT_MS_CONFIG, "1000");
    settings.put(WebhookConfig.READ_TIMEOUT_MS_CONFIG, "400");
    settings.put(WebhookConfig.MEMBERS_POLL_INTERVAL_MS_CONFIG, "100");
    settings.put(WebhookConfig.LAG_INTERVAL_MS_CONFIG, "100");
    settings.putAll(overrides);
    WebhookPusher pusher = new WebhookPusher(new WebhookConfig(settings), kafka(broker), registry);
    track(pusher);
    pusher.start();
    return pusher;
  }

  private void register(EmbeddedKafkaBroker broker, String id, String url, int maxBatch)
      throws Exception {
    send(broker, Topics.MEMBERS, id, member(id, true, webhook(url, true, maxBatch)));
    if (!membersUsed.contains(id)) {
      membersUsed.add(id);
    }
  }

  private static Webhook webhook(String url, boolean enabled, int maxBatch) {
    return Webhook.newBuilder()
        .setUrl(url)
        .setSecret(SECRET)
        .setEnabled(enabled)
        .setMaxBatch(maxBatch)
        .build();
  }

  private static Member member(String id, boolean enabled, @Nullable Webhook webhook) {
    Instant now = Instant.now();
    return Member.newBuilder()
        .setId(id)
        .setDisplayName(id)
        .setKind(MemberKind.STATE)
        .setClearance(Clearance.GREEN)
        .setEnabled(enabled)
        .setWebhook(webhook)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  private static List<FeedEntry> entries(String member, int from, int count) {
    List<FeedEntry> out = new ArrayList<>();
    for (int i = from; i < from + count; i++) {
      out.add(
          FeedEntries.entry(
              member,
              "ipv4-addr:203.0.113." + i,
              i + 1,
              i % 4 == 3 ? FeedOp.WITHDRAW : FeedOp.UPSERT));
    }
    return out;
  }

  private static void write(EmbeddedKafkaBroker broker, String member, List<FeedEntry> entries)
      throws Exception {
    for (FeedEntry e : entries) {
      send(broker, Topics.feed(member), e.getKey(), e);
    }
  }

  private static <V> void send(
      EmbeddedKafkaBroker broker, TopicSpec<String, V> topic, String key, @Nullable V value)
      throws Exception {
    Map<String, Object> p = new HashMap<>(kafka(broker));
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, V> producer =
        new KafkaProducer<>(p, topic.keySerde().serializer(), topic.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(topic.name(), key, value)).get();
    }
  }

  private static Map<String, Object> kafka(EmbeddedKafkaBroker broker) {
    return Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
  }

  private static <K, V> List<ConsumerRecord<K, V>> readAll(
      EmbeddedKafkaBroker broker, TopicSpec<K, V> topic) {
    Map<String, Object> p = new HashMap<>(kafka(broker));
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    List<ConsumerRecord<K, V>> out = new ArrayList<>();
    try (KafkaConsumer<K, V> consumer =
        new KafkaConsumer<>(
            p, topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
      List<TopicPartition> parts = new ArrayList<>();
      consumer
          .partitionsFor(topic.name())
          .forEach(i -> parts.add(new TopicPartition(i.topic(), i.partition())));
      consumer.assign(parts);
      consumer.seekToBeginning(parts);
      Map<TopicPartition, Long> end = consumer.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        consumer.poll(Duration.ofMillis(100)).forEach(out::add);
      }
    }
    return out;
  }

  private static List<AuditEvent> webhookAudit(EmbeddedKafkaBroker broker, String member) {
    return readAll(broker, Topics.AUDIT).stream()
        .map(ConsumerRecord::value)
        .filter(e -> member.equals(e.getMember()) && "webhook".equals(e.getChannel()))
        .sorted(
            java.util.Comparator.comparingLong(e -> Long.parseLong(e.getDetail().get("offset"))))
        .toList();
  }

  private static List<DeadLetter> deadLetters(EmbeddedKafkaBroker broker, String member) {
    List<DeadLetter> out = new ArrayList<>();
    for (ConsumerRecord<byte[], DeadLetter> r : readAll(broker, Topics.DEAD_LETTERS)) {
      Header stage = r.headers().lastHeader(DeadLetters.STAGE_HEADER);
      if (member.equals(r.value().getSource())
          && stage != null
          && new String(stage.value(), StandardCharsets.UTF_8).equals("webhook")) {
        out.add(r.value());
      }
    }
    out.sort(java.util.Comparator.comparingLong(DeadLetter::getOffset));
    return out;
  }

  private static @Nullable Long committedOrNull(EmbeddedKafkaBroker broker, String member) {
    try (Admin admin = Admin.create(kafka(broker))) {
      Map<TopicPartition, OffsetAndMetadata> offsets =
          admin
              .listConsumerGroupOffsets("isachub-webhook-" + member)
              .partitionsToOffsetAndMetadata()
              .get(30, TimeUnit.SECONDS);
      OffsetAndMetadata o = offsets.get(new TopicPartition(Topics.feed(member).name(), 0));
      return o == null ? null : o.offset();
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the committed offsets of " + member, e);
    }
  }

  private static long committed(EmbeddedKafkaBroker broker, String member) {
    Long offset = committedOrNull(broker, member);
    return offset == null ? -1 : offset;
  }

  private static double count(SimpleMeterRegistry registry, String name, String member) {
    Counter c = registry.find(name).tag("member", member).counter();
    return c == null ? 0 : c.count();
  }

  private static double failures(SimpleMeterRegistry registry, String member, String cause) {
    Counter c =
        registry.find(WebhookMetrics.FAILURES).tag("member", member).tag("cause", cause).counter();
    return c == null ? 0 : c.count();
  }

  private static double gauge(SimpleMeterRegistry registry, String name, String member) {
    Gauge g = registry.find(name).tag("member", member).gauge();
    return g == null ? -1 : g.value();
  }

  /** Waits until the condition holds; the test's timeout bounds the wait. */
  private static void await(String what, BooleanSupplier condition) throws Exception {
    await(what, () -> condition.getAsBoolean(), ok -> ok);
  }

  private static <T> T await(String what, Supplier<T> probe, java.util.function.Predicate<T> done)
      throws Exception {
    T last = probe.get();
    try {
      while (!done.test(last)) {
        Thread.sleep(50);
        last = probe.get();
      }
      return last;
    } catch (InterruptedException e) {
      throw new AssertionError("still waiting for " + what + "; last seen: " + last, e);
    }
  }

  private static byte[] toBytes(java.nio.ByteBuffer buffer) {
    java.nio.ByteBuffer copy = buffer.duplicate();
    byte[] out = new byte[copy.remaining()];
    copy.get(out);
    return out;
  }
}
