package org.isachub.enrich.warninglist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class WarninglistParserTest {

  private static Warninglist parse(String text) {
    return WarninglistParser.parse("lists/test.txt", text.lines().toList());
  }

  private static WarninglistFormatException failure(String text) {
    try {
      parse(text);
    } catch (WarninglistFormatException e) {
      return e;
    }
    throw new AssertionError("expected a format error for:\n" + text);
  }

  @Test
  void shouldReadHeaderEntriesAndSkipComments() {
    Warninglist list =
        parse(
            """
            # a comment before the header

            warninglist private-nets cidr   # trailing comment
            10.0.0.0/8        # RFC 1918
              # indented comment
            2001:DB8::/32
            192.0.2.1
            """);
    assertThat(list.name()).isEqualTo("private-nets");
    assertThat(list.kind()).isEqualTo(WarninglistKind.CIDR);
    assertThat(list.origin()).isEqualTo("lists/test.txt");
    assertThat(list.entries()).containsExactly("10.0.0.0/8", "2001:db8::/32", "192.0.2.1");
  }

  @Test
  void shouldCanonicaliseEntriesOfEachKind() {
    assertThat(parse("warninglist d domain\nWWW.Example.COM").entries())
        .containsExactly("www.example.com");
    assertThat(parse("warninglist u url-prefix\nHTTPS://Example.COM/Path/").entries())
        .containsExactly("https://example.com/Path/");
    assertThat(
            parse("warninglist h hash\nD41D8CD98F00B204E9800998ECF8427E\nsha1:" + "a".repeat(40))
                .entries())
        .containsExactly("md5:d41d8cd98f00b204e9800998ecf8427e", "sha1:" + "a".repeat(40));
  }

  @Test
  void shouldAcceptAnEmptyListAndAReader() throws IOException {
    assertThat(parse("warninglist nothing domain-suffix\n").entries()).isEmpty();
    Warninglist fromReader =
        WarninglistParser.parse("r.txt", new StringReader("warninglist r domain\nexample.org\n"));
    assertThat(fromReader.entries()).containsExactly("example.org");
  }

  @Test
  void shouldRejectAFileWithoutHeaderNamingFileAndLine() {
    WarninglistFormatException e = failure("# only a comment\n10.0.0.0/8\n");
    assertThat(e.origin()).isEqualTo("lists/test.txt");
    assertThat(e.line()).isEqualTo(2);
    assertThat(e.getMessage())
        .startsWith("lists/test.txt:2: expected the header 'warninglist <name> <kind>'");
    assertThat(failure("# nothing\n").reason()).contains("no header line");
  }

  @Test
  void shouldRejectUnknownKindAndBadName() {
    WarninglistFormatException kind = failure("warninglist x ip-range\n");
    assertThat(kind.line()).isEqualTo(1);
    assertThat(kind.reason()).contains("unknown list kind 'ip-range'");
    assertThat(failure("warninglist Bad/Name cidr").reason()).contains("'Bad/Name'");
    assertThat(failure("warninglist onlyname").reason()).contains("expected the header");
  }

  @Test
  void shouldRejectMalformedCidrWithLineAndReason() {
    WarninglistFormatException e = failure("warninglist n cidr\n10.0.0.0/8\n10.0.0.300/32\n");
    assertThat(e.line()).isEqualTo(3);
    assertThat(e.reason()).contains("not an IP address or CIDR network: '10.0.0.300/32'");
  }

  @Test
  void shouldRejectCidrWithHostBitsSetNamingTheNetwork() {
    assertThat(failure("warninglist n cidr\n10.1.2.3/8").reason())
        .isEqualTo("host bits are set in '10.1.2.3/8'; the network is 10.0.0.0/8");
  }

  @Test
  void shouldRejectLooseIpFormsInCidrLists() {
    assertThat(failure("warninglist n cidr\n10.1").reason()).contains("not an IP address");
    assertThat(failure("warninglist n cidr\n10.0.0.0-10.0.0.9").reason())
        .contains("not an IP address");
    assertThat(failure("warninglist n cidr\nfe80::1%eth0").reason()).contains("not an IP address");
  }

  @Test
  void shouldRejectWildcardTrailingDotAndInvalidDomains() {
    assertThat(failure("warninglist d domain-suffix\n*.example.com").reason())
        .contains("wildcards are not supported");
    assertThat(failure("warninglist d domain\nexample.com.").reason()).contains("trailing dot");
    assertThat(failure("warninglist d domain\nexa_mple..com").reason())
        .contains("not a valid domain name");
    assertThat(failure("warninglist d domain\nbücher.example").reason()).contains("xn--");
  }

  @Test
  void shouldRejectUrlPrefixWithoutPathSlash() {
    assertThat(failure("warninglist u url-prefix\nhttp://example.com").reason())
        .contains("at least the '/' after the host");
    assertThat(failure("warninglist u url-prefix\nexample.com/path").reason())
        .contains("scheme://host/");
  }

  @Test
  void shouldRejectBadHashes() {
    assertThat(failure("warninglist h hash\nabc").reason()).contains("got 3");
    assertThat(failure("warninglist h hash\nsha256:abcd").reason())
        .contains("sha256 needs 64 hex digits, got 4");
    assertThat(failure("warninglist h hash\ncrc32:abcd").reason())
        .contains("unknown hash algorithm 'crc32'");
    assertThat(failure("warninglist h hash\n" + "z".repeat(32)).reason())
        .contains("must be hexadecimal");
  }

  @Test
  void shouldRejectWhitespaceInsideAnEntry() {
    assertThat(failure("warninglist d domain\nexample.com other.com").reason())
        .contains("one entry per line");
  }

  @Test
  void shouldRejectDuplicateEntriesNamingTheFirstLine() {
    WarninglistFormatException e = failure("warninglist d domain\nexample.com\n\nEXAMPLE.com\n");
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.reason()).isEqualTo("duplicate entry 'example.com' (first on line 2)");
  }

  @Test
  void shouldRejectInvalidListNamesInCode() {
    assertThatThrownBy(() -> new Warninglist("", WarninglistKind.HASH, "code", List.of()))
        .hasMessageContaining("warninglist name");
  }
}
