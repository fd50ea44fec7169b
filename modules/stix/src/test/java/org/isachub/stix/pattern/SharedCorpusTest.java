package org.isachub.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The shared corpora: every valid pattern parses, every invalid one fails with its own code. */
class SharedCorpusTest {

  /** Every line of invalid.txt with the code it must be rejected with. */
  private static final Map<String, String> INVALID = new LinkedHashMap<>();

  static {
    String syntax = PatternException.SYNTAX;
    String ts = PatternException.BAD_TIMESTAMP;
    String dup = PatternException.DUPLICATE_QUALIFIER;
    String key = "[win-registry-key:key = 'hkey_local_machine\\\\foo\\\\bar']";
    INVALID.put("file:size = 1280", syntax);
    INVALID.put("[file:size = ]", syntax);
    INVALID.put("[file:hashes.MD5 = cead3f77f6cda6ec00f57d76c9a6879f]", syntax);
    INVALID.put("[file.size = 1280]", syntax);
    INVALID.put("[file:name MATCHES /.*\\.dll/]", syntax);
    INVALID.put(key + " WITHIN ]", syntax);
    INVALID.put(key + " WITHIN 5 HOURS]", syntax);
    INVALID.put(key + " WITHIN -5 SECONDS]", syntax);
    INVALID.put("[network-traffic:dst_ref.value ISSUBSET ]", syntax);
    INVALID.put("[file:hashes.MD5 =? 'cead3f77f6cda6ec00f57d76c9a6879f']", syntax);
    // Literals are checked before the grammar, so the impossible timestamp wins over '=='.
    INVALID.put("[x_whatever:detected == t'2457-73-22T32:81:84.1Z']", ts);
    INVALID.put("[artifact:payload_bin = b'====']", PatternException.BAD_BINARY);
    INVALID.put("[foo:bar=1] within 2 seconds", syntax);
    INVALID.put("[file:hashes.'SHA-256' = 'f00']", PatternException.HASH_FORMAT);
    INVALID.put(key + " WITHIN 5 SECONDS WITHIN 6 SECONDS", dup);
    INVALID.put("(" + key + " REPEATS 2 TIMES REPEATS 3 TIMES)", dup);
    String startStop = " START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'";
    INVALID.put(key + startStop + startStop, dup);
    for (String t :
        List.of(
            "2024-13-01T12:00:00Z",
            "2024-00-01T12:00:00Z",
            "2024-01-32T12:00:00Z",
            "2024-01-00T12:00:00Z",
            "2024-01-15T25:00:00Z",
            "2024-01-15T12:60:00Z",
            "2024-01-15T12:30:61Z",
            "2024-01-15T12:30:45",
            "not-a-timestamp",
            "2024/01/15T12:30:45Z")) {
      INVALID.put("[x:created = t'" + t + "']", ts);
    }
  }

  @Test
  void shouldParseEverySpecificationExample() throws IOException {
    assertAllParse(SharedPatternCorpus.lines("valid-spec-examples.txt"), 23);
  }

  @Test
  void shouldParseEveryPatternFromTheExampleDatasets() throws IOException {
    assertAllParse(SharedPatternCorpus.lines("valid-from-datasets.txt"), 50);
  }

  @Test
  void shouldListEveryInvalidPatternWithItsExpectedCode() throws IOException {
    assertThat(SharedPatternCorpus.lines("invalid.txt"))
        .containsExactlyElementsOf(INVALID.keySet());
  }

  @Test
  void shouldRejectEveryInvalidPatternWithItsSpecificCode() throws IOException {
    List<String> mismatches = new ArrayList<>();
    for (String line : SharedPatternCorpus.lines("invalid.txt")) {
      PatternException e =
          catchThrowableOfType(PatternException.class, () -> PatternParser.parse(line));
      if (e == null) {
        mismatches.add("accepted: " + line);
      } else if (!e.code().equals(INVALID.get(line))) {
        mismatches.add(
            e.code() + " instead of " + INVALID.get(line) + ": " + line + " -> " + e.getMessage());
      } else {
        assertThat(e.reason()).isNotBlank();
        assertThat(e.line()).isEqualTo(1);
        assertThat(e.column()).isBetween(1, line.length() + 1);
      }
    }
    assertThat(mismatches).isEmpty();
  }

  @Test
  void shouldNormaliseEveryValidPatternToATextThatParsesToTheSameNormalForm() throws IOException {
    List<String> all = new ArrayList<>(SharedPatternCorpus.lines("valid-spec-examples.txt"));
    all.addAll(SharedPatternCorpus.lines("valid-from-datasets.txt"));
    for (String line : all) {
      try {
        String normal = Patterns.normalise(PatternParser.parse(line));
        assertThat(Patterns.normalise(PatternParser.parse(normal))).as(line).isEqualTo(normal);
      } catch (PatternException e) {
        throw new AssertionError(line + " -> " + e.getMessage(), e);
      }
    }
  }

  private static void assertAllParse(List<String> lines, int expectedCount) {
    assertThat(lines).hasSize(expectedCount);
    List<String> failures = new ArrayList<>();
    for (String line : lines) {
      try {
        assertThat(PatternParser.parse(line).expression()).isNotNull();
      } catch (PatternException e) {
        failures.add(line + " -> " + e.code() + ": " + e.getMessage());
      }
    }
    assertThat(failures).isEmpty();
  }
}
