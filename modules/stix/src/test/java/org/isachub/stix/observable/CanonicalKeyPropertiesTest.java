package org.isachub.stix.observable;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import org.isachub.stix.pattern.PatternParser;

/** Spelling variants of one observable give one key; different observables never share one. */
class CanonicalKeyPropertiesTest {

  private final Canonicalizer canonicalizer = new Canonicalizer();

  // ---- IPv4

  @Property
  void shouldGiveOneKeyForEverySpellingOfAnIpv4Host(
      @ForAll @Size(4) List<@net.jqwik.api.constraints.IntRange(max = 255) Integer> octets,
      @ForAll long seed)
      throws ObservableException {
    Random r = new Random(seed);
    String plain = join(octets, ".", o -> Integer.toString(o));
    String padded = join(octets, ".", o -> String.format("%03d", o));
    List<String> variants =
        List.of(
            plain,
            plain + "/32",
            padded,
            plain.replace(".", "[.]"),
            " " + plain + "\t",
            randomDefang(plain, r));
    ObservableKey expected = new ObservableKey("ipv4-addr", plain);
    for (String v : variants) {
      assertThat(canonicalizer.canonical("ipv4-addr", v)).as(v).isEqualTo(expected);
      assertThat(canonicalizer.detect(v)).as(v).isEqualTo(expected);
    }
  }

  @Property
  void shouldGiveOneKeyForEveryHostInsideANetwork(
      @ForAll int address,
      @ForAll @net.jqwik.api.constraints.IntRange(min = 1, max = 31) int prefix)
      throws ObservableException {
    int mask = -1 << (32 - prefix);
    ObservableKey a = canonicalizer.canonical("ipv4-addr", ipv4(address) + "/" + prefix);
    ObservableKey b = canonicalizer.canonical("ipv4-addr", ipv4(address & mask) + "/" + prefix);
    assertThat(a).isEqualTo(b);
    assertThat(a.value()).isEqualTo(ipv4(address & mask) + "/" + prefix);
  }

  @Property
  void shouldNeverGiveTwoIpv4AddressesOneKey(@ForAll int a, @ForAll int b)
      throws ObservableException {
    Assume.that(a != b);
    assertThat(canonicalizer.canonical("ipv4-addr", ipv4(a)))
        .isNotEqualTo(canonicalizer.canonical("ipv4-addr", ipv4(b)));
    assertThat(canonicalizer.canonical("ipv4-addr", ipv4(a)))
        .isNotEqualTo(canonicalizer.canonical("ipv4-addr", ipv4(a) + "/24"));
  }

  // ---- IPv6

  @Property
  void shouldGiveOneKeyForEverySpellingOfAnIpv6Host(@ForAll("ipv6Groups") int[] groups)
      throws ObservableException {
    String full = join(groups, ":", g -> String.format("%04x", g));
    List<String> variants =
        new ArrayList<>(
            List.of(
                full,
                full.toUpperCase(Locale.ROOT),
                join(groups, ":", Integer::toHexString),
                full + "/128",
                compressLongestZeroRun(groups)));
    ObservableKey expected = canonicalizer.canonical("ipv6-addr", full);
    for (String v : variants) {
      assertThat(canonicalizer.canonical("ipv6-addr", v)).as(v).isEqualTo(expected);
    }
    // The key itself is RFC 5952 text: lower case, no leading zeros, no run of one zero group
    // compressed, at most one "::".
    String key = expected.value();
    assertThat(key).isEqualTo(key.toLowerCase(Locale.ROOT));
    assertThat(key.split("::", -1).length).isLessThanOrEqualTo(2);
    assertThat(key).doesNotContainPattern("(^|:)0[0-9a-f]");
  }

  @Property
  void shouldNeverGiveTwoIpv6AddressesOneKey(
      @ForAll("ipv6Groups") int[] a, @ForAll("ipv6Groups") int[] b) throws ObservableException {
    Assume.that(!java.util.Arrays.equals(a, b));
    assertThat(canonicalizer.canonical("ipv6-addr", join(a, ":", Integer::toHexString)))
        .isNotEqualTo(canonicalizer.canonical("ipv6-addr", join(b, ":", Integer::toHexString)));
  }

