package org.isachub.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class PatternParserTest {

  private static ObservationExpression parse(String text) throws PatternException {
    return PatternParser.parse(text).expression();
  }

  private static PatternException reject(String text) {
    PatternException e =
        catchThrowableOfType(PatternException.class, () -> PatternParser.parse(text));
    assertThat(e).as("expected %s to be rejected", text).isNotNull();
    return e;
  }

  private static ObjectPath path(String type, PathStep... steps) {
    return new ObjectPath(type, List.of(steps));
  }

  private static PropertyStep prop(String name) {
    return new PropertyStep(name);
  }

  @Test
  void shouldBuildTreeForSingleComparison() throws PatternException {
    assertThat(parse("[ipv4-addr:value = '198.51.100.7']"))
        .isEqualTo(
            new Observation(
                new Comparison(
                    path("ipv4-addr", prop("value")),
                    false,
                    ComparisonOperator.EQUAL,
                    new StringConstant("198.51.100.7"))));
  }

  @Test
  void shouldBindComparisonAndTighterThanOr() throws PatternException {
    Observation o = (Observation) parse("[x-a:x = 1 OR x-c:y = 2 AND x-c:z = 3]");
    ComparisonOr or = (ComparisonOr) o.comparison();
    assertThat(or.operands()).hasSize(2);
    assertThat(or.operands().get(1)).isInstanceOf(ComparisonAnd.class);
  }

  @Test
  void shouldBindObservationAndTighterThanOrAndOrTighterThanFollowedBy() throws PatternException {
    ObservationExpression e =
        parse(
            "[file:name = 'a'] OR [file:name = 'b'] AND [file:name = 'c'] FOLLOWEDBY [file:name = 'd']");
    FollowedBy f = (FollowedBy) e;
    assertThat(f.operands()).hasSize(2);
    ObservationOr or = (ObservationOr) f.operands().get(0);
    assertThat(or.operands().get(1)).isInstanceOf(ObservationAnd.class);
  }

  @Test
  void shouldApplyQualifierOnlyToThePrecedingObservation() throws PatternException {
    FollowedBy f =
        (FollowedBy) parse("[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] WITHIN 300 SECONDS");
    assertThat(f.operands().get(0)).isInstanceOf(Observation.class);
    QualifiedObservation q = (QualifiedObservation) f.operands().get(1);
    assertThat(q.qualifier()).isEqualTo(new WithinQualifier(new BigDecimal("300")));
  }

  @Test
  void shouldNestSeveralQualifiersInWrittenOrder() throws PatternException {
    QualifiedObservation outer =
        (QualifiedObservation)
            parse(
                "[file:name = 'a'] REPEATS 5 TIMES WITHIN 1800 SECONDS START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00Z'");
    assertThat(outer.qualifier()).isInstanceOf(StartStopQualifier.class);
    QualifiedObservation middle = (QualifiedObservation) outer.expression();
    assertThat(middle.qualifier()).isEqualTo(new WithinQualifier(new BigDecimal("1800.0")));
    QualifiedObservation inner = (QualifiedObservation) middle.expression();
    assertThat(inner.qualifier()).isEqualTo(new RepeatsQualifier(5));
  }

  @Test
  void shouldParseEveryOperatorWithNot() throws PatternException {
    String[] ops = {
      "=", "!=", "<>", ">", "<", ">=", "<=", "LIKE", "MATCHES", "ISSUBSET", "ISSUPERSET"
    };
    ComparisonOperator[] expected = {
      ComparisonOperator.EQUAL, ComparisonOperator.NOT_EQUAL, ComparisonOperator.NOT_EQUAL,
      ComparisonOperator.GREATER, ComparisonOperator.LESS, ComparisonOperator.GREATER_OR_EQUAL,
      ComparisonOperator.LESS_OR_EQUAL, ComparisonOperator.LIKE, ComparisonOperator.MATCHES,
      ComparisonOperator.IS_SUBSET, ComparisonOperator.IS_SUPERSET
    };
    for (int i = 0; i < ops.length; i++) {
      Comparison c =
          (Comparison)
              ((Observation) parse("[ipv4-addr:value NOT " + ops[i] + " '10.0.0.0/8']"))
                  .comparison();
      assertThat(c.negated()).isTrue();
      assertThat(c.operator()).isEqualTo(expected[i]);
    }
  }

  @Test
  void shouldParseEveryKindOfConstant() throws PatternException {
    Comparison c =
        (Comparison)
            ((Observation)
                    parse(
                        "[x-t:v IN ('it\\'s', -42, +7, 7.50, true, false, h'FFd8', b'AAE=',"
                            + " t'2016-06-01T01:30:00.1Z')]"))
                .comparison();
    assertThat(((SetConstant) c.value()).elements())
        .containsExactly(
            new StringConstant("it's"),
            new IntConstant(-42),
            new IntConstant(7),
            new FloatConstant(new BigDecimal("7.5")),
            new BoolConstant(true),
            new BoolConstant(false),
            new HexConstant("ffd8"),
            new BinaryConstant("AAE="),
            new TimestampConstant(Instant.parse("2016-06-01T01:30:00.100Z")));
  }

  @Test
  void shouldParsePathsWithQuotedStepsIndexesAndAnyIndex() throws PatternException {
    Comparison c =
        (Comparison)
            ((Observation)
                    parse("[file:extensions.'windows-pebinary-ext'.sections[*].entropy > 7.0]"))
                .comparison();
    assertThat(c.path())
        .isEqualTo(
            path(
                "file",
                prop("extensions"),
                prop("windows-pebinary-ext"),
                prop("sections"),
                new AnyIndexStep(),
                prop("entropy")));
    Comparison indexed =
        (Comparison)
            ((Observation) parse("[email-message:to_refs[2].value = 'a@b.org']")).comparison();
    assertThat(indexed.path().steps().get(1)).isEqualTo(new IndexStep(2));
  }

  @Test
  void shouldParseExists() throws PatternException {
    assertThat(parse("[EXISTS windows-registry-key:values]"))
        .isEqualTo(new Observation(new ExistsTest(path("windows-registry-key", prop("values")))));
  }

  @Test
  void shouldAcceptTheLegacyRegistryTypeNameAndCustomTypes() throws PatternException {
    assertThat(parse("[win-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo']"))
        .isInstanceOf(Observation.class);
    assertThat(parse("[x-usb-device:serial = '1']")).isInstanceOf(Observation.class);
  }

  @Test
  void shouldRejectUnknownObjectTypeAtItsPosition() {
    PatternException e = reject("[file:name = 'a' AND fiel:name = 'b']");
    assertThat(e.code()).isEqualTo(PatternException.UNKNOWN_OBJECT_TYPE);
    assertThat(e.column()).isEqualTo(22);
    assertThat(reject("[x:created = t'2024-01-15T12:00:00Z']").code())
        .isEqualTo(PatternException.UNKNOWN_OBJECT_TYPE);
    assertThat(reject("[File:name = 'a']").code()).isEqualTo(PatternException.UNKNOWN_OBJECT_TYPE);
    assertThat(reject("[x-Foo:name = 'a']").code()).isEqualTo(PatternException.UNKNOWN_OBJECT_TYPE);
  }

  @Test
  void shouldCheckHashFormatPerAlgorithm() throws PatternException {
    String[][] good = {
      {"MD5", "a".repeat(32)},
      {"'SHA-1'", "B".repeat(40)},
      {"'SHA-256'", "c".repeat(64)},
      {"'SHA-512'", "d".repeat(128)},
      {"'SHA3-256'", "e".repeat(64)},
      {"'SHA3-512'", "f".repeat(128)},
      {
        "SSDEEP",
        "96:s4Ud1Lj96tHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx:sF1LjEtHHlZDrwciQmA+4uy1I0G4HYuL8N3TzS8QsO/wqWXLcMSx"
      },
      {"TLSH", "T1" + "0".repeat(70)},
      {"sha256", "0".repeat(64)},
      {"'x-custom'", "anything"}
    };
    for (String[] g : good) {
      assertThat(parse("[file:hashes." + g[0] + " = '" + g[1] + "']"))
          .as(g[0])
          .isInstanceOf(Observation.class);
    }
    String[][] bad = {
      {"MD5", "a".repeat(31), "MD5 value must be 32 hex digits"},
      {"'SHA-1'", "g".repeat(40), "SHA-1 value must be 40 hex digits"},
      {"'SHA-256'", "f00", "SHA-256 value must be 64 hex digits"},
      {"'SHA-512'", "d".repeat(127), "SHA-512 value must be 128 hex digits"},
      {"'SHA3-256'", "e".repeat(65), "SHA3-256 value must be 64 hex digits"},
      {"SSDEEP", "5:abc:def", "SSDEEP block size must be 3 times a power of two"},
      {"SSDEEP", "nope", "SSDEEP value must be blocksize:hash:hash with base64 hash parts"},
      {
        "TLSH",
        "T2" + "0".repeat(70),
        "TLSH value must be 70 hex digits, optionally after a T1 prefix"
      },
    };
    for (String[] b : bad) {
      PatternException e = reject("[file:hashes." + b[0] + " = '" + b[1] + "']");
      assertThat(e.code()).as(b[0]).isEqualTo(PatternException.HASH_FORMAT);
      assertThat(e.reason()).isEqualTo(b[2]);
    }
    assertThat(reject("[artifact:hashes.MD5 IN ('" + "a".repeat(32) + "', 'short')]").column())
        .isEqualTo(62);
    assertThat(reject("[file:hashes.MD5 = 12]").reason()).isEqualTo("MD5 value must be a string");
    assertThat(parse("[file:hashes.MD5 MATCHES '^abc']")).isInstanceOf(Observation.class);
  }

  @Test
  void shouldRejectStopBeforeOrAtStart() {
    PatternException e =
        reject("[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-05-01T00:00:00Z'");
    assertThat(e.code()).isEqualTo(PatternException.START_STOP_ORDER);
    assertThat(e.column()).isEqualTo(54);
    assertThat(
            reject(
                    "[file:name = 'a'] START t'2016-06-01T00:00:00Z' STOP t'2016-06-01T00:00:00.000Z'")
                .code())
        .isEqualTo(PatternException.START_STOP_ORDER);
  }

  @Test
  void shouldRejectDuplicateQualifiersAcrossParentheses() {
    assertThat(reject("([file:name = 'a'] WITHIN 5 SECONDS) WITHIN 6 SECONDS").code())
        .isEqualTo(PatternException.DUPLICATE_QUALIFIER);
  }

  @Test
  void shouldReportSyntaxErrorsWithLineAndColumn() {
    PatternException e = reject("[file:name = 'a']\n  AND\n  [file:size => 3]");
    assertThat(e.code()).isEqualTo(PatternException.SYNTAX);
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.column()).isEqualTo(15);
    assertThat(e.getMessage())
        .isEqualTo("line 3, column 15: expected a constant after =, found '>'");
  }

  @Test
  void shouldExplainLowerCaseKeywordsAndUnquotedHyphens() {
    assertThat(reject("[file:name = 'a'] and [file:name = 'b']").reason())
        .contains("keywords are upper case: AND");
    assertThat(reject("[file:extensions.windows-pebinary-ext.x = 1]").reason())
        .contains("must be quoted");
  }

  @Test
  void shouldRejectMalformedLiterals() {
    assertThat(reject("[file:name = 'a\\d']").code()).isEqualTo(PatternException.BAD_STRING);
    assertThat(reject("[file:name = 'open").code()).isEqualTo(PatternException.SYNTAX);
    assertThat(reject("[file:magic_number_hex = h'fff']").code())
        .isEqualTo(PatternException.BAD_HEX);
    assertThat(reject("[artifact:payload_bin = b'AA=A']").code())
        .isEqualTo(PatternException.BAD_BINARY);
    assertThat(reject("[file:size = 99999999999999999999]").code())
        .isEqualTo(PatternException.BAD_NUMBER);
    assertThat(reject("[file:size = 007]").code()).isEqualTo(PatternException.SYNTAX);
    assertThat(reject("[file:created = t'2023-02-29T00:00:00Z']").reason())
        .isEqualTo("timestamp day 29 does not exist in 2023-02");
    assertThat(reject("[file:created = t'2024-02-29T00:00:00.1234567891Z']").code())
        .isEqualTo(PatternException.BAD_TIMESTAMP);
  }

  @Test
  void shouldRejectStructuralMistakes() {
    String[] bad = {
      "",
      "   ",
      "[]",
      "[file:name]",
      "[file:name = 'a'",
      "[file:name = 'a']]",
      "[file: = 'a']",
      "[file:name[-1] = 'a']",
      "[file:name IN 'a']",
      "[file:name IN ('a',)]",
      "[file:name LIKE 3]",
      "[file:name > true]",
      "[file:name = 'a'] REPEATS 0 TIMES",
      "[file:name = 'a'] REPEATS 1.5 TIMES",
      "[file:name = 'a'] START t'2016-06-01T00:00:00Z'",
      "([file:name = 'a']",
      "[file:name = 'a'] AND",
      "[AND:name = 'a']",
      "[file:''= 'a']"
    };
    for (String b : bad) {
      PatternException e = reject(b);
      assertThat(e.code()).as(b).isIn(PatternException.SYNTAX, PatternException.BAD_PATH);
    }
    assertThat(reject("[file:'' = 'a']").code()).isEqualTo(PatternException.BAD_PATH);
  }

  @Test
  void shouldEnforceLengthLimitAtTheFirstCharacterBeyondIt() {
    String text = "[file:name = '" + "a".repeat(100) + "']";
    PatternException e =
        catchThrowableOfType(
            PatternException.class, () -> PatternParser.parse(text, new PatternLimits(50, 64)));
    assertThat(e.code()).isEqualTo(PatternException.TOO_LONG);
    assertThat(e.column()).isEqualTo(51);
    assertThat(reject("[file:name = '" + "a".repeat(64 * 1024) + "']").code())
        .isEqualTo(PatternException.TOO_LONG);
  }

  @Test
  void shouldEnforceDepthLimit() throws PatternException {
    String ok = "(".repeat(63) + "[file:name = 'a']" + ")".repeat(63);
    assertThat(parse(ok)).isInstanceOf(Observation.class);
    String deep = "(".repeat(64) + "[file:name = 'a']" + ")".repeat(64);
    PatternException e = reject(deep);
    assertThat(e.code()).isEqualTo(PatternException.TOO_DEEP);
    assertThat(e.column()).isEqualTo(65);
    String deepComparison = "[" + "(".repeat(64) + "file:name = 'a'" + ")".repeat(64) + "]";
    assertThat(reject(deepComparison).code()).isEqualTo(PatternException.TOO_DEEP);
  }

  @Test
  void shouldParseLongFlatChainsWithoutDeepRecursion() throws PatternException {
    StringBuilder b = new StringBuilder("[file:name = 'x0'");
    for (int i = 1; i < 3000; i++) {
      b.append(" OR file:name = 'x").append(i).append('\'');
    }
    b.append(']');
    Pattern p = PatternParser.parse(b.toString(), new PatternLimits(1 << 20, 64));
    ComparisonOr or = (ComparisonOr) ((Observation) p.expression()).comparison();
    assertThat(or.operands()).hasSize(3000);
  }
}
