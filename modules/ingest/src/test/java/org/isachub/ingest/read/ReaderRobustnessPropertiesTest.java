package org.isachub.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.constraints.StringLength;
import net.jqwik.api.statistics.Statistics;
import org.isachub.ingest.read.internal.Text;

/** Whatever the input, a reader returns a result or throws a {@link ReadException}, no other. */
class ReaderRobustnessPropertiesTest {

  private static final Set<String> WHOLE_INPUT_CODES =
      Set.of(
          RejectionCodes.LIMIT_INPUT_BYTES,
          RejectionCodes.LIMIT_JSON_DEPTH,
          RejectionCodes.LIMIT_JSON_STRING,
          RejectionCodes.LIMIT_JSON_OTHER,
          RejectionCodes.CSV_MISSING_COLUMN);

  // Small limits so that random input reaches every limit path.
  private static final ReadLimits TIGHT = new ReadLimits(4096, 64, 40, 8, 256);

  private interface Reader {
    void read(byte[] input) throws ReadException;
  }

  private static void survives(Reader reader, byte[] input) {
    try {
      reader.read(input);
    } catch (ReadException e) {
      assertThat(WHOLE_INPUT_CODES).contains(e.code());
      assertThat(e.getMessage()).startsWith(e.code() + ": ");
    }
  }

  private static void wellFormed(ReadResult r) {
    assertThat(r.skipped()).isNotNegative();
    for (RawObservable o : r.observables()) {
      assertThat(o.value()).isNotBlank();
      assertThat(Text.firstControl(o.value())).isNegative();
      assertThat(o.location()).isNotBlank();
    }
    for (Rejection j : r.rejections()) {
      assertThat(j.excerpt().length()).isLessThanOrEqualTo(Rejection.MAX_EXCERPT);
      assertThat(j.code()).contains(".");
      assertThat(j.reason()).isNotBlank();
    }
  }

  private static void allReaders(byte[] input, ReadLimits limits) throws Exception {
    for (String mapping : List.of("feodo", "urlhaus", "generic")) {
      CsvMapping m = CsvMapping.builtIn(mapping);
      survives(bytes -> wellFormed(new CsvFeedReader(m, limits).read(bytes)), input);
    }
    survives(bytes -> wellFormed(new TextListReader(limits).read(bytes)), input);
    survives(bytes -> wellFormed(new MispReader(limits).read(bytes)), input);
    survives(bytes -> new MispManifestReader(limits).read(bytes), input);
  }

  @Property(tries = 400)
  void anyBytesGiveAResultOrAReadException(@ForAll @Size(max = 3000) byte[] input)
      throws Exception {
    allReaders(input, ReadLimits.DEFAULTS);
    allReaders(input, TIGHT);
  }

  @Property(tries = 400)
  void anyTextGivesAResultOrAReadException(@ForAll @StringLength(max = 2000) String input)
      throws Exception {
    allReaders(input.getBytes(UTF_8), ReadLimits.DEFAULTS);
    allReaders(input.getBytes(UTF_8), TIGHT);
  }

  @Property(tries = 300)
  void csvLikeTextGivesAResultOrAReadException(@ForAll("csvLike") String input) throws Exception {
    allReaders(input.getBytes(UTF_8), ReadLimits.DEFAULTS);
    allReaders(input.getBytes(UTF_8), TIGHT);
  }

  @Property(tries = 1000)
  void mispLikeJsonGivesAResultOrAReadException(@ForAll("mispLike") String json) throws Exception {
    allReaders(json.getBytes(UTF_8), ReadLimits.DEFAULTS);
    allReaders(json.getBytes(UTF_8), TIGHT);
    Statistics.collect(mispOutcome(json));
    // The generator must reach observables and rejections, not only shape errors.
    Statistics.coverage(
        c -> {
          c.check("observables").count(n -> n > 0);
          c.check("rejections").count(n -> n > 0);
        });
  }

  @Property(tries = 500)
  void mutatedMispEventsGiveAResultOrAReadException(@ForAll("mutatedEvent") String json)
      throws Exception {
    allReaders(json.getBytes(UTF_8), ReadLimits.DEFAULTS);
    allReaders(json.getBytes(UTF_8), TIGHT);
    Statistics.collect(mispOutcome(json));
    Statistics.coverage(
        c -> {
          c.check("observables").count(n -> n > 0);
          c.check("rejections").count(n -> n > 0);
        });
  }