  // ---- domains

  @Property
  void shouldGiveOneKeyForEverySpellingOfADomain(
      @ForAll("domains") String domain, @ForAll long seed) throws ObservableException {
    Random r = new Random(seed);
    List<String> variants =
        List.of(
            domain,
            randomCase(domain, r),
            domain + ".",
            domain.replace(".", "[.]"),
            randomDefang(domain, r),
            randomCase(domain, r) + ".");
    ObservableKey expected = new ObservableKey("domain-name", domain);
    for (String v : variants) {
      assertThat(canonicalizer.canonical("domain-name", v)).as(v).isEqualTo(expected);
      assertThat(canonicalizer.detect(v)).as(v).isEqualTo(expected);
    }
  }

  @Property
  void shouldNeverGiveTwoDomainsOneKey(@ForAll("domains") String a, @ForAll("domains") String b)
      throws ObservableException {
    Assume.that(!a.equals(b));
    assertThat(canonicalizer.canonical("domain-name", a))
        .isNotEqualTo(canonicalizer.canonical("domain-name", b));
  }

  // ---- URLs

  @Property
  void shouldGiveOneKeyForEverySpellingOfAUrl(
      @ForAll("domains") String host,
      @ForAll("pathSegments") List<String> segments,
      @ForAll boolean https,
      @ForAll long seed)
      throws ObservableException {
    Random r = new Random(seed);
    String scheme = https ? "https" : "http";
    String path = "/" + String.join("/", segments);
    String plain = scheme + "://" + host + path;
    List<String> variants =
        List.of(
            plain,
            scheme.toUpperCase(Locale.ROOT) + "://" + randomCase(host, r) + path,
            scheme + "://" + host + (https ? ":443" : ":80") + path,
            scheme + "://" + host + "." + path,
            scheme + "://" + host + percentEncodeSome(path, r),
            plain + "#section-" + r.nextInt(100),
            plain.replaceFirst("^http", "hxxp").replace(".", "[.]"),
            scheme + "[://]" + host.replace(".", "(.)") + path,
            scheme + "://" + host + "/./" + path.substring(1));
    ObservableKey expected = new ObservableKey("url", plain);
    for (String v : variants) {
      assertThat(canonicalizer.canonical("url", v)).as(v).isEqualTo(expected);
      assertThat(canonicalizer.detect(v)).as(v).isEqualTo(expected);
    }
  }

  @Property
  void shouldNeverGiveTwoUrlsOneKey(
      @ForAll("domains") String host,
      @ForAll("pathSegments") List<String> a,
      @ForAll("pathSegments") List<String> b)
      throws ObservableException {
    Assume.that(!a.equals(b));
    assertThat(canonicalizer.canonical("url", "http://" + host + "/" + String.join("/", a)))
        .isNotEqualTo(canonicalizer.canonical("url", "http://" + host + "/" + String.join("/", b)));
    assertThat(canonicalizer.canonical("url", "http://" + host + "/"))
        .isNotEqualTo(canonicalizer.canonical("url", "https://" + host + "/"));
    assertThat(canonicalizer.canonical("url", "http://" + host + "/"))
        .isNotEqualTo(canonicalizer.canonical("url", "http://" + host + ":8080/"));
  }

  // ---- hashes, MAC addresses

  @Property
  void shouldGiveOneKeyPerHashWhateverItsCaseOrAlgorithmSpelling(
      @ForAll @Size(32) byte[] digest, @ForAll long seed) throws ObservableException {
    Random r = new Random(seed);
    String hex = HexFormat.of().formatHex(digest);
    ObservableKey expected = new ObservableKey("file", "sha256:" + hex);
    for (String[] v :
        new String[][] {
          {"file", hex},
          {"file", hex.toUpperCase(Locale.ROOT)},
          {"sha256", randomCase(hex, r)},
          {"SHA-256", hex},
          {"file", "SHA_256:" + hex}
        }) {
      assertThat(canonicalizer.canonical(v[0], v[1])).as(v[0] + " " + v[1]).isEqualTo(expected);
    }
    ObservableKey sha3 = canonicalizer.canonical("sha3-256", hex);
    assertThat(sha3).isNotEqualTo(expected);
  }

