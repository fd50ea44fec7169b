package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every STIX 2.1 document in the shared data survives parse → model → write unchanged after JSON
 * normalisation: both sides are read by a plain Jackson mapper and compared as trees and as their
 * compact serialisations, so unknown and {@code x_} properties, extensions and the exact timestamp
 * strings are all covered.
 */
class RoundTripTest {

  private static final ObjectMapper PLAIN = new ObjectMapper();

  @Test
  void shouldWriteBackEveryBundleExactlyAsRead() throws Exception {
    StixJson json = new StixJson();
    List<Path> docs = SharedData.stix21Documents();
    int objects = 0;
    List<String> failures = new ArrayList<>();
    for (Path doc : docs) {
      byte[] original = Files.readAllBytes(doc);
      JsonNode tree = json.readTree(original);
      String written;
      if ("bundle".equals(tree.path("type").asText())) {
        Bundle bundle = json.toBundle(tree);
        objects += bundle.objects().size();
        written = json.write(bundle);
      } else {
        objects++;
        written = json.write(json.toObject(tree));
      }
      JsonNode expected = PLAIN.readTree(original);
      JsonNode actual = PLAIN.readTree(written);
      if (!expected.equals(actual)
          || !PLAIN.writeValueAsString(expected).equals(PLAIN.writeValueAsString(actual))) {
        failures.add(doc.toString());
      }
    }
    System.out.printf("Round trip: %d documents, %d objects%n", docs.size(), objects);
    assertThat(failures).as("documents that changed in the round trip").isEmpty();
    assertThat(docs).hasSizeGreaterThanOrEqualTo(25);
    assertThat(objects).isGreaterThan(2400);
  }

  @Test
  void shouldGiveEachModelledTypeItsOwnClass() throws Exception {
    StixJson json = new StixJson();
    int indicators = 0;
    int typedIndicators = 0;
    int custom = 0;
    for (Path doc : SharedData.stix21Documents()) {
      JsonNode tree = json.readTree(Files.readAllBytes(doc));
      if (!"bundle".equals(tree.path("type").asText())) {
        continue;
      }
      Bundle bundle = json.toBundle(tree);
      for (StixObject o : bundle.objects()) {
        if (o.type().equals("indicator")) {
          indicators++;
        }
        if (o.type().startsWith("x-")) {
          assertThat(o).isInstanceOf(GenericStixObject.class);
          custom++;
        }
      }
      typedIndicators += bundle.objectsOf(Indicator.class).size();
    }
    assertThat(typedIndicators).isEqualTo(indicators).isGreaterThan(40);
    assertThat(custom).isEqualTo(250);
  }

  @Test
  void shouldKeepTimestampPrecisionAndCustomPropertiesThroughTheModel() throws Exception {
    String src =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\","
            + "\"id\":\"indicator--8e2e2d2b-17d4-4cbf-938f-98ee46b3cd3f\","
            + "\"created\":\"2016-04-06T20:03:48.1Z\",\"modified\":\"2016-04-06T20:03:48.123456Z\","
            + "\"pattern\":\"[ipv4-addr:value = '10.0.0.1']\",\"pattern_type\":\"stix\","
            + "\"valid_from\":\"2016-01-01T00:00:00Z\",\"x_score\":1.50,\"confidence\":7,"
            + "\"extensions\":{\"x-vendor-ext\":{\"rank\":[1,2]}},\"unknown_prop\":{\"a\":null}}";
    StixJson json = new StixJson();
    Indicator ind = (Indicator) json.readObject(src);
    assertThat(json.write(ind)).isEqualTo(src);
    assertThat(ind.modified()).contains("2016-04-06T20:03:48.123456Z");
    assertThat(ind.validFrom()).contains("2016-01-01T00:00:00Z");
    assertThat(ind.validFromInstant()).contains(java.time.Instant.parse("2016-01-01T00:00:00Z"));
    assertThat(ind.confidence()).hasValue(7);
    assertThat(ind.property("x_score").orElseThrow().decimalValue()).isEqualByComparingTo("1.50");
    assertThat(ind.propertyNames()).endsWith("extensions", "unknown_prop");
  }
}