  private static String mispOutcome(String json) {
    try {
      ReadResult r = new MispReader().read(json.getBytes(UTF_8));
      return !r.observables().isEmpty()
          ? "observables"
          : !r.rejections().isEmpty() ? "rejections" : "nothing";
    } catch (ReadException e) {
      return "exception";
    }
  }

  @Property(tries = 300)
  void everyTextLineIsAnObservableARejectionOrSkipped(
      @ForAll @Size(max = 50) List<@StringLength(max = 80) String> rawLines) throws Exception {
    StringBuilder text = new StringBuilder();
    int lines = 0;
    for (String l : rawLines) {
      text.append(l.replace('\r', ' ').replace('\n', ' ')).append('\n');
      lines++;
    }
    ReadResult r = new TextListReader().read(text.toString().getBytes(UTF_8));
    assertThat(r.observables().size() + r.rejections().size() + r.skipped()).isEqualTo(lines);
  }

  @Property(tries = 300)
  void quotedCsvValuesComeBackExactly(@ForAll("csvValues") List<String> values) throws Exception {
    StringBuilder csv = new StringBuilder("type,value\r\n");
    for (String v : values) {
      csv.append("url,\"").append(v.replace("\"", "\"\"")).append("\"\r\n");
    }
    ReadResult r =
        new CsvFeedReader(CsvMapping.builtIn("generic")).read(csv.toString().getBytes(UTF_8));
    assertThat(r.rejections()).isEmpty();
    assertThat(r.observables()).extracting(RawObservable::value).containsExactlyElementsOf(values);
  }

  @Provide
  Arbitrary<List<String>> csvValues() {
    return Arbitraries.strings()
        .withCharRange(' ', '~')
        .withChars('\u00e9', '\u4e2d', ',', '"', '#')
        .ofMinLength(1)
        .ofMaxLength(40)
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .list()
        .ofMaxSize(20);
  }

  @Provide
  Arbitrary<String> csvLike() {
    Arbitrary<String> cell =
        Arbitraries.oneOf(
            Arbitraries.of(
                "\"",
                "\"\"",
                "#",
                "None",
                "",
                "url",
                "ipv4-addr",
                "file:sha256",
                "2024-01-01",
                "2024-01-01 10:00:00",
                "2024-02-30",
                "101",
                "50",
                "1.2.3.4",
                "a,b",
                "\"x\"y"),
            Arbitraries.strings().withChars("\",\r\n#ab \t\u0000\u00e9").ofMaxLength(6));
    Arbitrary<String> row = cell.list().ofMaxSize(10).map(cells -> String.join(",", cells));
    return row.list()
        .ofMaxSize(12)
        .map(
            rows ->
                "type,value,first_seen,last_seen,labels,confidence\n" + String.join("\n", rows));
  }

  private static String quote(String s) {
    StringBuilder b = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    return b.append('"').toString();
  }

  private static final List<String> KEYS =
      List.of(
          "Event",
          "response",
          "Attribute",
          "Object",
          "Tag",
          "name",
          "type",
          "value",
          "to_ids",
          "distribution",
          "timestamp",
          "first_seen",
          "last_seen",
          "uuid",
          "deleted",
          "category",
          "comment",
          "object_relation",
          "info",
          "5c1f3a2b-0000-4000-8000-000000000001");

  private static final List<String> LEAVES =
      List.of(
          "null",
          "true",
          "false",
          "0",
          "1",
          "5",
          "-1",
          "7",
          "1e999",
          "12345678901234567890",
          "\"1603642920\"",
          "\"\"",
          "\" \"",
          "\"1\"",
          "\"5\"",
          "\"tlp:red\"",
          "\"tlp:amber+strict\"",
          "\"tlp:\"",
          "\"ip-dst|port\"",
          "\"domain|ip\"",
          "\"filename|sha256\"",
          "\"regkey|value\"",
          "\"ip-src\"",
          "\"domain\"",
          "\"link\"",
          "\"uri\"",
          "\"AS\"",
          "\"a|\"",
          "\"|b\"",
          "\"|\"",
          "\"a|b\"",
          "\"::1|80\"",
          "\"2020-13-45T00:00:00Z\"",
          "\"2020-10-25T16:22:00Z\"",
          "\"\\u0000\"",
          "\"x\\ny\"");

