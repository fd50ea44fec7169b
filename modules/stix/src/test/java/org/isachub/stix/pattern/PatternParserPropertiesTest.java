package org.isachub.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

class PatternParserPropertiesTest {

  private static final List<String> SEEDS =
      List.of(
          "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
          "([file:hashes.MD5 = '79054025255fb1a26e4bc422aef54eb4'] FOLLOWEDBY [windows-registry-key:key = 'HKEY_LOCAL_MACHINE\\\\foo\\\\bar']) WITHIN 300 SECONDS",
          "[network-traffic:dst_ref.type = 'domain-name' AND network-traffic:dst_ref.value = 'example.com'] REPEATS 5 TIMES WITHIN 1800 SECONDS",
          "[file:mime_type = 'image/bmp' AND file:magic_number_hex = h'ffd8'] START t'2016-06-01T01:30:00.123Z' STOP t'2016-06-01T02:20:00.123Z'",
          "[x-a:b IN (1, 2.5, true, b'AAE=', t'2016-06-01T01:30:00Z')] OR [EXISTS file:name]");

  @Property(tries = 2000)
  void shouldOnlyEverThrowPatternExceptionOnArbitraryText(@ForAll("noise") String text) {
    try {
      PatternParser.parse(text);
    } catch (PatternException e) {
      assertThat(e.line()).isPositive();
      assertThat(e.column()).isPositive();
      assertThat(e.code()).isNotBlank();
    }
  }

  @Property(tries = 3000)
  void shouldOnlyEverThrowPatternExceptionOnMutatedValidPatterns(
      @ForAll("seeds") String seed, @ForAll long randomSeed) {
    Random r = new Random(randomSeed);
    StringBuilder b = new StringBuilder(seed);
    int edits = 1 + r.nextInt(4);
    String alphabet = "[]()'=!<>:.,*-+ \n\\tbhANDORxyz0123456789";
    for (int i = 0; i < edits && b.length() > 0; i++) {
      int at = r.nextInt(b.length());
      switch (r.nextInt(3)) {
        case 0 -> b.deleteCharAt(at);
        case 1 -> b.insert(at, alphabet.charAt(r.nextInt(alphabet.length())));
        default -> b.setCharAt(at, alphabet.charAt(r.nextInt(alphabet.length())));
      }
    }
    try {
      Pattern p = PatternParser.parse(b.toString());
      String normal = Patterns.normalise(p);
      assertThat(Patterns.normalise(PatternParser.parse(normal))).isEqualTo(normal);
    } catch (PatternException e) {
      assertThat(e.reason()).isNotBlank();
    }
  }

  @Property(tries = 500)
  void shouldGiveOneNormalFormForAnyOperandOrderAndSpacing(
      @ForAll("comparisons") List<String> comparisons, @ForAll long shuffleSeed)
      throws PatternException {
    List<String> shuffled = new ArrayList<>(comparisons);
    Collections.shuffle(shuffled, new Random(shuffleSeed));
    String a = "[" + String.join(" OR ", comparisons) + "] AND [file:size > 3]";
    String b = "[file:size   >   3]\tAND\n[ " + String.join("  OR ", shuffled) + " ]";
    assertThat(Patterns.normalise(PatternParser.parse(b)))
        .isEqualTo(Patterns.normalise(PatternParser.parse(a)));
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(80),
        Arbitraries.strings()
            .withChars("[]()'=!<>:.,*-+ tbhANDORFOLWEBYINSTQ0123456789\\")
            .ofMaxLength(80));
  }

  @Provide
  Arbitrary<String> seeds() {
    return Arbitraries.of(SEEDS);
  }

  @Provide
  Arbitrary<List<String>> comparisons() {
    Arbitrary<String> name =
        Arbitraries.strings().withCharRange('a', 'e').ofMinLength(1).ofMaxLength(4);
    Arbitrary<String> comparison =
        Combinators.combine(Arbitraries.of("file:name", "file:'name'", "x-a:b"), name)
            .as((path, value) -> path + " = '" + value + "'");
    return comparison.list().ofMinSize(2).ofMaxSize(6);
  }
}
