package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class StixJsonTest {

  private static final String SIGHTING =
      "{\"type\":\"sighting\",\"spec_version\":\"2.1\","
          + "\"id\":\"sighting--8356e820-8080-4692-aa91-ecbe94006833\","
          + "\"created\":\"2017-02-28T19:37:11.213Z\",\"modified\":\"2017-02-28T19:37:11.213Z\","
          + "\"count\":3,\"sighting_of_ref\":\"indicator--9299f726-ce06-492e-8472-2b52ccb53191\","
          + "\"where_sighted_refs\":[\"identity--5206ba14-478f-4b0b-9a48-395f690c20a2\"],"
          + "\"object_marking_refs\":[\"marking-definition--34098fce-860f-48ae-8e50-ebd3cc5e41da\"]}";

  @Test
  void shouldReadTypedAccessorsOfASighting() throws Exception {
    Sighting s = (Sighting) new StixJson().readObject(SIGHTING);
    assertThat(s.count()).hasValue(3);
    assertThat(s.sightingOfRef()).contains("indicator--9299f726-ce06-492e-8472-2b52ccb53191");
    assertThat(s.whereSightedRefs())
        .containsExactly("identity--5206ba14-478f-4b0b-9a48-395f690c20a2");
    assertThat(s.tlp()).contains(Tlp.GREEN);
    assertThat(s.revoked()).isFalse();
  }

  @Test
  void shouldRefuseNestingBeyondTheLimit() {
    StixJson json = new StixJson(new StixReadLimits(5, 1000, 100_000));
    String deep = "{\"a\":".repeat(6) + "1" + "}".repeat(6);
    assertThatThrownBy(() -> json.readTree(deep))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("input exceeds a read limit: nesting deeper than 5");
  }

  @Test
  void shouldRefuseStringsBeyondTheLimit() {
    StixJson json = new StixJson(new StixReadLimits(10, 100, 100_000));
    String longString = "{\"a\":\"" + "x".repeat(101) + "\"}";
    assertThatThrownBy(() -> json.readTree(longString))
        .isInstanceOf(StixParseException.class)
        .satisfies(
            e ->
                assertThat(((StixParseException) e).reason())
                    .isEqualTo("input exceeds a read limit: a string longer than 100 characters"));
  }

  @Test
  void shouldRefuseDocumentsBeyondTheLimit() {
    StixJson json = new StixJson(new StixReadLimits(10, 10_000, 1000));
    byte[] big = ("[" + "1,".repeat(1000) + "1]").getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> json.readTree(big))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("document longer than 1000");
    assertThatThrownBy(() -> json.readTree(new java.io.ByteArrayInputStream(big)))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("input exceeds a read limit");
    assertThatThrownBy(() -> json.readTree(new String(big, StandardCharsets.UTF_8)))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("document longer than 1000");
  }

  @Test
  void shouldRefuseDuplicateProperties() {
    assertThatThrownBy(() -> new StixJson().readTree("{\"type\":\"a\",\"type\":\"b\"}"))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("duplicate property")
        .hasMessageContaining("type");
  }

  @Test
  void shouldReportWhereMalformedJsonBreaks() {
    assertThatThrownBy(() -> new StixJson().readTree("{\n  \"type\": \"indicator\",\n  oops }"))
        .isInstanceOf(StixParseException.class)
        .satisfies(
            e -> {
              StixParseException p = (StixParseException) e;
              assertThat(p.reason()).startsWith("malformed JSON");
              assertThat(p.line()).isEqualTo(3);
              assertThat(p.column()).isPositive();
            });
  }

  @Test
  void shouldRefuseTrailingContentAndEmptyInput() {
    assertThatThrownBy(() -> new StixJson().readTree("{} {}"))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("malformed JSON");
    assertThatThrownBy(() -> new StixJson().readTree(""))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("empty input");
  }

  @Test
  void shouldRefuseObjectsWithoutTypeOrIdAndNonObjects() {
    StixJson json = new StixJson();
    assertThatThrownBy(() -> json.readObject("[1]"))
        .isInstanceOf(StixParseException.class)
        .hasMessage("a STIX object must be a JSON object, got array");
    assertThatThrownBy(() -> json.readObject("{\"id\":\"x--1\"}"))
        .isInstanceOf(StixParseException.class)
        .hasMessage("STIX object has no string 'type' property");
    assertThatThrownBy(() -> json.readObject("{\"type\":\"indicator\"}"))
        .isInstanceOf(StixParseException.class)
        .hasMessage("STIX object of type 'indicator' has no string 'id' property");
    assertThatThrownBy(() -> json.readBundle("{\"type\":\"bundle\",\"objects\":[1]}"))
        .isInstanceOf(StixParseException.class)
        .hasMessage("bundle objects[0] is not a JSON object");
    assertThatThrownBy(() -> json.readBundle(SIGHTING))
        .isInstanceOf(StixParseException.class)
        .hasMessageContaining("expected a 'bundle'");
  }

  @Test
  void shouldBuildBundlesThatReadBackEqual() throws Exception {
    StixJson json = new StixJson();
    StixObject s = json.readObject(SIGHTING);
    Bundle b = Bundle.of("bundle--" + java.util.UUID.randomUUID(), java.util.List.of(s));
    Bundle back = json.readBundle(json.writeBytes(b));
    assertThat(back).isEqualTo(b);
    assertThat(back.objectsOf(Sighting.class)).containsExactly((Sighting) s);
  }

  @Test
  void shouldSerialiseThroughAnyObjectMapperAsTheOriginalJson() throws Exception {
    StixJson json = new StixJson();
    StixObject s = json.readObject(SIGHTING);
    com.fasterxml.jackson.databind.ObjectMapper plain =
        new com.fasterxml.jackson.databind.ObjectMapper();
    assertThat(plain.writeValueAsString(s)).isEqualTo(SIGHTING);
    StixObject back = plain.readValue(SIGHTING, StixObject.class);
    assertThat(back).isInstanceOf(Sighting.class).isEqualTo(s);
  }
}
