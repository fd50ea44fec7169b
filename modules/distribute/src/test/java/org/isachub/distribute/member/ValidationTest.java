package org.isachub.distribute.member;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.MemberKind;
import org.junit.jupiter.api.Test;

class ValidationTest {

  private static SubscriptionSpec spec(
      List<String> types, double minScore, List<Decision> decisions, List<String> channels) {
    return new SubscriptionSpec(
        "us-pa-ips",
        "us-pa",
        "IP addresses",
        true,
        types,
        minScore,
        decisions,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        channels);
  }

  @Test
  void shouldAcceptAndNormaliseAGoodSubscription() {
    SubscriptionSpec valid =
        Validation.subscription(
            spec(
                List.of("ipv4-addr", "win-registry-key", "ipv4-addr", "x-usb-device"),
                50,
                List.of(Decision.ACTIVE, Decision.SUPPRESSED),
                List.of()));
    assertThat(valid.observableTypes())
        .containsExactly("ipv4-addr", "windows-registry-key", "x-usb-device");
    assertThat(valid.channels()).containsExactly("kafka", "taxii");
    assertThat(valid.decisions()).containsExactly(Decision.ACTIVE, Decision.SUPPRESSED);
  }

  @Test
  void shouldRefuseAnUnknownObservableTypeNamingIt() {
    assertThatThrownBy(
            () ->
                Validation.subscription(
                    spec(List.of("ipv9-addr"), 0, List.of(Decision.ACTIVE), List.of())))
        .isInstanceOf(MemberAdminException.class)
        .hasMessageContaining("observable_types")
        .hasMessageContaining("'ipv9-addr'")
        .hasMessageContaining("ipv4-addr")
        .extracting(e -> ((MemberAdminException) e).reason())
        .isEqualTo(MemberAdminException.Reason.INVALID);
  }

  @Test
  void shouldRefuseAScoreOutsideZeroToHundred() {
    for (double bad : new double[] {-1, 100.5, Double.NaN}) {
      assertThatThrownBy(
              () ->
                  Validation.subscription(
                      spec(List.of(), bad, List.of(Decision.ACTIVE), List.of())))
          .hasMessageContaining("min_score");
    }
    assertThat(
            Validation.subscription(spec(List.of(), 100, List.of(Decision.ACTIVE), List.of()))
                .minScore())
        .isEqualTo(100);
  }

  @Test
  void shouldRefuseSubscribingToExpiredOrRevokedOrToNoDecisionAtAll() {
    assertThatThrownBy(
            () -> Validation.subscription(spec(List.of(), 0, List.of(Decision.EXPIRED), List.of())))
        .hasMessageContaining("EXPIRED cannot be subscribed to");
    assertThatThrownBy(() -> Validation.subscription(spec(List.of(), 0, List.of(), List.of())))
        .hasMessageContaining("decisions: name at least one");
  }

  @Test
  void shouldRefuseAnUnknownChannel() {
    assertThatThrownBy(
            () ->
                Validation.subscription(
                    spec(List.of(), 0, List.of(Decision.ACTIVE), List.of("carrier-pigeon"))))
        .hasMessageContaining("channels: 'carrier-pigeon' is not a channel");
  }

  @Test
  void shouldRefuseBadLabelsPhasesSourcesAndJurisdictionsAllAtOnce() {
    SubscriptionSpec bad =
        new SubscriptionSpec(
            "us-pa-x",
            "us-pa",
            "x",
            true,
            List.of(),
            0,
            List.of(Decision.ACTIVE),
            List.of(" "),
            List.of("delivery"),
            List.of("Feodo Tracker"),
            List.of("ok-source"),
            List.of("Pennsylvania"),
            List.of());
    assertThatThrownBy(() -> Validation.subscription(bad))
        .hasMessageContaining("labels: ' ' is not a label")
        .hasMessageContaining("kill_chain_phases: 'delivery'")
        .hasMessageContaining("sources_include: 'Feodo Tracker'")
        .hasMessageContaining("jurisdictions: 'Pennsylvania' is not a jurisdiction");
  }

  @Test
  void shouldRefuseASourceBothIncludedAndExcluded() {
    SubscriptionSpec bad =
        new SubscriptionSpec(
            "us-pa-x",
            "us-pa",
            "x",
            true,
            List.of(),
            0,
            List.of(Decision.ACTIVE),
            List.of(),
            List.of(),
            List.of("feodo"),
            List.of("feodo"),
            List.of(),
            List.of());
    assertThatThrownBy(() -> Validation.subscription(bad))
        .hasMessageContaining("sources_include and sources_exclude both name feodo");
  }

  @Test
  void shouldRefuseMoreThanAHundredEntriesInAList() {
    List<String> many = java.util.Collections.nCopies(101, "ipv4-addr");
    assertThatThrownBy(
            () -> Validation.subscription(spec(many, 0, List.of(Decision.ACTIVE), List.of())))
        .hasMessageContaining("observable_types: at most 100 entries, got 101");
  }

  @Test
  void shouldRefuseBadSubscriptionAndMemberIds() {
    SubscriptionSpec bad =
        new SubscriptionSpec(
            "Bad Id",
            "US_PA",
            "x",
            true,
            List.of(),
            0,
            List.of(Decision.ACTIVE),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of(),
            List.of());
    assertThatThrownBy(() -> Validation.subscription(bad))
        .hasMessageContaining("id: 'Bad Id' is not a subscription id")
        .hasMessageContaining("member: 'US_PA' is not a member id");
  }

  @Test
  void shouldCheckMemberIdsJurisdictionsAndNames() {
    MemberSpec good =
        new MemberSpec(
            "us-pa-dauphin",
            "  Dauphin County  ",
            MemberKind.LOCAL,
            "US-PA-Dauphin",
            Clearance.GREEN,
            false);
    assertThat(Validation.member(good).displayName()).isEqualTo("Dauphin County");
    assertThatThrownBy(
            () ->
                Validation.member(
                    new MemberSpec("-bad-", "x", MemberKind.VENDOR, null, Clearance.CLEAR, false)))
        .hasMessageContaining("id: '-bad-' is not a member id");
    assertThatThrownBy(
            () ->
                Validation.member(
                    new MemberSpec("us-pa", "PA", MemberKind.STATE, null, Clearance.AMBER, false)))
        .hasMessageContaining("a state member needs a country and subdivision");
    assertThatThrownBy(
            () ->
                Validation.member(
                    new MemberSpec(
                        "us-pa", "PA", MemberKind.STATE, "us-pa", Clearance.AMBER, false)))
        .hasMessageContaining("jurisdiction: 'us-pa' is not a jurisdiction");
    assertThatThrownBy(
            () ->
                Validation.member(
                    new MemberSpec("v", "\u0007", MemberKind.VENDOR, null, Clearance.CLEAR, false)))
        .hasMessageContaining("display_name: must be 1-200 printable characters");
  }

  @Test
  void shouldReadClearancesAndKindsAndRefuseRedAsAClearance() {
    assertThat(Validation.clearance("amber")).isEqualTo(Clearance.AMBER);
    assertThat(Validation.kind("Local")).isEqualTo(MemberKind.LOCAL);
    assertThatThrownBy(() -> Validation.clearance("RED"))
        .hasMessageContaining("'RED' is not a clearance")
        .hasMessageContaining("named recipients");
    assertThatThrownBy(() -> Validation.kind("superuser"))
        .hasMessageContaining("'superuser' is not a member kind");
  }
}
