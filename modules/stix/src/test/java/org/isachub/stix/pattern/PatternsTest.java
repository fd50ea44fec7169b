package org.isachub.stix.pattern;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PatternsTest {

  private static String normal(String text) throws PatternException {
    return Patterns.normalise(PatternParser.parse(text));
  }

  @Test
  void shouldWriteSingleSpacesAndNoPaddingInsideBrackets() throws PatternException {
    assertThat(normal("[  ipv4-addr:value='10.0.0.0'\n]"))
        .isEqualTo("[ipv4-addr:value = '10.0.0.0']");
  }

  @Test
  void shouldSortOperandsOfCommutativeOperatorsAtBothLevels() throws PatternException {
    assertThat(normal("[file:name = 'b' OR file:name = 'a']"))
        .isEqualTo(normal("[file:name = 'a' OR file:name = 'b']"));
    assertThat(normal("[file:name = 'b'] AND [file:name = 'a']"))
        .isEqualTo("[file:name = 'a'] AND [file:name = 'b']");
    assertThat(normal("[file:size = 1 AND (file:name = 'b' OR file:name = 'a')]"))
        .isEqualTo("[(file:name = 'a' OR file:name = 'b') AND file:size = 1]");
  }

  @Test
  void shouldFlattenNestedGroupsOfTheSameOperator() throws PatternException {
    assertThat(normal("[file:name = 'c' OR (file:name = 'a' OR file:name = 'b')]"))
        .isEqualTo("[file:name = 'a' OR file:name = 'b' OR file:name = 'c']");
    assertThat(
            normal("([file:name = 'a'] FOLLOWEDBY [file:name = 'b']) FOLLOWEDBY [file:name = 'c']"))
        .isEqualTo(
            normal("[file:name = 'a'] FOLLOWEDBY [file:name = 'b'] FOLLOWEDBY [file:name = 'c']"));
  }

  @Test
  void shouldKeepTheOrderOfFollowedByAndItsRightGrouping() throws PatternException {
    assertThat(normal("[file:name = 'b'] FOLLOWEDBY [file:name = 'a']"))
        .isNotEqualTo(normal("[file:name = 'a'] FOLLOWEDBY [file:name = 'b']"));
    assertThat(
            normal("[file:name = 'a'] FOLLOWEDBY ([file:name = 'b'] FOLLOWEDBY [file:name = 'c'])"))
        .isEqualTo("[file:name = 'a'] FOLLOWEDBY ([file:name = 'b'] FOLLOWEDBY [file:name = 'c'])");
  }

  @Test
  void shouldKeepGroupsThatChangeMeaning() throws PatternException {
    String grouped = normal("([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c']");
    assertThat(grouped).isEqualTo("([file:name = 'a'] OR [file:name = 'b']) AND [file:name = 'c']");
    assertThat(grouped)
        .isNotEqualTo(normal("[file:name = 'a'] OR [file:name = 'b'] AND [file:name = 'c']"));
    assertThat(normal("([file:name = 'a'] AND [file:name = 'b']) WITHIN 5 SECONDS"))
        .isEqualTo("([file:name = 'a'] AND [file:name = 'b']) WITHIN 5 SECONDS");
  }

  @Test
  void shouldNormaliseQuotingHashNamesAndHashCase() throws PatternException {
    String hex = "AEC070645FE53EE3B3763059376134F058CC337247C978ADD178B6CCDFB0019F";
    assertThat(normal("[file:hashes.sha256 = '" + hex + "']"))
        .isEqualTo("[file:hashes.'SHA-256' = '" + hex.toLowerCase() + "']");
    assertThat(normal("[file:'name' = 'a']")).isEqualTo("[file:name = 'a']");
    assertThat(normal("[win-registry-key:key = 'k']"))
        .isEqualTo("[windows-registry-key:key = 'k']");
  }

  @Test
  void shouldWriteNumbersTimestampsAndSetsInOneSpelling() throws PatternException {
    assertThat(normal("[file:size = +10 AND x-a:f > 7.00] WITHIN 300.0 SECONDS"))
        .isEqualTo("[file:size = 10 AND x-a:f > 7.0] WITHIN 300 SECONDS");
    assertThat(normal("[file:created = t'2014-01-13T07:03:17.000Z']"))
        .isEqualTo("[file:created = t'2014-01-13T07:03:17Z']");
    assertThat(normal("[file:name IN ('b', 'a', 'b')]")).isEqualTo("[file:name IN ('a', 'b')]");
    assertThat(normal("[file:magic_number_hex = h'FFD8']"))
        .isEqualTo("[file:magic_number_hex = h'ffd8']");
  }

  @Test
  void shouldEscapeQuotesAndBackslashesSoTheTextParsesBack() throws PatternException {
    String n = normal("[file:name = 'it\\'s C:\\\\x']");
    assertThat(n).isEqualTo("[file:name = 'it\\'s C:\\\\x']");
    assertThat(normal(n)).isEqualTo(n);
  }

  @Test
  void shouldTellDifferentPatternsApart() throws PatternException {
    assertThat(normal("[file:name = 'a']")).isNotEqualTo(normal("[file:name = 'A']"));
    assertThat(normal("[file:name = 'a']")).isNotEqualTo(normal("[file:name NOT = 'a']"));
    assertThat(normal("[file:name = 'a'] REPEATS 2 TIMES"))
        .isNotEqualTo(normal("[file:name = 'a']"));
  }

  @Test
  void shouldFindHashAlgorithmAtTheEndOfNestedPaths() throws PatternException {
    Comparison c =
        (Comparison)
            ((Observation)
                    PatternParser.parse(
                            "[file:extensions.'ntfs-ext'.alternate_data_streams[0].hashes.'sha-1' = '"
                                + "a".repeat(40)
                                + "']")
                        .expression())
                .comparison();
    assertThat(Patterns.hashAlgorithm(c.path())).contains(HashAlgorithm.SHA1);
  }
}
