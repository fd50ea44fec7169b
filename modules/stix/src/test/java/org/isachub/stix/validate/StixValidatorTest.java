package org.isachub.stix.validate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import org.isachub.stix.model.Tlp;
import org.junit.jupiter.api.Test;

class StixValidatorTest {

  private static final ObjectMapper M = new ObjectMapper();
  private static final String ID = "indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f";

  /**
   * A stand-in pattern check used only to show that the validator reports what its check says; it
   * rejects patterns containing "BROKEN". The real parser is wired in when the pattern package is
   * merged.
   */
  private static final PatternCheck REJECTS_BROKEN =
      p -> p.contains("BROKEN") ? Optional.of("unbalanced brackets at 1:7") : Optional.empty();

  private final StixValidator validator = new StixValidator(REJECTS_BROKEN);

  private static ObjectNode indicator() throws Exception {
    return (ObjectNode)
        M.readTree(
            "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
                + ID
                + "\",\"created\":\"2024-01-01T00:00:00.000Z\","
                + "\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"pattern\":\"[ipv4-addr:value = '198.51.100.7']\",\"pattern_type\":\"stix\","
                + "\"valid_from\":\"2024-01-01T00:00:00Z\"}");
  }

  private static Violation only(List<Violation> vs) {
    assertThat(vs).hasSize(1);
    return vs.get(0);
  }

  @Test
  void shouldAcceptAMinimalIndicator() throws Exception {
    assertThat(validator.validate(indicator())).isEmpty();
  }

  @Test
  void shouldReportWhatThePatternCheckSaysWithIdPropertyAndRule() throws Exception {
    ObjectNode o = indicator().put("pattern", "[BROKEN");
    Violation v = only(validator.validate(o));
    assertThat(v.objectId()).isEqualTo(ID);
    assertThat(v.property()).isEqualTo("pattern");
    assertThat(v.rule()).isEqualTo("pattern");
    assertThat(v.message()).isEqualTo("unbalanced brackets at 1:7");
  }

  @Test
  void shouldNotRunTheStixPatternCheckOnOtherPatternLanguages() throws Exception {
    ObjectNode o =
        indicator().put("pattern", "alert tcp any any BROKEN").put("pattern_type", "snort");
    assertThat(validator.validate(o)).isEmpty();
  }

  @Test
  void shouldRejectModifiedBeforeCreated() throws Exception {
    ObjectNode o = indicator().put("modified", "2023-12-31T23:59:59.999Z");
    Violation v = only(validator.validate(o));
    assertThat(v.rule()).isEqualTo("modified-not-before-created");
    assertThat(v.property()).isEqualTo("modified");
    assertThat(v.validationRule().beyondSchema()).isTrue();
  }

  @Test
  void shouldRequireValidUntilStrictlyAfterValidFrom() throws Exception {
    ObjectNode o = indicator().put("valid_until", "2024-01-01T00:00:00.000Z");
    Violation v = only(validator.validate(o));
    assertThat(v.rule()).isEqualTo("valid-until-after-valid-from");
    assertThat(v.message()).contains("later than");
    assertThat(validator.validate(indicator().put("valid_until", "2024-01-01T00:00:00.001Z")))
        .isEmpty();
  }

  @Test
  void shouldNameEveryMissingRequiredProperty() throws Exception {
    ObjectNode o = indicator();
    o.remove(List.of("pattern", "valid_from", "created"));
    assertThat(validator.validate(o))
        .extracting(Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("created", "required"),
            org.assertj.core.groups.Tuple.tuple("pattern", "required"),
            org.assertj.core.groups.Tuple.tuple("valid_from", "required"));
  }

