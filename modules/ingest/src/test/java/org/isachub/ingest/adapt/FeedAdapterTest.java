package org.isachub.ingest.adapt;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.ObjectStatus;
import org.isachub.ingest.read.CsvFeedReader;
import org.isachub.ingest.read.CsvMapping;
import org.isachub.ingest.read.ObservableType;
import org.isachub.ingest.read.RawObservable;
import org.isachub.ingest.read.ReadResult;
import org.isachub.ingest.read.TextListReader;
import org.isachub.ingest.read.TlpHint;
import org.isachub.stix.model.StixIds;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.validate.RecordChecks;
import org.junit.jupiter.api.Test;

class FeedAdapterTest {

  private static final Instant NOW = Instant.parse("2026-11-03T12:00:00Z");
  private static final RecordChecks CHECKS = new RecordChecks();
  private final FeedAdapter adapter = new FeedAdapter();

  private static RequestContext ctx(String source) {
    return new RequestContext(
        "sub-1", source, "analyst", "csv", null, Tlp.CLEAR, List.of(), false, NOW);
  }

  private static RawObservable row(
      ObservableType type,
      String value,
      Instant first,
      Instant last,
      List<String> labels,
      Integer confidence,
      TlpHint tlp,
      boolean indicator,
      String location) {
    return new RawObservable(
        type, value, first, last, labels, confidence, tlp, indicator, location, Map.of());
  }

  @Test
  void shouldAuthorAnIndicatorWithAnIdFixedBySourceAndKeyAndCarryTheRowOver() throws Exception {
    Instant first = Instant.parse("2026-10-01T10:00:00Z");
    Instant last = Instant.parse("2026-10-02T10:00:00Z");
    ReadResult read =
        new ReadResult(
            List.of(
                row(
                    ObservableType.FILE_SHA256,
                    "E3B0C44298FC1C149AFBF4C8996FB92427AE41E4649B934CA495991B7852B855",
                    first,
                    last,
                    List.of("Emotet"),
                    70,
                    TlpHint.AMBER,
                    true,
                    "line 3")),
            List.of(),
            2);
    Adapted a = adapter.adapt(read, ctx("feodo"));
    Submission s = a.submissions().get(0);
    String key = "file:sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";
    assertThat(s.getKey()).isEqualTo(key);
    assertThat(s.getObjectId()).isEqualTo(StixIds.deterministic("indicator", "feodo|" + key));
    assertThat(s.getConfidence()).isEqualTo(70);
    assertThat(s.getLabels()).containsExactly("emotet");
    assertThat(s.getFirstSeen()).isEqualTo(first);
    assertThat(s.getLastSeen()).isEqualTo(last);
    assertThat(s.getValidFrom()).isEqualTo(first);
    assertThat(s.getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.AMBER);
    assertThat(s.getSubmittedBy()).isEqualTo("analyst");
    var stix = new ObjectMapper().readTree(s.getStix());
    assertThat(stix.path("object_marking_refs").get(0).asText()).isEqualTo(Tlp.AMBER.markingId());
    assertThat(stix.path("labels").get(0).asText()).isEqualTo("Emotet");
    assertThat(CHECKS.check(key, s).accepted()).isTrue();
    assertThat(a.skipped()).isEqualTo(2);
    assertThat(adapter.adapt(read, ctx("other")).submissions().get(0).getObjectId())
        .isNotEqualTo(s.getObjectId());
  }

