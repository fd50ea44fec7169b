package org.isachub.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CsvFeedReaderTest {

  private static ReadResult read(String mapping, String csv) throws ReadException {
    return new CsvFeedReader(CsvMapping.builtIn(mapping)).read(csv.getBytes(UTF_8));
  }

  private static ReadResult read(String mapping, String csv, ReadLimits limits)
      throws ReadException {
    return new CsvFeedReader(CsvMapping.builtIn(mapping), limits).read(csv.getBytes(UTF_8));
  }

  private static Rejection onlyRejection(ReadResult r) {
    assertThat(r.observables()).isEmpty();
    assertThat(r.rejections()).hasSize(1);
    return r.rejections().get(0);
  }

  // ---- the real feeds ----

  @Test
  void shouldReadAll28FeodoTrackerRows() throws Exception {
    Path file = SharedData.file("feeds/feodo-ipblocklist.csv");
    ReadResult r;
    try (InputStream in = Files.newInputStream(file)) {
      r = new CsvFeedReader(CsvMapping.builtIn("feodo")).read(in);
    }
    assertThat(r.observables()).hasSize(28);
    assertThat(r.rejections()).isEmpty();
    // 8 banner comment lines, the header line and the closing "# END 28 entries".
    assertThat(r.skipped()).isEqualTo(10);
    assertThat(r.observables())
        .allSatisfy(
            o -> {
              assertThat(o.type()).isEqualTo(ObservableType.IPV4_ADDR);
              assertThat(o.indicator()).isTrue();
              assertThat(o.labels()).containsExactly("Pikabot");
              assertThat(o.context()).containsEntry("malware_family", "Pikabot");
            });

    RawObservable first = r.observables().get(0);
    assertThat(first.value()).isEqualTo("192.9.135.73");
    assertThat(first.firstSeen()).isEqualTo(Instant.parse("2023-05-23T17:51:44Z"));
    assertThat(first.lastSeen()).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
    assertThat(first.context()).containsEntry("port", "1194").containsEntry("c2_status", "online");
    assertThat(first.location()).isEqualTo("line 10");
    assertThat(first.confidence()).isNull();
    assertThat(first.tlp()).isNull();

    RawObservable eighth = r.observables().get(7);
    assertThat(eighth.value()).isEqualTo("104.129.55.106");
    assertThat(eighth.context()).containsEntry("port", "13783");

    RawObservable last = r.observables().get(27);
    assertThat(last.value()).isEqualTo("172.233.221.61");
    assertThat(last.firstSeen()).isEqualTo(Instant.parse("2024-04-04T07:03:03Z"));
    assertThat(last.context()).containsEntry("port", "5938").containsEntry("c2_status", "offline");
    assertThat(last.location()).isEqualTo("line 37");
  }

  @Test
  void shouldReadEveryUrlhausRowDespiteItsCommentedOutHeader() throws Exception {
    Path file = SharedData.file("feeds/urlhaus-online-sample.csv");
    List<String> lines = Files.readAllLines(file, UTF_8);
    long dataRows = lines.stream().filter(l -> l.startsWith("\"")).count();
    assertThat(dataRows).isEqualTo(15);

    ReadResult r = new CsvFeedReader(CsvMapping.builtIn("urlhaus")).read(Files.readAllBytes(file));

    assertThat(r.observables()).hasSize(15);
    assertThat(r.rejections()).isEmpty();
    assertThat(r.skipped()).isEqualTo(lines.size() - 15);
    assertThat(r.observables()).allMatch(o -> o.type() == ObservableType.URL && o.indicator());

    RawObservable first = r.observables().get(0);
    assertThat(first.value()).isEqualTo("http://120.84.215.27:44835/i");
    assertThat(first.firstSeen()).isEqualTo(Instant.parse("2026-08-18T16:17:08Z"));
    assertThat(first.labels()).containsExactly("malware_download"); // tags "None" means none
    assertThat(first.context())
        .containsEntry("reporter", "GAYINT_DOT_ORG")
        .containsEntry("urlhaus_id", "3905439")
        .containsEntry("reference", "https://urlhaus.abuse.ch/url/3905439/");

    RawObservable second = r.observables().get(1);
    assertThat(second.value()).isEqualTo("http://176.65.139.212/eclipse.sh4");
    assertThat(second.labels())
        .containsExactly("malware_download", "176-65-139-212", "elf", "mirai", "ua-wget");
    assertThat(second.context()).containsEntry("reporter", "BlinkzSec");

    RawObservable workers = r.observables().get(10);
    assertThat(workers.value())
        .isEqualTo("https://long-wildflower-b4f5.gustavosoftware.workers.dev/vKxen");

    RawObservable last = r.observables().get(14);
    assertThat(last.value()).isEqualTo("http://61.53.133.115:54046/i");
    assertThat(last.firstSeen()).isEqualTo(Instant.parse("2026-08-18T12:57:06Z"));
    assertThat(last.lastSeen()).isEqualTo(Instant.parse("2026-08-18T15:14:44Z"));
    assertThat(last.labels()).containsExactly("malware_download", "Mozi");
    assertThat(last.location()).isEqualTo("line " + lines.size());
  }

  // ---- the generic mapping and RFC 4180 details ----

  @Test
  void shouldReadGenericRowsWithOptionalColumns() throws Exception {
    ReadResult r =
        read(
            "generic",
            "type,value,first_seen,last_seen,labels,confidence\r\n"
                + "ipv4-addr,198.51.100.7,2024-01-02T03:04:05Z,,c2;botnet,80\r\n"
                + ",hxxp://evil[.]example/a,,,\"x,y\",\r\n"
                + "file:sha256,\"9F86D081884C7D659A2FEAA0C55AD015A3BF4F1B2B0B822CD15D6C15B0F00A08\","
                + "2024-01-02,2024-01-03T00:00:00+02:00,,0\r\n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.skipped()).isEqualTo(1);
    assertThat(r.observables()).hasSize(3);

    RawObservable ip = r.observables().get(0);
    assertThat(ip.type()).isEqualTo(ObservableType.IPV4_ADDR);
    assertThat(ip.firstSeen()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    assertThat(ip.lastSeen()).isNull();
    assertThat(ip.labels()).containsExactly("c2", "botnet");
    assertThat(ip.confidence()).isEqualTo(80);

    RawObservable url = r.observables().get(1);
    assertThat(url.type()).as("an empty type cell leaves detection to later").isNull();
    assertThat(url.value()).isEqualTo("hxxp://evil[.]example/a");
    assertThat(url.labels()).containsExactly("x", "y");
    assertThat(url.confidence()).isNull();

    RawObservable hash = r.observables().get(2);
    assertThat(hash.type()).isEqualTo(ObservableType.FILE_SHA256);
    assertThat(hash.value()).startsWith("9F86D0"); // raw: no case folding here
    assertThat(hash.firstSeen()).isEqualTo(Instant.parse("2024-01-02T00:00:00Z"));
    assertThat(hash.lastSeen()).isEqualTo(Instant.parse("2024-01-02T22:00:00Z"));
    assertThat(hash.confidence()).isZero();
  }

  @Test
  void shouldAcceptAGenericHeaderWithOnlyTypeAndValue() throws Exception {
    ReadResult r = read("generic", "type,value\ndomain-name,example.org\n");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("example.org");
    assertThat(r.observables().get(0).firstSeen()).isNull();
  }

  @Test
  void shouldUnescapeDoubledQuotesInsideQuotedFields() throws Exception {
    ReadResult r = read("generic", "type,value\nurl,\"http://a.example/?q=\"\"x\"\"\"\n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.observables().get(0).value()).isEqualTo("http://a.example/?q=\"x\"");
  }

  @Test
  void shouldParseALineBreakInsideAQuotedFieldButRefuseItInALabel() throws Exception {
    ReadResult r =
        read(
            "generic",
            "type,value,labels\nurl,http://a.example/,\"one\ntwo\"\ndomain-name,b.example,\n");
    assertThat(r.rejections()).hasSize(1);
    Rejection rej = r.rejections().get(0);
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_CONTROL_CHARACTER);
    assertThat(rej.location()).isEqualTo("line 2");
    assertThat(rej.excerpt()).isEqualTo("url,http://a.example/,\"one\ntwo\"");
    assertThat(r.observables()).hasSize(1);
    assertThat(r.observables().get(0).location()).isEqualTo("line 4");
  }

  @Test
  void shouldStripAByteOrderMarkBeforeTheHeader() throws Exception {
    ReadResult r = read("generic", "\uFEFFtype,value\nipv6-addr,2001:db8::1\n");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("2001:db8::1");
    assertThat(r.observables().get(0).type()).isEqualTo(ObservableType.IPV6_ADDR);
  }

  @Test
  void shouldLoadACustomMappingFileWithIndexColumnsAndFixedValues(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("tabbed.json");
    Files.writeString(
        file,
        "{\"name\":\"tabbed\",\"delimiter\":\"\\t\",\"comment_prefix\":\";\","
            + "\"value_column\":\"1\",\"value_type\":\"domain-name\","
            + "\"first_seen_column\":\"0\",\"timestamp_format\":\"epoch-seconds\","
            + "\"confidence\":60,\"tlp\":\"amber+strict\",\"context_columns\":{\"note\":\"2\"}}");
    CsvMapping m = CsvMapping.load(file);
    ReadResult r =
        new CsvFeedReader(m)
            .read("; comment\n1700000000\tevil.example\tphish kit\n".getBytes(UTF_8));
    assertThat(r.rejections()).isEmpty();
    assertThat(r.skipped()).isEqualTo(1);
    RawObservable o = r.observables().get(0);
    assertThat(o.value()).isEqualTo("evil.example");
    assertThat(o.type()).isEqualTo(ObservableType.DOMAIN_NAME);
    assertThat(o.firstSeen()).isEqualTo(Instant.ofEpochSecond(1_700_000_000L));
    assertThat(o.confidence()).isEqualTo(60);
    assertThat(o.tlp()).isEqualTo(TlpHint.AMBER_STRICT);
    assertThat(o.context()).containsExactly(java.util.Map.entry("note", "phish kit"));
  }

  // ---- every rejection code ----

  @Test
  void shouldRejectARecordLongerThanTheLineLimit() throws Exception {
    String longUrl = "http://a.example/" + "a".repeat(300);
    ReadResult r =
        read(
            "generic",
            "type,value\nurl," + longUrl + "\ndomain-name,ok.example\n",
            ReadLimits.DEFAULTS.withMaxLineLength(100));
    assertThat(r.rejections()).hasSize(1);
    Rejection rej = r.rejections().get(0);
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_LINE_TOO_LONG);
    assertThat(rej.location()).isEqualTo("line 2");
    assertThat(rej.reason()).contains("321 bytes").contains("100");
    assertThat(rej.excerpt()).hasSize(Rejection.MAX_EXCERPT).startsWith("url,http://a.example/");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("ok.example");
  }

  @Test
  void shouldRejectAQuotedFieldThatGrowsPastTheLimitAndResynchronise() throws Exception {
    String body = "type,value\nurl,\"http://a\n" + "b".repeat(60) + "\n" + "c".repeat(60) + "\n";
    ReadResult r = read("generic", body, ReadLimits.DEFAULTS.withMaxLineLength(100));
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .first()
        .isEqualTo(RejectionCodes.CSV_LINE_TOO_LONG);
    assertThat(r.rejections().get(0).reason()).contains("starting on line 2");
  }

  @Test
  void shouldRejectARowWithTheWrongNumberOfFields() throws Exception {
    Rejection rej = onlyRejection(read("generic", "type,value\nurl,http://a.example/,extra\n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_COLUMN_COUNT);
    assertThat(rej.reason()).isEqualTo("expected 2 fields but found 3");
    assertThat(rej.excerpt()).isEqualTo("url,http://a.example/,extra");
  }

  @Test
  void shouldRejectARowTooShortForAnIndexedColumn() throws Exception {
    CsvMapping m =
        CsvMapping.load(
            new java.io.ByteArrayInputStream(
                "{\"name\":\"n\",\"value_column\":\"2\"}".getBytes(UTF_8)));
    ReadResult r = new CsvFeedReader(m).read("a,b\n".getBytes(UTF_8));
    Rejection rej = onlyRejection(r);
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_COLUMN_COUNT);
    assertThat(rej.reason()).isEqualTo("expected at least 3 fields but found 2");
  }

  @Test
  void shouldRejectATimestampThatDoesNotMatchTheFormat() throws Exception {
    String row = "\"2024-02-30 10:00:00\",\"192.0.2.1\",\"443\",\"online\",\"2024-03-01\",\"X\"";
    ReadResult r =
        read(
            "feodo",
            "\"first_seen_utc\",\"dst_ip\",\"dst_port\",\"c2_status\",\"last_online\",\"malware\"\n"
                + row
                + "\n");
    Rejection rej = onlyRejection(r);
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_BAD_TIMESTAMP);
    assertThat(rej.reason())
        .isEqualTo(
            "column 'first_seen_utc' holds '2024-02-30 10:00:00', which does not match the"
                + " timestamp format 'yyyy-MM-dd[ HH:mm:ss]'");
  }

  @Test
  void shouldRejectABadLastSeenTimestamp() throws Exception {
    Rejection rej =
        onlyRejection(read("generic", "type,value,last_seen\nurl,http://a/,yesterday\n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_BAD_TIMESTAMP);
    assertThat(rej.reason()).startsWith("column 'last_seen' holds 'yesterday'");
  }

  @Test
  void shouldRejectAConfidenceOutsideZeroToHundred() throws Exception {
    ReadResult r =
        read("generic", "type,value,confidence\nurl,http://a/,101\nurl,http://b/,high\n");
    assertThat(r.observables()).isEmpty();
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.CSV_BAD_CONFIDENCE, RejectionCodes.CSV_BAD_CONFIDENCE);
    assertThat(r.rejections().get(0).reason())
        .isEqualTo("confidence '101' is not an integer from 0 to 100");
  }

  @Test
  void shouldRejectAnUnknownTypeToken() throws Exception {
    Rejection rej = onlyRejection(read("generic", "type,value\nipv5-addr,1.2.3.4.5\n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_UNKNOWN_TYPE);
    assertThat(rej.reason()).startsWith("'ipv5-addr' is not an observable type");
  }

  @Test
  void shouldRejectAnEmptyValue() throws Exception {
    Rejection rej = onlyRejection(read("generic", "type,value\nurl,  \n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_EMPTY_VALUE);
    assertThat(rej.reason()).isEqualTo("the value column 'value' is empty");
    assertThat(rej.location()).isEqualTo("line 2");
  }

  @Test
  void shouldRejectAQuoteNeverClosed() throws Exception {
    Rejection rej = onlyRejection(read("generic", "type,value\nurl,\"http://a/\nmore\n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_UNTERMINATED_QUOTE);
    assertThat(rej.reason()).isEqualTo("a quoted field opened on line 2 is never closed");
  }

  @Test
  void shouldRejectTextAfterAClosingQuote() throws Exception {
    ReadResult r = read("generic", "type,value\nurl,\"http://a/\"x\ndomain-name,b.example\n");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.CSV_BAD_QUOTE);
    assertThat(r.rejections().get(0).reason()).startsWith("unexpected 'x' after the closing quote");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("b.example");
  }

  @Test
  void shouldRejectInvalidUtf8() throws Exception {
    byte[] head = "type,value\nurl,http://a/".getBytes(UTF_8);
    byte[] input = new byte[head.length + 2];
    System.arraycopy(head, 0, input, 0, head.length);
    input[head.length] = (byte) 0xC3; // a lead byte followed by a line break
    input[head.length + 1] = '\n';
    ReadResult r = new CsvFeedReader(CsvMapping.builtIn("generic")).read(input);
    Rejection rej = onlyRejection(r);
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_BAD_ENCODING);
    assertThat(rej.reason()).isEqualTo("line 2 is not valid UTF-8");
  }

  @Test
  void shouldRejectControlCharactersInAValue() throws Exception {
    Rejection rej = onlyRejection(read("generic", "type,value\nurl,http://a/\u0000b\n"));
    assertThat(rej.code()).isEqualTo(RejectionCodes.CSV_CONTROL_CHARACTER);
    assertThat(rej.reason()).contains("U+0000 at position 10");
  }

  @Test
  void shouldStopAtTheRecordLimitWithOneRejection() throws Exception {
    ReadResult r =
        read(
            "generic",
            "type,value\n# note\nurl,http://a/\nurl,http://b/\nurl,http://c/\nurl,http://d/\n",
            ReadLimits.DEFAULTS.withMaxRecords(2));
    assertThat(r.observables())
        .extracting(RawObservable::value)
        .containsExactly("http://a/", "http://b/");
    Rejection rej = r.rejections().get(0);
    assertThat(r.rejections()).hasSize(1);
    assertThat(rej.code()).isEqualTo(RejectionCodes.LIMIT_OBJECTS);
    assertThat(rej.location()).isEqualTo("line 5");
  }

  // ---- whole-input failures ----

  @Test
  void shouldFailWhenTheInputExceedsTheByteLimit() {
    String csv = "type,value\n" + "url,http://a.example/\n".repeat(100);
    assertThatThrownBy(() -> read("generic", csv, ReadLimits.DEFAULTS.withMaxInputBytes(500)))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_INPUT_BYTES);
              assertThat(e.getMessage()).contains("500 bytes");
            });
  }

  @Test
  void shouldFailWhenTheHeaderLacksTheValueColumn() {
    assertThatThrownBy(() -> read("feodo", "\"first_seen_utc\",\"ip\"\n\"x\",\"y\"\n"))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCodes.CSV_MISSING_COLUMN);
              assertThat(e.getMessage())
                  .contains("mapping 'feodo' needs a column 'dst_ip'")
                  .contains("[first_seen_utc, ip]");
            });
  }

  @Test
  void shouldTurnAStreamFailureIntoAReadException() {
    InputStream broken =
        new InputStream() {
          @Override
          public int read() throws IOException {
            throw new IOException("disk gone");
          }
        };
    assertThatThrownBy(() -> new CsvFeedReader(CsvMapping.builtIn("generic")).read(broken))
        .isInstanceOfSatisfying(
            ReadException.class, e -> assertThat(e.code()).isEqualTo(RejectionCodes.IO_ERROR));
  }

  // ---- mappings ----

  @Test
  void shouldRefuseAnUnknownBuiltInMapping() {
    assertThatThrownBy(() -> CsvMapping.builtIn("nope"))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCodes.MAPPING_INVALID);
              assertThat(e.getMessage()).contains("feodo, urlhaus, generic");
            });
    assertThatThrownBy(() -> CsvMapping.builtIn("../../etc/passwd"))
        .isInstanceOf(ReadException.class);
  }

  @Test
  void shouldRefuseMalformedMappings() {
    assertMappingError("{", "not valid JSON");
    assertMappingError("[]", "a mapping must be a JSON object");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"v\",\"colour\":1}", "unknown key 'colour'");
    assertMappingError("{\"value_column\":\"v\"}", "'name' is required");
    assertMappingError("{\"name\":\"x\"}", "'value_column' is required");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"value_type\":\"ip\"}",
        "value_type 'ip' is not an observable type");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"tlp\":\"purple\"}", "tlp 'purple'");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"confidence\":101}", "confidence must be 0-100");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"delimiter\":\";;\"}", "exactly one character");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"timestamp_format\":\"yyyy-MM-dd {\"}",
        "mapping 'x'");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"url\"}", "there is no header and no column list");
    assertMappingError(
        "{\"name\":\"x\",\"columns\":[\"a\"],\"value_column\":\"b\"}",
        "'b' is not one of the declared columns [a]");
    assertMappingError(
        "{\"name\":\"x\",\"value_column\":\"0\",\"header\":\"yes\"}", "'header' must be true");
  }

  private static void assertMappingError(String json, String expected) {
    assertThatThrownBy(
            () -> CsvMapping.load(new java.io.ByteArrayInputStream(json.getBytes(UTF_8))))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> {
              assertThat(e.code()).isEqualTo(RejectionCodes.MAPPING_INVALID);
              assertThat(e.getMessage()).contains(expected);
            });
  }
}
