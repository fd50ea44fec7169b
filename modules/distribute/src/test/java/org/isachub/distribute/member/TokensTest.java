package org.isachub.distribute.member;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import org.isachub.wire.avro.TokenHash;
import org.junit.jupiter.api.Test;

class TokensTest {

  private static final Instant NOW = Instant.parse("2026-11-03T07:00:00Z");

  @Test
  void shouldIssueUrlSafeTokensWithThePrefixAndTwoHundredFiftySixRandomBits() {
    Tokens.Issued issued = Tokens.issue(NOW, null);
    String token = issued.token();
    assertThat(token).startsWith(Tokens.PREFIX).hasSize(Tokens.PREFIX.length() + 43);
    assertThat(token.substring(Tokens.PREFIX.length())).matches("[A-Za-z0-9_-]+");
    byte[] random = Base64.getUrlDecoder().decode(token.substring(Tokens.PREFIX.length()));
    assertThat(random).hasSize(32);
    assertThat(Tokens.looksLikeToken(token)).isTrue();
  }

  @Test
  void shouldNeverIssueTheSameTokenOrTokenIdTwice() {
    Set<String> tokens = new HashSet<>();
    Set<String> ids = new HashSet<>();
    for (int i = 0; i < 10_000; i++) {
      Tokens.Issued issued = Tokens.issue(NOW, null);
      assertThat(tokens.add(issued.token())).isTrue();
      assertThat(ids.add(issued.hash().getTokenId())).isTrue();
    }
  }

  @Test
  void shouldSpreadTokenBitsEvenly() {
    // Over 2,000 tokens each of the 256 bit positions should be set about half the time.
    int samples = 2_000;
    int[] ones = new int[256];
    for (int i = 0; i < samples; i++) {
      byte[] random =
          Base64.getUrlDecoder()
              .decode(Tokens.issue(NOW, null).token().substring(Tokens.PREFIX.length()));
      for (int bit = 0; bit < 256; bit++) {
        if ((random[bit / 8] >> (bit % 8) & 1) == 1) {
          ones[bit]++;
        }
      }
    }
    for (int bit = 0; bit < 256; bit++) {
      // Six standard deviations (sqrt(2000)/2 ~ 22) around 1000.
      assertThat(ones[bit]).as("bit %d", bit).isBetween(866, 1134);
    }
  }

  @Test
  void shouldStoreOnlyTheSha256HexOfTheToken() {
    Tokens.Issued issued = Tokens.issue(NOW, null);
    TokenHash hash = issued.hash();
    assertThat(hash.getAlgorithm()).isEqualTo("sha256");
    assertThat(hash.getHash()).matches("[0-9a-f]{64}").isEqualTo(Tokens.hash(issued.token()));
    assertThat(hash.toString()).doesNotContain(issued.token());
    assertThat(issued.toString()).doesNotContain(issued.token());
    // Known answer: SHA-256 of "abc".
    assertThat(Tokens.hash("abc"))
        .isEqualTo("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  }

  @Test
  void shouldAcceptTheTokenAndRefuseAnyOther() {
    Tokens.Issued issued = Tokens.issue(NOW, null);
    assertThat(Tokens.check(issued.token(), issued.hash(), NOW)).isEqualTo(Tokens.Check.VALID);
    String flipped =
        issued.token().substring(0, issued.token().length() - 1)
            + (issued.token().endsWith("A") ? "B" : "A");
    assertThat(Tokens.check(flipped, issued.hash(), NOW)).isEqualTo(Tokens.Check.NO_MATCH);
    assertThat(Tokens.check("", issued.hash(), NOW)).isEqualTo(Tokens.Check.NO_MATCH);
  }

  @Test
  void shouldRefuseARevokedTokenFromTheMomentOfRevocation() {
    Tokens.Issued issued = Tokens.issue(NOW, null);
    TokenHash revoked =
        TokenHash.newBuilder(issued.hash()).setRevokedAt(NOW.plusSeconds(60)).build();
    assertThat(Tokens.check(issued.token(), revoked, NOW.plusSeconds(59)))
        .isEqualTo(Tokens.Check.VALID);
    assertThat(Tokens.check(issued.token(), revoked, NOW.plusSeconds(60)))
        .isEqualTo(Tokens.Check.REVOKED);
  }

  @Test
  void shouldRefuseAnExpiredToken() {
    Tokens.Issued issued = Tokens.issue(NOW, NOW.plus(Duration.ofDays(1)));
    assertThat(Tokens.check(issued.token(), issued.hash(), NOW.plus(Duration.ofHours(23))))
        .isEqualTo(Tokens.Check.VALID);
    assertThat(Tokens.check(issued.token(), issued.hash(), NOW.plus(Duration.ofDays(1))))
        .isEqualTo(Tokens.Check.EXPIRED);
  }

  @Test
  void shouldRefuseAHashOfAnotherAlgorithmOrAMalformedHash() {
    Tokens.Issued issued = Tokens.issue(NOW, null);
    TokenHash md5 = TokenHash.newBuilder(issued.hash()).setAlgorithm("md5").build();
    TokenHash garbage = TokenHash.newBuilder(issued.hash()).setHash("not hex").build();
    assertThat(Tokens.check(issued.token(), md5, NOW)).isEqualTo(Tokens.Check.NO_MATCH);
    assertThat(Tokens.check(issued.token(), garbage, NOW)).isEqualTo(Tokens.Check.NO_MATCH);
  }

  @Test
  void shouldTellTokenShapedStringsFromOthers() {
    assertThat(Tokens.looksLikeToken("isac_" + "a".repeat(43))).isTrue();
    assertThat(Tokens.looksLikeToken("isac_" + "a".repeat(42))).isFalse();
    assertThat(Tokens.looksLikeToken("isac_" + "a".repeat(42) + "+")).isFalse();
    assertThat(Tokens.looksLikeToken("Bearer isac_" + "a".repeat(43))).isFalse();
    assertThat(Tokens.looksLikeToken("")).isFalse();
  }

  @Test
  void shouldMapEveryKindToItsRole() {
    assertThat(Roles.of(org.isachub.wire.avro.MemberKind.ADMIN)).isEqualTo(Role.ADMIN);
    assertThat(Roles.of(org.isachub.wire.avro.MemberKind.ANALYST)).isEqualTo(Role.ANALYST);
    assertThat(Roles.of(org.isachub.wire.avro.MemberKind.STATE)).isEqualTo(Role.MEMBER);
    assertThat(Roles.of(org.isachub.wire.avro.MemberKind.LOCAL)).isEqualTo(Role.MEMBER);
    assertThat(Roles.of(org.isachub.wire.avro.MemberKind.VENDOR)).isEqualTo(Role.VENDOR);
    assertThat(Role.MEMBER.wireName()).isEqualTo("member");
  }
}