  /**
   * MISP-shaped JSON: events, objects and attributes with plausible and implausible field values,
   * any field sometimes replaced by arbitrary JSON, so both the happy path and type confusion are
   * reached.
   */
  @Provide
  Arbitrary<String> mispLike() {
    Arbitrary<String> any = json(2);
    Arbitrary<String> type =
        Arbitraries.of(
            "\"ip-dst\"",
            "\"ip-src|port\"",
            "\"domain|ip\"",
            "\"filename|md5\"",
            "\"regkey|value\"",
            "\"url\"",
            "\"uri\"",
            "\"link\"",
            "\"AS\"",
            "\"email-src\"",
            "\"text\"",
            "\"sha256\"",
            "\"bad type!\"",
            "\"\"");
    Arbitrary<String> value =
        Arbitraries.of(
            "\"198.51.100.7\"",
            "\"2001:db8::1|443\"",
            "\"a.example|192.0.2.1\"",
            "\"a|\"",
            "\"|\"",
            "\"x.exe|d41d8cd98f00b204e9800998ecf8427e\"",
            "\"http://a/\"",
            "\"/p\"",
            "\"AS1\"",
            "174",
            "\"\"",
            "\"a\\u0000b\"",
            "\"HKLM\\\\Run|x\"");
    Arbitrary<String> tags =
        Arbitraries.of("tlp:red", "tlp:white", "tlp:amber+strict", "tlp:", "c2", "")
            .map(t -> "{\"name\":" + quote(t) + "}")
            .list()
            .ofMaxSize(3)
            .map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> attribute =
        fields(
            List.of(
                Tuple.of("type", type),
                Tuple.of("value", value),
                Tuple.of("uuid", Arbitraries.of("\"u1\"", "\"../x\"", "1")),
                Tuple.of("to_ids", Arbitraries.of("true", "false", "\"1\"", "\"0\"", "2")),
                Tuple.of("distribution", Arbitraries.of("\"0\"", "\"4\"", "\"5\"", "9", "\"x\"")),
                Tuple.of("timestamp", Arbitraries.of("\"1603642920\"", "\"-1\"", "1", "\"\"")),
                Tuple.of("first_seen", Arbitraries.of("\"2020-10-25T16:22:00Z\"", "\"2020\"")),
                Tuple.of(
                    "deleted",
                    Arbitraries.frequencyOf(
                        Tuple.of(1, Arbitraries.just("true")),
                        Tuple.of(6, Arbitraries.just("false")))),
                Tuple.of("Tag", tags)),
            any);
    Arbitrary<String> attributes =
        attribute.list().ofMinSize(1).ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    Arbitrary<String> object =
        fields(
            List.of(
                Tuple.of("name", Arbitraries.of("\"file\"", "\"\"")),
                Tuple.of("distribution", Arbitraries.of("\"0\"", "\"5\"")),
                Tuple.of("Attribute", attributes)),
            any);
    Arbitrary<String> event =
        fields(
            List.of(
                Tuple.of("uuid", Arbitraries.of("\"e1\"", "null")),
                Tuple.of("distribution", Arbitraries.of("\"1\"", "\"5\"")),
                Tuple.of("Tag", tags),
                Tuple.of("Attribute", attributes),
                Tuple.of(
                    "Object",
                    object.list().ofMaxSize(3).map(l -> "[" + String.join(",", l) + "]"))),
            any);
    return Arbitraries.oneOf(
        event.map(e -> "{\"Event\":" + e + "}"),
        event.list().ofMaxSize(3).map(l -> "{\"response\":[" + wrap("Event", l) + "]}"),
        object.list().ofMaxSize(3).map(l -> "{\"response\":[" + wrap("Object", l) + "]}"),
        attributes.map(a -> "{\"response\":{\"Attribute\":" + a + "}}"),
        json(5));
  }

  private static String wrap(String key, List<String> items) {
    List<String> out = new ArrayList<>();
    items.forEach(i -> out.add("{\"" + key + "\":" + i + "}"));
    return String.join(",", out);
  }

