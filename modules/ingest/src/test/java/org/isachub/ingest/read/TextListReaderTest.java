package org.isachub.ingest.read;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TextListReaderTest {

  private static ReadResult read(String text) throws ReadException {
    return new TextListReader().read(text.getBytes(UTF_8));
  }

  @Test
  void shouldReadOneValuePerLineSkippingCommentsAndBlankLines() throws Exception {
    ReadResult r =
        read(
            "# my blocklist\r\n"
                + "\r\n"
                + "198.51.100.7\r\n"
                + "   evil.example   # seen twice\r\n"
                + "\t# indented comment\r\n"
                + "http://x.example/page#frag\r\n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.skipped()).isEqualTo(3);
    assertThat(r.observables())
        .extracting(RawObservable::value)
        .containsExactly("198.51.100.7", "evil.example", "http://x.example/page#frag");
    assertThat(r.observables())
        .allSatisfy(
            o -> {
              assertThat(o.type()).isNull();
              assertThat(o.indicator()).isTrue();
              assertThat(o.labels()).isEmpty();
              assertThat(o.firstSeen()).isNull();
            });
    assertThat(r.observables().get(1).location()).isEqualTo("line 4");
  }

  @Test
  void shouldKeepDefangedFormsIntact() throws Exception {
    ReadResult r = read("hxxp://evil[.]com/a?b=c\nevil[.]example\n198[.]51[.]100[.]7\n");
    assertThat(r.observables())
        .extracting(RawObservable::value)
        .containsExactly("hxxp://evil[.]com/a?b=c", "evil[.]example", "198[.]51[.]100[.]7");
  }

  @Test
  void shouldHonourATypePrefix() throws Exception {
    ReadResult r =
        read(
            "domain-name:example.org\n"
                + "FILE:SHA256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n"
                + "url:http://a.example/\n"
                + "windows-registry-key:HKEY_LOCAL_MACHINE\\Software\\Windows NT\\Run\n"
                + "http://b.example/\n"
                + "fe80::1\n");
    assertThat(r.rejections()).isEmpty();
    assertThat(r.observables())
        .extracting(RawObservable::type)
        .containsExactly(
            ObservableType.DOMAIN_NAME,
            ObservableType.FILE_SHA256,
            ObservableType.URL,
            ObservableType.WINDOWS_REGISTRY_KEY,
            null,
            null);
    assertThat(r.observables())
        .extracting(RawObservable::value)
        .containsExactly(
            "example.org",
            "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08",
            "http://a.example/",
            "HKEY_LOCAL_MACHINE\\Software\\Windows NT\\Run",
            "http://b.example/",
            "fe80::1");
  }

  @Test
  void shouldRejectALineLongerThanTheLimit() throws Exception {
    ReadResult r =
        new TextListReader(ReadLimits.DEFAULTS.withMaxLineLength(20))
            .read(("ok.example\n" + "a".repeat(30) + ".example\n").getBytes(UTF_8));
    assertThat(r.observables()).hasSize(1);
    Rejection rej = r.rejections().get(0);
    assertThat(rej.code()).isEqualTo(RejectionCodes.TEXT_LINE_TOO_LONG);
    assertThat(rej.location()).isEqualTo("line 2");
    assertThat(rej.reason()).isEqualTo("the line is 38 bytes, longer than the limit of 20");
    assertThat(rej.excerpt()).isEqualTo("a".repeat(30) + ".example");
  }

  @Test
  void shouldRejectInvalidUtf8() throws Exception {
    byte[] input = {'a', '.', 'e', 'x', (byte) 0xFF, '\n', 'b', '\n'};
    ReadResult r = new TextListReader().read(input);
    assertThat(r.rejections())
        .extracting(Rejection::code)
        .containsExactly(RejectionCodes.TEXT_BAD_ENCODING);
    assertThat(r.rejections().get(0).reason()).isEqualTo("the line is not valid UTF-8");
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("b");
  }

  @Test
  void shouldRejectControlCharacters() throws Exception {
    ReadResult r = read("evil\u0007.example\n");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.TEXT_CONTROL_CHARACTER);
    assertThat(r.rejections().get(0).reason()).endsWith("U+0007 at position 5");
  }

  @Test
  void shouldRejectTwoWordsOnALine() throws Exception {
    ReadResult r = read("198.51.100.7 198.51.100.8\n");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.TEXT_EMBEDDED_WHITESPACE);
    assertThat(r.rejections().get(0).excerpt()).isEqualTo("198.51.100.7 198.51.100.8");
  }

  @Test
  void shouldRejectATypePrefixWithoutValue() throws Exception {
    ReadResult r = read("url:   # nothing\n");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.TEXT_EMPTY_VALUE);
    assertThat(r.rejections().get(0).reason())
        .isEqualTo("the type prefix 'url:' is followed by no value");
  }

  @Test
  void shouldStopAtTheRecordLimit() throws Exception {
    ReadResult r =
        new TextListReader(ReadLimits.DEFAULTS.withMaxRecords(2))
            .read("# c\na\n\nb\nc\nd\n".getBytes(UTF_8));
    assertThat(r.observables()).extracting(RawObservable::value).containsExactly("a", "b");
    assertThat(r.rejections()).hasSize(1);
    assertThat(r.rejections().get(0).code()).isEqualTo(RejectionCodes.LIMIT_OBJECTS);
    assertThat(r.rejections().get(0).location()).isEqualTo("line 5");
    assertThat(r.skipped()).isEqualTo(2);
  }

  @Test
  void shouldFailWhenTheInputExceedsTheByteLimit() {
    byte[] big = "a.example\n".repeat(10_000).getBytes(UTF_8);
    assertThatThrownBy(
            () -> new TextListReader(ReadLimits.DEFAULTS.withMaxInputBytes(50_000)).read(big))
        .isInstanceOfSatisfying(
            ReadException.class,
            e -> assertThat(e.code()).isEqualTo(RejectionCodes.LIMIT_INPUT_BYTES));
  }

  @Test
  void shouldTreatCrAloneAsALineBreak() throws Exception {
    ReadResult r = read("a.example\rb.example\r");
    assertThat(r.observables())
        .extracting(RawObservable::location)
        .containsExactly("line 1", "line 2");
  }
}