  @Property
  void shouldGiveOneKeyForEverySpellingOfAMacAddress(@ForAll @Size(6) byte[] mac)
      throws ObservableException {
    String hex = HexFormat.of().formatHex(mac);
    String colon = HexFormat.ofDelimiter(":").formatHex(mac);
    String dash = HexFormat.ofDelimiter("-").withUpperCase().formatHex(mac);
    String dotted = hex.substring(0, 4) + "." + hex.substring(4, 8) + "." + hex.substring(8);
    ObservableKey expected = new ObservableKey("mac-addr", colon);
    for (String v : List.of(colon, dash, dotted, hex, hex.toUpperCase(Locale.ROOT))) {
      assertThat(canonicalizer.canonical("mac-addr", v)).as(v).isEqualTo(expected);
    }
  }

  // ---- round trips and robustness

  @Property
  void shouldRoundTripKeysThroughTheirStringAndPatternForms(@ForAll("anyObservable") String raw)
      throws Exception {
    ObservableKey key = canonicalizer.detect(raw);
    assertThat(ObservableKey.parse(key.toString())).isEqualTo(key);
    assertThat(canonicalizer.fromPattern(PatternParser.parse(key.toPattern()))).isEqualTo(key);
  }

  @Property(tries = 3000)
  void shouldOnlyEverThrowObservableExceptionOnArbitraryInput(
      @ForAll("noise") String raw, @ForAll("types") String type) {
    try {
      canonicalizer.canonical(type, raw);
    } catch (ObservableException e) {
      assertThat(e.code()).isNotBlank();
    }
    try {
      ObservableKey k = canonicalizer.detect(raw);
      assertThat(ObservableKey.parse(k.toString())).isEqualTo(k);
    } catch (ObservableException e) {
      assertThat(e.reason()).isNotBlank();
    }
    try {
      ObservableKey.parse(type + ":" + raw);
    } catch (ObservableException e) {
      assertThat(e.code()).isEqualTo(ObservableException.BAD_KEY);
    }
  }

  // ---- generators

  @Provide
  Arbitrary<int[]> ipv6Groups() {
    Arbitrary<Integer> group =
        Arbitraries.frequencyOf(
            net.jqwik.api.Tuple.of(3, Arbitraries.just(0)),
            net.jqwik.api.Tuple.of(2, Arbitraries.integers().between(0, 0xffff)));
    return group
        .array(int[].class)
        .ofSize(8)
        // IPv4-mapped addresses are written in mixed notation, which the variants do not cover.
        .filter(
            g ->
                !(g[0] == 0 && g[1] == 0 && g[2] == 0 && g[3] == 0 && g[4] == 0 && g[5] == 0xffff));
  }

  @Provide
  Arbitrary<String> domains() {
    Arbitrary<String> label =
        Arbitraries.strings()
            .withCharRange('a', 'z')
            .numeric()
            .withChars('-')
            .ofMinLength(1)
            .ofMaxLength(12)
            .filter(
                l ->
                    !l.startsWith("-")
                        && !l.endsWith("-")
                        && !(l.length() > 3 && l.charAt(2) == '-' && l.charAt(3) == '-'));
    Arbitrary<String> tld = Arbitraries.of("org", "com", "net", "example", "info", "cn");
    return label
        .list()
        .ofMinSize(1)
        .ofMaxSize(3)
        .flatMap(ls -> tld.map(t -> String.join(".", ls) + "." + t));
  }

  @Provide
  Arbitrary<List<String>> pathSegments() {
    return Arbitraries.strings()
        .withCharRange('a', 'z')
        .withCharRange('A', 'Z')
        .numeric()
        .withChars("-_~")
        .ofMinLength(1)
        .ofMaxLength(8)
        .filter(s -> !s.equals(".") && !s.equals(".."))
        .list()
        .ofMinSize(1)
        .ofMaxSize(4);
  }

