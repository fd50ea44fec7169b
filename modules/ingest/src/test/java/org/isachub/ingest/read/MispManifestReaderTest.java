package org.isachub.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Test;

class MispManifestReaderTest {

  private static final String MANIFEST =
      """
      {
        "5c1f3a2b-0000-4000-8000-00000000000B": {
          "info": "Phishing wave", "date": "2024-03-01", "timestamp": "1709300000",
          "threat_level_id": "2", "analysis": "1",
          "Tag": [{"name": "tlp:green", "colour": "#33FF00"}, {"name": "phishing"}],
          "Orgc": {"name": "CIRCL", "uuid": "55f6ea5e-2c60-40e5-964f-47a8950d210f"}
        },
        "5c1f3a2b-0000-4000-8000-00000000000a": {
          "info": "Older", "date": "2024-02-30", "timestamp": 1700000000,
          "threat_level_id": 4, "analysis": 2, "Tag": []
        },
        "../../etc/passwd": {"timestamp": "1"},
        "5c1f3a2b-0000-4000-8000-00000000000c": {"info": "no timestamp"},
        "5c1f3a2b-0000-4000-8000-00000000000d": "not an object"
      }
      """;

  @Test
  void shouldListEventsOldestFirstWithTheirTimestamps() throws Exception {
    ManifestResult r = new MispManifestReader().read(MANIFEST.getBytes(UTF_8));
    assertThat(r.entries()).hasSize(2);
    ManifestEntry older = r.entries().get(0);
    assertThat(older.eventUuid()).isEqualTo("5c1f3a2b-0000-4000-8000-00000000000a");
    assertThat(older.timestamp()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(older.date()).as("an impossible date is dropped, not fatal").isNull();
    assertThat(older.threatLevelId()).isEqualTo(4);
    assertThat(older.analysis()).isEqualTo(2);

    ManifestEntry newer = r.entries().get(1);
    assertThat(newer.eventUuid())
        .as("lower-cased for use as a file name")
        .isEqualTo("5c1f3a2b-0000-4000-8000-00000000000b");
    assertThat(newer.info()).isEqualTo("Phishing wave");
    assertThat(newer.date()).isEqualTo(LocalDate.of(2024, 3, 1));
    assertThat(newer.threatLevelId()).isEqualTo(2);
    assertThat(newer.tags()).containsExactly("tlp:green", "phishing");

    assertThat(r.changedSince(Instant.ofEpochSecond(1_700_000_000L)))
        .extracting(ManifestEntry::eventUuid)
        .containsExactly("5c1f3a2b-0000-4000-8000-00000000000b");
  }

  @Test
  void shouldRejectKeysThatAreNotUuidsAndEntriesWithoutTimestamp() throws Exception {
    ManifestResult r = new MispManifestReader().read(MANIFEST.getBytes(UTF_8));
    assertThat(r.rejections())
        .extracting(Rejection::location, Rejection::code)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "event ../../etc/passwd", RejectionCodes.MISP_MANIFEST_BAD_UUID),
            org.assertj.core.groups.Tuple.tuple(
                "event 5c1f3a2b-0000-4000-8000-00000000000c",
                RejectionCodes.MISP_MANIFEST_BAD_ENTRY),
            org.assertj.core.groups.Tuple.tuple(
                "event 5c1f3a2b-0000-4000-8000-00000000000d",
                RejectionCodes.MISP_MANIFEST_BAD_ENTRY));
    assertThat(r.rejections().get(1).reason())
        .isEqualTo("the entry has no valid timestamp (epoch seconds)");
    assertThat(r.rejections().get(2).reason()).isEqualTo("the entry must be an object");
  }

  @Test
  void shouldRejectMalformedJsonAndOtherShapes() throws Exception {
    assertThat(new MispManifestReader().read("{".getBytes(UTF_8)).rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_BAD_JSON);
    assertThat(new MispManifestReader().read("[]".getBytes(UTF_8)).rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.MISP_UNKNOWN_SHAPE);
  }

  @Test
  void shouldStopAtTheEntryLimit() throws Exception {
    ManifestResult r =
        new MispManifestReader(ReadLimits.DEFAULTS.withMaxRecords(1))
            .read(MANIFEST.getBytes(UTF_8));
    assertThat(r.entries()).hasSize(1);
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.LIMIT_OBJECTS);
  }

  @Test
  void shouldFailOnDeepNesting() {
    String deep = "{\"a\":".repeat(100) + "1" + "}".repeat(100);
    assertThatThrownBy(() -> new MispManifestReader().read(deep.getBytes(UTF_8)))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_JSON_DEPTH));
  }
}
