package org.isachub.ingest.adapt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.isachub.ingest.IngestCodes;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestLimits;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.ObjectStatus;
import org.isachub.ingest.RequestProblem;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.validate.RecordChecks;
import org.junit.jupiter.api.Test;

class StixAdapterTest {

  private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");
  private static final IngestLimits LIMITS = new IngestConfig(Map.of()).limits();
  private static final RecordChecks CHECKS = new RecordChecks();

  private final StixAdapter adapter = new StixAdapter(LIMITS, IndicatorIndex.EMPTY);

  static RequestContext ctx(Tlp requestTlp, Tlp defaultTlp, List<String> recipients) {
    return new RequestContext(
        "sub-1", "us-pa", "us-pa", "stix", requestTlp, defaultTlp, recipients, false, NOW);
  }

  static RequestContext ctx() {
    return ctx(null, Tlp.GREEN, List.of());
  }

  static String indicator(String id, String pattern, String extra) {
    return "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\","
        + "\"pattern\":\""
        + pattern.replace("\\", "\\\\").replace("\"", "\\\"")
        + "\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-01-01T00:00:00Z\""
        + extra
        + "}";
  }

  static String bundle(String... objects) {
    return "{\"type\":\"bundle\",\"id\":\"bundle--6f3ba1b0-5a5e-4b4e-9f0a-0e3f3b4b5e01\","
        + "\"objects\":["
        + String.join(",", objects)
        + "]}";
  }

  static final String IND_1 = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";
  static final String IND_2 = "indicator--0f0e2d2b-17d4-4cbf-938f-98ee46b3cd40";

  private Adapted adapt(String json) throws IngestRejectedException {
    return adapter.adapt(json.getBytes(UTF_8), ctx());
  }

  private static ObjectOutcome only(Adapted a) {
    assertThat(a.outcomes()).hasSize(1);
    return a.outcomes().get(0);
  }

  @Test
  void shouldKeyAnIndicatorByTheCanonicalKeyOfItsPatternAndPassTheRecordChecks() throws Exception {
    Adapted a =
        adapt(
            bundle(
                indicator(
                    IND_1,
                    "[domain-name:value = 'WWW.Example.ORG.']",
                    ",\"labels\":[\"C2\"],\"confidence\":85,\"indicator_types\":[\"malicious-activity\"],"
                        + "\"kill_chain_phases\":[{\"kill_chain_name\":\"mitre-attack\",\"phase_name\":\"command-and-control\"}]")));
    Submission s = a.submissions().get(0);
    assertThat(s.getKey()).isEqualTo("domain-name:www.example.org");
    assertThat(s.getObservableType()).isEqualTo("domain-name");
    assertThat(s.getKind()).isEqualTo(SubmissionKind.INDICATOR);
    assertThat(s.getObjectId()).isEqualTo(IND_1);
    assertThat(s.getConfidence()).isEqualTo(85);
    assertThat(s.getLabels()).containsExactly("c2", "malicious-activity");
    assertThat(s.getKillChainPhases()).containsExactly("mitre-attack:command-and-control");
    assertThat(s.getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.GREEN);
    assertThat(s.getSubmittedAt()).isEqualTo(NOW);
    assertThat(s.getStix()).startsWith("{\"confidence\":85,\"created\":");
    assertThat(CHECKS.check(s.getKey(), s).accepted()).isTrue();
    assertThat(only(a).status()).isEqualTo(ObjectStatus.ACCEPTED);
  }

  @Test
  void shouldTurnARevokedIndicatorIntoARevocation() throws Exception {
    Adapted a =
        adapt(bundle(indicator(IND_1, "[ipv4-addr:value = '198.51.100.7']", ",\"revoked\":true")));
    assertThat(a.submissions())
        .singleElement()
        .satisfies(
            s -> {
              assertThat(s.getKind()).isEqualTo(SubmissionKind.REVOCATION);
              assertThat(s.getKey()).isEqualTo("ipv4-addr:198.51.100.7");
            });
  }

  @Test
  void shouldRefuseAPatternTypeItCannotKey() throws Exception {
    Adapted a =
        adapt(
            bundle(
                indicator(IND_1, "alert tcp any any -> any any", "")
                    .replace("\"pattern_type\":\"stix\"", "\"pattern_type\":\"snort\"")));
    ObjectOutcome o = only(a);
    assertThat(o.status()).isEqualTo(ObjectStatus.REJECTED);
    assertThat(o.code()).isEqualTo(IngestCodes.UNSUPPORTED_PATTERN_TYPE);
    assertThat(o.reason())
        .isEqualTo(
            IND_1
                + " property pattern_type: 'snort' patterns cannot be keyed by the hub; only"
                + " pattern_type 'stix' is accepted");
    assertThat(a.rejected().get(0).original()).contains("\"pattern_type\":\"snort\"");
    assertThat(a.submissions()).isEmpty();
  }