  @Test
  void shouldMergeTheSameKeyTwiceAndSendItOnce() {
    Instant t1 = Instant.parse("2026-10-01T00:00:00Z");
    Instant t2 = Instant.parse("2026-10-05T00:00:00Z");
    ReadResult read =
        new ReadResult(
            List.of(
                row(
                    null,
                    "hxxp://evil[.]example/a",
                    t2,
                    t2,
                    List.of("a"),
                    40,
                    null,
                    true,
                    "line 1"),
                row(null, "198.51.100.7", null, null, List.of(), null, null, true, "line 2"),
                row(
                    null,
                    "http://evil.example/a",
                    t1,
                    t1,
                    List.of("b"),
                    90,
                    TlpHint.GREEN,
                    true,
                    "line 3")),
            List.of(),
            0);
    Adapted a = adapter.adapt(read, ctx("feed"));
    assertThat(a.submissions()).hasSize(2);
    Submission url = a.submissions().get(0);
    assertThat(url.getKey()).isEqualTo("url:http://evil.example/a");
    assertThat(url.getLabels()).containsExactly("a", "b");
    assertThat(url.getConfidence()).isEqualTo(90);
    assertThat(url.getFirstSeen()).isEqualTo(t1);
    assertThat(url.getLastSeen()).isEqualTo(t2);
    assertThat(url.getTlp()).isEqualTo(org.isachub.wire.avro.Tlp.GREEN);
    assertThat(a.outcomes())
        .extracting(ObjectOutcome::ref, ObjectOutcome::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("line 1", ObjectStatus.ACCEPTED),
            org.assertj.core.groups.Tuple.tuple("line 2", ObjectStatus.ACCEPTED),
            org.assertj.core.groups.Tuple.tuple("line 3", ObjectStatus.DUPLICATE));
    assertThat(a.outcomes().get(2).objectId()).isEqualTo(url.getObjectId());
  }

  @Test
  void shouldCountContextRowsWithoutSubmittingThem() {
    ReadResult read =
        new ReadResult(
            List.of(
                row(
                    ObservableType.AUTONOMOUS_SYSTEM,
                    "AS174",
                    null,
                    null,
                    List.of(),
                    null,
                    null,
                    false,
                    "attribute 1")),
            List.of(),
            0);
    Adapted a = adapter.adapt(read, ctx("misp"));
    assertThat(a.submissions()).isEmpty();
    assertThat(a.outcomes()).isEmpty();
    assertThat(a.context()).isEqualTo(1);
  }

  @Test
  void shouldRaiseALastSeenEarlierThanTheFirstSeenToTheFirstSeen() {
    Instant first = Instant.parse("2024-04-04T07:03:03Z");
    ReadResult read =
        new ReadResult(
            List.of(
                row(
                    ObservableType.IPV4_ADDR,
                    "172.233.221.61",
                    first,
                    Instant.parse("2024-04-04T00:00:00Z"),
                    List.of(),
                    null,
                    null,
                    true,
                    "line 37")),
            List.of(),
            0);
    Submission s = adapter.adapt(read, ctx("feodo")).submissions().get(0);
    assertThat(s.getLastSeen()).isEqualTo(first);
    assertThat(CHECKS.check(s.getKey(), s).accepted()).isTrue();
  }

  @Test
  void shouldRefuseAValueThatIsNotValidForItsTypeAndPassReaderRejectionsThrough() throws Exception {
    byte[] csv =
        ("type,value\nipv4-addr,300.1.1.1\nipv4-addr,198.51.100.1,extra\nurl,http://ok.example/\n")
            .getBytes(UTF_8);
    ReadResult read = new CsvFeedReader(CsvMapping.builtIn("generic")).read(csv);
    Adapted a = adapter.adapt(read, ctx("generic"));
    assertThat(a.submissions())
        .extracting(Submission::getKey)
        .containsExactly("url:http://ok.example/");
    assertThat(a.rejected())
        .extracting(Rejected::ref, Rejected::code)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("line 3", "csv.column-count"),
            org.assertj.core.groups.Tuple.tuple("line 2", "observable.bad-ip"));
    Rejected badIp =
        a.rejected().stream().filter(r -> r.ref().equals("line 2")).findFirst().orElseThrow();
    assertThat(badIp.original()).isEqualTo("300.1.1.1");
    assertThat(badIp.reason()).startsWith("line 2: value '300.1.1.1': ");
  }

  @Test
  void shouldDetectTheTypeOfTextListValues() throws Exception {
    ReadResult read =
        new TextListReader().read("evil[.]example\n2001:DB8::1\nnot a value\n".getBytes(UTF_8));
    Adapted a = adapter.adapt(read, ctx("text"));
    assertThat(a.submissions())
        .extracting(Submission::getKey)
        .containsExactly("domain-name:evil.example", "ipv6-addr:2001:db8::1");
    assertThat(a.rejected()).hasSize(1);
  }
}