  @Test
  void shouldRejectBadCommonProperties() throws Exception {
    ObjectNode o =
        indicator()
            .put("spec_version", "2.0")
            .put("confidence", 101)
            .put("created_by_ref", "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f")
            .put("lang", 5);
    o.putArray("object_marking_refs").add("identity--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
    assertThat(validator.validate(o))
        .extracting(Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("spec_version", "spec-version"),
            org.assertj.core.groups.Tuple.tuple("confidence", "range"),
            org.assertj.core.groups.Tuple.tuple("created_by_ref", "ref-type"),
            org.assertj.core.groups.Tuple.tuple("lang", "json-type"),
            org.assertj.core.groups.Tuple.tuple("object_marking_refs[0]", "ref-type"));
  }

  @Test
  void shouldRejectIdsThatDoNotMatchTheType() throws Exception {
    ObjectNode o = indicator().put("id", "malware--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f");
    assertThat(only(validator.validate(o)).rule()).isEqualTo("id-matches-type");
    ObjectNode bad = indicator().put("id", "indicator--1234");
    assertThat(only(validator.validate(bad)).rule()).isEqualTo("identifier");
  }

  @Test
  void shouldRejectTimestampsWithoutZOrMilliseconds() throws Exception {
    assertThat(
            only(validator.validate(indicator().put("valid_from", "2024-01-01T00:00:00+00:00")))
                .rule())
        .isEqualTo("timestamp");
    assertThat(only(validator.validate(indicator().put("created", "2024-01-01T00:00:00Z"))).rule())
        .isEqualTo("timestamp-millis");
    assertThat(
            only(validator.validate(indicator().put("valid_from", "2023-02-29T00:00:00Z"))).rule())
        .isEqualTo("calendar-date");
  }

  @Test
  void shouldCheckSightingReferencesAndCount() throws Exception {
    ObjectNode s =
        (ObjectNode)
            M.readTree(
                "{\"type\":\"sighting\",\"spec_version\":\"2.1\","
                    + "\"id\":\"sighting--8356e820-8080-4692-aa91-ecbe94006833\","
                    + "\"created\":\"2017-02-28T19:37:11.213Z\",\"modified\":\"2017-02-28T19:37:11.213Z\","
                    + "\"first_seen\":\"2017-02-27T21:37:11.213Z\",\"last_seen\":\"2017-02-26T21:37:11.213Z\","
                    + "\"count\":1000000000,"
                    + "\"sighting_of_ref\":\"relationship--9299f726-ce06-492e-8472-2b52ccb53191\","
                    + "\"observed_data_refs\":[\"indicator--9299f726-ce06-492e-8472-2b52ccb53191\"],"
                    + "\"where_sighted_refs\":[\"malware--5206ba14-478f-4b0b-9a48-395f690c20a2\"]}");
    assertThat(validator.validate(s))
        .extracting(Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("last_seen", "time-window-order"),
            org.assertj.core.groups.Tuple.tuple("count", "range"),
            org.assertj.core.groups.Tuple.tuple("sighting_of_ref", "ref-type"),
            org.assertj.core.groups.Tuple.tuple("observed_data_refs[0]", "ref-type"),
            org.assertj.core.groups.Tuple.tuple("where_sighted_refs[0]", "ref-type"));
  }

  @Test
  void shouldApplyTheCustomPropertyNameRules() throws Exception {
    ObjectNode o =
        indicator().put("x_ok_name", 1).put("x-bad", 1).put("ab", 1).put("severity", "x");
    assertThat(validator.validate(o))
        .extracting(Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("x-bad", "property-name"),
            org.assertj.core.groups.Tuple.tuple("ab", "property-name"),
            org.assertj.core.groups.Tuple.tuple("severity", "reserved-name"));
  }

  @Test
  void shouldAcceptCustomObjectsWithTheCommonProperties() throws Exception {
    JsonNode o =
        M.readTree(
            "{\"type\":\"x-isachub-note\",\"spec_version\":\"2.1\","
                + "\"id\":\"x-isachub-note--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
                + "\"created\":\"2024-01-01T00:00:00.000Z\",\"modified\":\"2024-01-01T00:00:00.000Z\","
                + "\"x_text\":\"hello\"}");
    assertThat(validator.validate(o)).isEmpty();
    ObjectNode badType = ((ObjectNode) o.deepCopy()).put("type", "X_Note");
    assertThat(validator.validate(badType)).extracting(Violation::rule).contains("type-name");
  }

  @Test
  void shouldAcceptOnlyTheExactTlp1MarkingObjects() throws Exception {
    ObjectNode amber =
        (ObjectNode)
            M.readTree(
                "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
                    + "\"id\":\"marking-definition--f88d31f6-486f-44da-b317-01333bde0b82\","
                    + "\"created\":\"2017-01-20T00:00:00.000Z\",\"definition_type\":\"tlp\","
                    + "\"name\":\"TLP:AMBER\",\"definition\":{\"tlp\":\"amber\"}}");
    assertThat(validator.validate(amber)).isEmpty();
    ObjectNode wrong = amber.deepCopy();
    ((ObjectNode) wrong.get("definition")).put("tlp", "red");
    assertThat(only(validator.validate(wrong)).rule()).isEqualTo("marking-definition");
    ObjectNode statement =
        (ObjectNode)
            M.readTree(
                "{\"type\":\"marking-definition\",\"spec_version\":\"2.1\","
                    + "\"id\":\"marking-definition--d81f86b9-975b-4c0b-875e-810c5ad45a4f\","
                    + "\"created\":\"2017-04-14T13:07:49.812Z\",\"definition_type\":\"statement\","
                    + "\"definition\":{}}");
    assertThat(only(validator.validate(statement)).property()).isEqualTo("definition.statement");
    assertThat(Tlp.fromMarkingRef(amber.get("id").asText())).contains(Tlp.AMBER);
  }

  @Test
  void shouldValidateEveryObjectOfABundleAndTheBundleItself() throws Exception {
    ObjectNode bundle = M.createObjectNode();
    bundle.put("type", "bundle").put("id", "bundle--nope");
    bundle.putArray("objects").add(indicator()).add(indicator().put("confidence", "high")).add(7);
    List<Violation> vs = validator.validateBundle(bundle);
    assertThat(vs)
        .extracting(Violation::objectId, Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("bundle--nope", "id", "identifier"),
            org.assertj.core.groups.Tuple.tuple(ID, "confidence", "json-type"),
            org.assertj.core.groups.Tuple.tuple("(no id)", "", "json-type"));
  }

  @Test
  void shouldRejectNullsEmptyListsAndBadExternalReferences() throws Exception {
    ObjectNode o = indicator();
    o.putNull("name");
    o.putArray("labels");
    o.putArray("external_references")
        .addObject()
        .put("source_name", "cve")
        .put("external_id", "CVE-1");
    assertThat(validator.validate(o))
        .extracting(Violation::property, Violation::rule)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("name", "not-null"),
            org.assertj.core.groups.Tuple.tuple("labels", "non-empty"),
            org.assertj.core.groups.Tuple.tuple(
                "external_references[0].external_id", "external-reference"));
  }

  @Test
  void shouldMapEveryRuleCodeBackToItsRule() {
    for (ValidationRule r : ValidationRule.values()) {
      assertThat(ValidationRule.fromCode(r.code())).isSameAs(r);
    }
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> ValidationRule.fromCode("nope"))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