  @Test
  void shouldRefuseABadPatternWithTheParsersCode() throws Exception {
    ObjectOutcome o = only(adapt(bundle(indicator(IND_1, "[ipv4-addr:value = '1.2.3.4'", ""))));
    assertThat(o.code()).isEqualTo("stix.pattern.syntax");
    assertThat(o.reason()).startsWith(IND_1 + " property pattern");
  }

  @Test
  void shouldRefuseAPatternValueThatIsNotAnAddress() throws Exception {
    ObjectOutcome o = only(adapt(bundle(indicator(IND_1, "[ipv4-addr:value = '999.1.1.1']", ""))));
    assertThat(o.code()).isEqualTo(IngestCodes.PATTERN_VALUE);
    assertThat(o.reason()).startsWith(IND_1 + " property pattern: the observable value is invalid");
  }

  @Test
  void shouldRefuseAPatternLongerThanTheLimit() throws Exception {
    String longValue = "a".repeat(LIMITS.maxPatternLength());
    ObjectOutcome o =
        only(adapt(bundle(indicator(IND_1, "[domain-name:value = '" + longValue + ".org']", ""))));
    assertThat(o.code()).isEqualTo(IngestCodes.LIMIT_PATTERN_LENGTH);
    assertThat(o.reason()).contains("more than the limit of " + LIMITS.maxPatternLength());
  }

  @Test
  void shouldTakeTlpFromStandardMarkingsThenTheRequestThenTheSource() throws Exception {
    String amber1 = Tlp.AMBER.tlp1MarkingId().orElseThrow();
    Adapted marked =
        adapt(
            bundle(
                indicator(
                    IND_1,
                    "[ipv4-addr:value = '198.51.100.7']",
                    ",\"object_marking_refs\":[\""
                        + Tlp.CLEAR.markingId()
                        + "\",\""
                        + amber1
                        + "\"]")));
    assertThat(marked.submissions().get(0).getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.AMBER);

    String plain = bundle(indicator(IND_1, "[ipv4-addr:value = '198.51.100.7']", ""));
    Adapted byRequest = adapter.adapt(plain.getBytes(UTF_8), ctx(Tlp.CLEAR, Tlp.AMBER, List.of()));
    assertThat(byRequest.submissions().get(0).getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.CLEAR);
    Adapted bySource = adapter.adapt(plain.getBytes(UTF_8), ctx(null, Tlp.AMBER, List.of()));
    assertThat(bySource.submissions().get(0).getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.AMBER);
  }

  @Test
  void shouldResolveATlp2MarkingDefinedInTheBundleAndIgnoreStatements() throws Exception {
    String md = "marking-definition--2d7c8b5e-1a4f-4b8e-9c0a-6c2b3f1e9a77";
    String st = "marking-definition--3e8d9c6f-2b5a-4c9f-8d1b-7d3c4a2f0b88";
    Adapted a =
        adapt(
            bundle(
                "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
                    + md
                    + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER+STRICT\","
                    + "\"extensions\":{\""
                    + Tlp.TLP2_EXTENSION_ID
                    + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber+strict\"}}}",
                "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
                    + st
                    + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"definition_type\":\"statement\","
                    + "\"definition\":{\"statement\":\"Copyright\"}}",
                indicator(
                    IND_1,
                    "[ipv4-addr:value = '198.51.100.7']",
                    ",\"object_marking_refs\":[\"" + md + "\",\"" + st + "\"]")));
    assertThat(a.context()).isEqualTo(2);
    ObjectOutcome o = only(a);
    assertThat(o.code())
        .as("AMBER+STRICT without recipients")
        .isEqualTo(IngestCodes.TLP_NO_RECIPIENTS);

    Adapted withRecipients =
        adapter.adapt(
            bundle(
                    "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
                        + md
                        + "\",\"created\":\"2022-10-01T00:00:00.000Z\",\"name\":\"TLP:AMBER+STRICT\","
                        + "\"extensions\":{\""
                        + Tlp.TLP2_EXTENSION_ID
                        + "\":{\"extension_type\":\"property-extension\",\"tlp_2_0\":\"amber+strict\"}}}",
                    indicator(
                        IND_1,
                        "[ipv4-addr:value = '198.51.100.7']",
                        ",\"object_marking_refs\":[\"" + md + "\"]"))
                .getBytes(UTF_8),
            ctx(null, Tlp.GREEN, List.of("us-az")));
    Submission s = withRecipients.submissions().get(0);
    assertThat(s.getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.AMBER_STRICT);
    assertThat(s.getRecipients()).containsExactly("us-az");
  }