  @Provide
  Arbitrary<String> anyObservable() {
    return Arbitraries.oneOf(
        Arbitraries.integers().map(CanonicalKeyPropertiesTest::ipv4),
        ipv6Groups().map(g -> join(g, ":", Integer::toHexString)),
        domains(),
        domains().map(d -> "http://" + d + "/x?y=1"),
        Arbitraries.bytes().array(byte[].class).ofSize(20).map(b -> HexFormat.of().formatHex(b)),
        domains().map(d -> "someone@" + d),
        Arbitraries.longs().between(0, 4_294_967_295L).map(n -> "AS" + n),
        Arbitraries.bytes()
            .array(byte[].class)
            .ofSize(6)
            .map(b -> HexFormat.ofDelimiter(":").formatHex(b)),
        Arbitraries.strings()
            .alpha()
            .ofMinLength(1)
            .ofMaxLength(10)
            .map(s -> "HKCU\\Software\\" + s));
  }

  @Provide
  Arbitrary<String> noise() {
    return Arbitraries.oneOf(
        Arbitraries.strings().ofMaxLength(60),
        Arbitraries.strings()
            .withChars("0123456789abcdefABCDEF:./[]()@%#?-_xhtpsASKLMH\\ ")
            .ofMaxLength(60),
        anyObservable().map(s -> s + "%"),
        anyObservable().map(s -> "[" + s + "]"));
  }

  @Provide
  Arbitrary<String> types() {
    return Arbitraries.of(
        "ipv4-addr",
        "ipv6-addr",
        "domain-name",
        "url",
        "file",
        "email-addr",
        "autonomous-system",
        "mac-addr",
        "windows-registry-key",
        "md5",
        "tlsh",
        "ssdeep",
        "pattern",
        "nonsense");
  }

  // ---- helpers

  private interface IntFormat {
    String format(int value);
  }

  private static String join(List<Integer> values, String sep, IntFormat f) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.size(); i++) {
      b.append(i == 0 ? "" : sep).append(f.format(values.get(i)));
    }
    return b.toString();
  }

  private static String join(int[] values, String sep, IntFormat f) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      b.append(i == 0 ? "" : sep).append(f.format(values[i]));
    }
    return b.toString();
  }

  private static String ipv4(int a) {
    return (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
  }

  /** Writes the address with its longest run of zero groups compressed, even a run of one. */
  private static String compressLongestZeroRun(int[] g) {
    int bestStart = -1;
    int bestLen = 0;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLen) {
        bestStart = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (bestStart < 0) {
      return join(g, ":", Integer::toHexString);
    }
    String left = join(java.util.Arrays.copyOfRange(g, 0, bestStart), ":", Integer::toHexString);
    String right =
        join(java.util.Arrays.copyOfRange(g, bestStart + bestLen, 8), ":", Integer::toHexString);
    return left + "::" + right;
  }

  private static String randomCase(String s, Random r) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      b.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
    }
    return b.toString();
  }

  private static String randomDefang(String s, Random r) {
    String[] dots = {"[.]", "(.)", "{.}", "[dot]", "."};
    StringBuilder b = new StringBuilder();
    for (char c : s.toCharArray()) {
      b.append(c == '.' ? dots[r.nextInt(dots.length)] : String.valueOf(c));
    }
    return b.toString();
  }

  /** Percent-encodes some unreserved characters, with random hex case. */
  private static String percentEncodeSome(String path, Random r) {
    StringBuilder b = new StringBuilder();
    for (char c : path.toCharArray()) {
      if (c != '/' && r.nextInt(3) == 0) {
        String hex = String.format("%02X", (int) c);
        b.append('%').append(r.nextBoolean() ? hex : hex.toLowerCase(Locale.ROOT));
      } else {
        b.append(c);
      }
    }
    return b.toString();
  }
}
