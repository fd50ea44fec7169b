package org.isachub.distribute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.isachub.distribute.feed.States.everything;
import static org.isachub.distribute.feed.States.member;
import static org.isachub.distribute.feed.States.state;
import static org.isachub.distribute.feed.States.view;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.isachub.distribute.feed.States;
import org.isachub.stix.validate.StixValidator;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DistributeTopologyTest {

  private static final String IP = "ipv4-addr:45.137.21.9";
  private static final ObjectMapper JSON = new ObjectMapper();

  private TopologyTestDriver driver;
  private TestInputTopic<String, IndicatorState> indicators;
  private TestInputTopic<String, Member> members;
  private TestInputTopic<String, Subscription> subscriptions;

  @BeforeEach
  void start() {
    DistributeConfig config =
        new DistributeConfig(Map.of(DistributeConfig.CHANGE_CHECK_INTERVAL_MS_CONFIG, "1000"));
    driver =
        new TopologyTestDriver(
            DistributeTopology.build(config, new SimpleMeterRegistry()),
            new DistributeStage(
                    config,
                    Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                    Path.of("target/distribute-test-state"),
                    new SimpleMeterRegistry())
                .streamsProperties(),
            States.T0);
    indicators =
        driver.createInputTopic(
            Topics.INDICATORS.name(),
            Serdes.String().serializer(),
            Topics.INDICATORS.valueSerde().serializer());
    members =
        driver.createInputTopic(
            Topics.MEMBERS.name(),
            Serdes.String().serializer(),
            Topics.MEMBERS.valueSerde().serializer());
    subscriptions =
        driver.createInputTopic(
            Topics.SUBSCRIPTIONS.name(),
            Serdes.String().serializer(),
            Topics.SUBSCRIPTIONS.valueSerde().serializer());
    add(member("us-pa", Clearance.AMBER), everything("sub-pa", "us-pa"));
    add(member("us-pa-dauphin", Clearance.GREEN), everything("sub-dauphin", "us-pa-dauphin"));
    add(member("vendor-acme", Clearance.GREEN), everything("sub-acme", "vendor-acme"));
    driver.advanceWallClockTime(Duration.ofSeconds(2));
  }

  @AfterEach
  void stop() {
    driver.close();
  }

  private void add(Member m, Subscription s) {
    members.pipeInput(m.getId(), m);
    subscriptions.pipeInput(s.getId(), s);
  }

  private TestOutputTopic<String, FeedEntry> feed(String member) {
    return driver.createOutputTopic(
        Topics.feed(member).name(),
        Serdes.String().deserializer(),
        Topics.feed(member).valueSerde().deserializer());
  }

  private static IndicatorState greenAndAmber(long version, Decision decision) {
    return state(
        IP,
        version,
        decision,
        view(Clearance.GREEN, null, Tlp.GREEN, decision, 55, "feodo"),
        view(Clearance.AMBER, null, Tlp.AMBER, decision, 80, "feodo", "analyst"));
  }

  @Test
  void shouldGiveEachMemberTheViewOfItsOwnClearance() throws Exception {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));

    FeedEntry pa = feed("us-pa").readValue();
    FeedEntry dauphin = feed("us-pa-dauphin").readValue();
    assertThat(pa.getOp()).isEqualTo(FeedOp.UPSERT);
    assertThat(pa.getTlp()).isEqualTo(Tlp.AMBER);
    assertThat(pa.getScore()).isEqualTo(80.0);
    assertThat(dauphin.getTlp()).isEqualTo(Tlp.GREEN);
    assertThat(dauphin.getScore()).isEqualTo(55.0);
    JsonNode stix = JSON.readTree(dauphin.getStix());
    assertThat(stix.path("x_isachub_sources").toString()).isEqualTo("[\"feodo\"]");
    assertThat(stix.path("confidence").asInt()).isEqualTo(55);
    assertThat(StixValidator.standard().validate(stix)).isEmpty();
    assertThat(StixValidator.standard().validate(JSON.readTree(pa.getStix()))).isEmpty();
  }

  @Test
  void shouldNeverSendAnAmberOnlyIndicatorToGreenClearedMembers() {
    indicators.pipeInput(
        IP,
        state(
            IP,
            1,
            Decision.ACTIVE,
            view(Clearance.AMBER, null, Tlp.AMBER, Decision.ACTIVE, 90, "analyst")));

    assertThat(feed("us-pa").readValuesToList()).hasSize(1);
    assertThat(feed("us-pa-dauphin").isEmpty()).isTrue();
    assertThat(feed("vendor-acme").isEmpty()).isTrue();
  }

  @Test
  void shouldSendAnAmberStrictIndicatorOnlyToItsNamedRecipient() {
    indicators.pipeInput(
        IP,
        state(
            IP,
            1,
            Decision.ACTIVE,
            view(
                Clearance.GREEN, "vendor-acme", Tlp.AMBER_STRICT, Decision.ACTIVE, 70, "analyst")));

    assertThat(feed("vendor-acme").readValue().getTlp()).isEqualTo(Tlp.AMBER_STRICT);
    assertThat(feed("us-pa").isEmpty()).isTrue();
    assertThat(feed("us-pa-dauphin").isEmpty()).isTrue();
  }

  @Test
  void shouldWithdrawOnExpiryAndNotRepeatAnUnchangedView() throws Exception {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));
    indicators.pipeInput(IP, greenAndAmber(2, Decision.ACTIVE)); // nothing visible changed
    indicators.pipeInput(IP, greenAndAmber(3, Decision.EXPIRED));

    List<FeedEntry> dauphin = feed("us-pa-dauphin").readValuesToList();
    assertThat(dauphin)
        .extracting(FeedEntry::getOp)
        .containsExactly(FeedOp.UPSERT, FeedOp.WITHDRAW);
    assertThat(dauphin.get(1).getReason()).isEqualTo("expired");
    assertThat(JSON.readTree(dauphin.get(1).getStix()).path("revoked").asBoolean()).isTrue();
    assertThat(JSON.readTree(dauphin.get(1).getStix()).path("id").asText())
        .isEqualTo(JSON.readTree(dauphin.get(0).getStix()).path("id").asText());
    // A later state that is still expired withdraws nothing twice.
    indicators.pipeInput(IP, greenAndAmber(4, Decision.EXPIRED));
    assertThat(feed("us-pa-dauphin").isEmpty()).isTrue();
  }

  @Test
  void shouldWithdrawWhenASubscriptionStopsMatchingAndBackfillWhenItMatchesAgain() {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));
    assertThat(feed("vendor-acme").readValuesToList()).hasSize(1);

    Subscription strict =
        Subscription.newBuilder(everything("sub-acme", "vendor-acme")).setMinScore(60).build();
    subscriptions.pipeInput(strict.getId(), strict);
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    FeedEntry withdrawn = feed("vendor-acme").readValue();
    assertThat(withdrawn.getOp()).isEqualTo(FeedOp.WITHDRAW);
    assertThat(withdrawn.getReason()).isEqualTo("no-longer-matches");

    Subscription relaxed = Subscription.newBuilder(strict).setMinScore(50).build();
    subscriptions.pipeInput(relaxed.getId(), relaxed);
    driver.advanceWallClockTime(Duration.ofSeconds(2));
    assertThat(feed("vendor-acme").readValue().getOp()).isEqualTo(FeedOp.UPSERT);
  }

  @Test
  void shouldBackfillANewMemberFromTheCurrentState() {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));
    add(member("us-az", Clearance.AMBER), everything("sub-az", "us-az"));
    assertThat(feed("us-az").isEmpty()).isTrue();

    driver.advanceWallClockTime(Duration.ofSeconds(2));

    FeedEntry backfilled = feed("us-az").readValue();
    assertThat(backfilled.getOp()).isEqualTo(FeedOp.UPSERT);
    assertThat(backfilled.getTlp()).isEqualTo(Tlp.AMBER);
  }

  @Test
  void shouldWithdrawEverythingFromADisabledMember() {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));
    feed("us-pa").readValuesToList();
    Member disabled = Member.newBuilder(member("us-pa", Clearance.AMBER)).setEnabled(false).build();
    members.pipeInput(disabled.getId(), disabled);
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    FeedEntry entry = feed("us-pa").readValue();
    assertThat(entry.getOp()).isEqualTo(FeedOp.WITHDRAW);
    assertThat(entry.getReason()).isEqualTo("member-disabled");
  }

  @Test
  void shouldWithdrawTheAmberViewWhenAMemberIsClearedDownToGreen() {
    indicators.pipeInput(
        IP,
        state(
            IP,
            1,
            Decision.ACTIVE,
            view(Clearance.AMBER, null, Tlp.AMBER, Decision.ACTIVE, 90, "analyst")));
    assertThat(feed("us-pa").readValuesToList()).hasSize(1);
    Member lowered = member("us-pa", Clearance.GREEN);
    members.pipeInput(lowered.getId(), lowered);
    driver.advanceWallClockTime(Duration.ofSeconds(2));

    FeedEntry entry = feed("us-pa").readValue();
    assertThat(entry.getOp()).isEqualTo(FeedOp.WITHDRAW);
    assertThat(entry.getReason()).isEqualTo("not-visible-at-clearance");
    assertThat(entry.getTlp()).isEqualTo(Tlp.AMBER);
    assertThat(entry.getStix()).doesNotContain("analyst");
  }

  @Test
  void shouldAuditEveryDelivery() {
    indicators.pipeInput(IP, greenAndAmber(1, Decision.ACTIVE));
    List<AuditEvent> audit =
        driver
            .createOutputTopic(
                Topics.AUDIT.name(),
                Serdes.String().deserializer(),
                Topics.AUDIT.valueSerde().deserializer())
            .readValuesToList();
    assertThat(audit)
        .extracting(AuditEvent::getMember)
        .containsExactlyInAnyOrder("us-pa", "us-pa-dauphin", "vendor-acme");
    assertThat(audit)
        .allSatisfy(
            a -> {
              assertThat(a.getChannel()).isEqualTo("kafka");
              assertThat(a.getVersion()).isEqualTo(1L);
              assertThat(a.getKey()).isEqualTo(IP);
            });
  }
}