  @Test
  void shouldRefuseAnObjectWithAMarkingItCannotResolve() throws Exception {
    String unknown = "marking-definition--11111111-2222-4333-8444-555555555555";
    ObjectOutcome o =
        only(
            adapt(
                bundle(
                    indicator(
                        IND_1,
                        "[ipv4-addr:value = '198.51.100.7']",
                        ",\"object_marking_refs\":[\"" + unknown + "\"]"))));
    assertThat(o.code()).isEqualTo(IngestCodes.TLP_UNKNOWN_MARKING);
    assertThat(o.key()).isEqualTo("ipv4-addr:198.51.100.7");
    assertThat(o.reason())
        .isEqualTo(
            IND_1
                + " property object_marking_refs: "
                + unknown
                + " is neither a standard TLP marking nor a marking-definition in this request");
  }

  @Test
  void shouldRefuseATlpMarkingWithALevelThatDoesNotExist() throws Exception {
    String md = "marking-definition--2d7c8b5e-1a4f-4b8e-9c0a-6c2b3f1e9a77";
    Adapted a =
        adapt(
            bundle(
                "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\",\"id\":\""
                    + md
                    + "\",\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
                    + "\"definition\":{\"tlp\":\"purple\"}}",
                indicator(
                    IND_1,
                    "[ipv4-addr:value = '198.51.100.7']",
                    ",\"object_marking_refs\":[\"" + md + "\"]")));
    assertThat(a.outcomes())
        .extracting(ObjectOutcome::code)
        .contains(IngestCodes.TLP_UNKNOWN_LEVEL);
  }