  /** An object with a random subset of the given fields; one in eight values is arbitrary JSON. */
  private static Arbitrary<String> fields(
      List<Tuple.Tuple2<String, Arbitrary<String>>> known, Arbitrary<String> any) {
    List<Arbitrary<String>> members = new ArrayList<>();
    for (Tuple.Tuple2<String, Arbitrary<String>> f : known) {
      Arbitrary<String> v = Arbitraries.frequencyOf(Tuple.of(7, f.get2()), Tuple.of(1, any));
      members.add(
          Arbitraries.frequencyOf(
              Tuple.of(6, v.map(x -> quote(f.get1()) + ":" + x)),
              Tuple.of(1, Arbitraries.just(""))));
    }
    return Combinators.combine(members)
        .as(
            parts -> {
              List<String> present = new ArrayList<>();
              parts.forEach(
                  p -> {
                    if (!p.isEmpty()) {
                      present.add(p);
                    }
                  });
              return "{" + String.join(",", present) + "}";
            });
  }

  private Arbitrary<String> json(int depth) {
    Arbitrary<String> leaf =
        Arbitraries.oneOf(
            Arbitraries.of(LEAVES), Arbitraries.strings().ofMaxLength(12).map(s -> quote(s)));
    if (depth == 0) {
      return leaf;
    }
    Arbitrary<String> inner = json(depth - 1);
    Arbitrary<Tuple.Tuple2<String, String>> member =
        Combinators.combine(Arbitraries.of(KEYS), inner).as(Tuple::of);
    Arbitrary<String> object =
        member
            .list()
            .ofMaxSize(5)
            .uniqueElements(Tuple.Tuple2::get1)
            .map(
                ms -> {
                  List<String> parts = new ArrayList<>();
                  ms.forEach(m -> parts.add(quote(m.get1()) + ":" + m.get2()));
                  return "{" + String.join(",", parts) + "}";
                });
    Arbitrary<String> array = inner.list().ofMaxSize(4).map(l -> "[" + String.join(",", l) + "]");
    return Arbitraries.frequencyOf(Tuple.of(2, leaf), Tuple.of(5, object), Tuple.of(3, array));
  }

  private static final String EVENT =
      "{\"Event\":{\"uuid\":\"11111111-2222-3333-4444-555555555555\",\"distribution\":\"5\","
          + "\"Tag\":[{\"name\":\"tlp:green\"},{\"name\":\"x\"}],\"Attribute\":["
          + "{\"uuid\":\"a1\",\"type\":\"ip-dst|port\",\"value\":\"198.51.100.7|443\","
          + "\"to_ids\":true,\"timestamp\":\"1700000000\",\"distribution\":\"5\"},"
          + "{\"uuid\":\"a2\",\"type\":\"domain\",\"value\":\"evil.example\","
          + "\"first_seen\":\"2023-01-02T03:04:05Z\"}],"
          + "\"Object\":[{\"name\":\"file\",\"distribution\":\"0\",\"Attribute\":["
          + "{\"type\":\"filename|md5\",\"value\":\"a.exe|d41d8cd98f00b204e9800998ecf8427e\"}]}]}}";

  @Provide
  Arbitrary<String> mutatedEvent() {
    Arbitrary<Integer> pos = Arbitraries.integers().between(0, EVENT.length());
    Arbitrary<Integer> len = Arbitraries.integers().between(0, 12);
    Arbitrary<String> insert =
        Arbitraries.oneOf(
            Arbitraries.of("{", "}", "[", "]", ",", ":", "\"", "\\", "null", "\"|\"", "\\u0000"),
            Arbitraries.strings().ofMaxLength(4));
    Arbitrary<String> oneMutation =
        Combinators.combine(pos, len, insert)
            .as((p, l, ins) -> p + "/" + l + "/" + ins)
            .map(s -> s);
    return oneMutation
        .list()
        .ofMinSize(1)
        .ofMaxSize(4)
        .map(
            muts -> {
              String s = EVENT;
              for (String m : muts) {
                String[] parts = m.split("/", 3);
                int p = Math.min(Integer.parseInt(parts[0]), s.length());
                int l = Math.min(Integer.parseInt(parts[1]), s.length() - p);
                s = s.substring(0, p) + parts[2] + s.substring(p + l);
              }
              return s;
            });
  }
}