  @Test
  void shouldSendTheLatestOfTwoIndicatorsWithTheSameKeyAndReportTheOtherAsDuplicate()
      throws Exception {
    String older = indicator(IND_1, "[ipv4-addr:value = '198.51.100.7']", "");
    String newer =
        indicator(IND_2, "[ipv4-addr:value = '198.51.100.007']", "")
            .replace(
                "\"modified\":\"2026-01-01T00:00:00.000Z\"",
                "\"modified\":\"2026-02-01T00:00:00.000Z\"");
    Adapted a = adapt(bundle(older, newer));
    assertThat(a.submissions()).extracting(Submission::getObjectId).containsExactly(IND_2);
    assertThat(a.outcomes())
        .extracting(ObjectOutcome::ref, ObjectOutcome::status, ObjectOutcome::objectId)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(IND_1, ObjectStatus.DUPLICATE, IND_2),
            org.assertj.core.groups.Tuple.tuple(IND_2, ObjectStatus.ACCEPTED, IND_2));
  }

  static String sighting(String id, String of) {
    return "{\"type\":\"sighting\",\"spec_version\":\"2.1\",\"id\":\""
        + id
        + "\",\"created\":\"2026-01-02T00:00:00.000Z\",\"modified\":\"2026-01-02T00:00:00.000Z\","
        + "\"first_seen\":\"2026-01-02T01:00:00Z\",\"last_seen\":\"2026-01-02T02:00:00Z\","
        + "\"count\":3,\"sighting_of_ref\":\""
        + of
        + "\"}";
  }

  static final String SIG_1 = "sighting--ee20065d-2555-424f-ad9e-0f8fd65d6c5e";

  @Test
  void shouldFileASightingUnderTheKeyOfItsIndicatorInTheSameBundle() throws Exception {
    Adapted a =
        adapt(
            bundle(
                indicator(IND_1, "[url:value = 'HTTP://Example.org:80/a']", ""),
                sighting(SIG_1, IND_1)));
    assertThat(a.sightings())
        .singleElement()
        .satisfies(
            g -> {
              assertThat(g.getKey()).isEqualTo("url:http://example.org/a");
              assertThat(g.getIndicatorId()).isEqualTo(IND_1);
              assertThat(g.getMember()).isEqualTo("us-pa");
              assertThat(g.getCount()).isEqualTo(3);
              assertThat(g.getFirstSeen()).isEqualTo(Instant.parse("2026-01-02T01:00:00Z"));
              assertThat(g.getLastSeen()).isEqualTo(Instant.parse("2026-01-02T02:00:00Z"));
              assertThat(CHECKS.check(g.getKey(), g).accepted()).isTrue();
            });
  }

  @Test
  void shouldResolveASightingOfAnIndicatorTheHubKnowsAndRefuseAnUnknownOne() throws Exception {
    StixAdapter withIndex =
        new StixAdapter(
            LIMITS,
            id -> id.equals(IND_2) ? Optional.of("ipv4-addr:203.0.113.9") : Optional.empty());
    Adapted known = withIndex.adapt(bundle(sighting(SIG_1, IND_2)).getBytes(UTF_8), ctx());
    assertThat(known.sightings())
        .extracting(g -> g.getKey())
        .containsExactly("ipv4-addr:203.0.113.9");

    Adapted unknown = withIndex.adapt(bundle(sighting(SIG_1, IND_1)).getBytes(UTF_8), ctx());
    ObjectOutcome o = only(unknown);
    assertThat(o.code()).isEqualTo(IngestCodes.SIGHTING_UNKNOWN_TARGET);
    assertThat(o.reason())
        .isEqualTo(
            SIG_1
                + " property sighting_of_ref: "
                + IND_1
                + " is neither in this request nor an indicator the hub knows");
  }

  @Test
  void shouldRefuseASightingOfAnIndicatorRejectedInTheSameBundle() throws Exception {
    Adapted a =
        adapt(
            bundle(
                indicator(IND_1, "[ipv4-addr:value = '999.0.0.1']", ""), sighting(SIG_1, IND_1)));
    assertThat(a.outcomes())
        .extracting(ObjectOutcome::code)
        .containsExactly(IngestCodes.PATTERN_VALUE, IngestCodes.SIGHTING_TARGET_REJECTED);
  }

  @Test
  void shouldCountOtherObjectTypesAsSkippedAndRefuseShapelessEntries() throws Exception {
    Adapted a =
        adapt(
            bundle(
                "{\"type\":\"malware\",\"spec_version\":\"2.1\",\"id\":\"malware--0c7b5b88-8ff7-4a4d-aa9d-feb398cd0061\",\"created\":\"2026-01-01T00:00:00.000Z\",\"modified\":\"2026-01-01T00:00:00.000Z\",\"name\":\"x\",\"is_family\":false}",
                "{\"type\":\"indicator\"}",
                "42"));
    assertThat(a.skipped()).isEqualTo(1);
    assertThat(a.outcomes())
        .extracting(ObjectOutcome::ref, ObjectOutcome::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("objects[1]", IngestCodes.STIX_OBJECT_SHAPE),
            org.assertj.core.groups.Tuple.tuple("objects[2]", IngestCodes.STIX_OBJECT_SHAPE));
  }

  @Test
  void shouldRefuseAnInvalidStixObjectWithTheValidatorsRule() throws Exception {
    String noValidFrom =
        indicator(IND_1, "[ipv4-addr:value = '198.51.100.7']", "")
            .replace(",\"valid_from\":\"2026-01-01T00:00:00Z\"", "");
    ObjectOutcome o = only(adapt(bundle(noValidFrom)));
    assertThat(o.code()).isEqualTo("stix.required");
    assertThat(o.reason()).startsWith(IND_1 + " property valid_from");
  }

  @Test
  void shouldRefuseWholeRequestsThatAreNotStixOrBreakALimit() {
    assertThatThrownBy(() -> adapt("{\"type\":\"bundle\",\"objects\":[}"))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(IngestCodes.STIX_JSON);
              assertThat(e.problem()).isEqualTo(RequestProblem.MALFORMED);
              assertThat(e.reason()).startsWith("malformed JSON").contains("line 1");
            });
    assertThatThrownBy(() -> adapt("[1,2]"))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(IngestCodes.STIX_NOT_A_BUNDLE));
    String deep = "[".repeat(LIMITS.maxJsonDepth() + 1) + "]".repeat(LIMITS.maxJsonDepth() + 1);
    assertThatThrownBy(() -> adapt(deep))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(IngestCodes.LIMIT_JSON_DEPTH);
              assertThat(e.problem()).isEqualTo(RequestProblem.TOO_LARGE);
              assertThat(e.reason()).contains("nesting deeper than " + LIMITS.maxJsonDepth());
            });
    String longString =
        "{\"type\":\"bundle\",\"x\":\"" + "a".repeat(LIMITS.maxStringLength() + 1) + "\"}";
    assertThatThrownBy(() -> adapt(longString))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> assertThat(e.code()).isEqualTo(IngestCodes.LIMIT_JSON_STRING));
    IngestLimits two = new IngestLimits(1 << 20, 2, 64, 1 << 16, 1024, 1024, 10);
    assertThatThrownBy(
            () ->
                new StixAdapter(two, IndicatorIndex.EMPTY)
                    .adapt(bundle("{}", "{}", "{}").getBytes(UTF_8), ctx()))
        .isInstanceOfSatisfying(
            IngestRejectedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(IngestCodes.LIMIT_BUNDLE_OBJECTS);
              assertThat(e.reason())
                  .isEqualTo("the bundle holds 3 objects, more than the limit of 2");
            });
  }
}
