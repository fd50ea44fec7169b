package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class WebhookVerifierTest {

  private static final String SECRET = "whsec-test";
  private static final long T = 1_700_000_000L;
  private static final byte[] BODY = "{\"type\":\"bundle\"}".getBytes(StandardCharsets.UTF_8);

  private static WebhookVerifier at(long epochSeconds) {
    return new WebhookVerifier(
        SECRET,
        Duration.ofMinutes(5),
        Clock.fixed(Instant.ofEpochSecond(epochSeconds), ZoneOffset.UTC));
  }

  @Test
  void shouldSignWithHmacSha256OverTimestampDotBody() {
    // Reference value computed independently: HMAC-SHA256("whsec-test", "1700000000.{...}").
    assertThat(WebhookSignature.sign(SECRET, T, BODY))
        .isEqualTo("sha256=9bbbf26b372f33128988204c43e9e67392de6d5658e9baedf863e8c5e3cb38a4");
  }

  @Test
  void shouldAcceptItsOwnSignatureWithinTheTolerance() throws Exception {
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    at(T).verify(Long.toString(T), signature, BODY);
    at(T + 299).verify(Long.toString(T), signature, BODY);
    assertThat(at(T - 299).isValid(Long.toString(T), signature, BODY)).isTrue();
  }

  @Test
  void shouldRejectATamperedBody() {
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    byte[] tampered = "{\"type\":\"bundle \"}".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> at(T).verify(Long.toString(T), signature, tampered))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("signature does not match the body and timestamp");
  }

  @Test
  void shouldRejectAnotherSecretAndAMovedTimestamp() {
    String other = WebhookSignature.sign("another-secret", T, BODY);
    assertThat(at(T).isValid(Long.toString(T), other, BODY)).isFalse();
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    // Replaying the body with a fresh timestamp breaks the signature: the timestamp is signed.
    assertThat(at(T + 600).isValid(Long.toString(T + 600), signature, BODY)).isFalse();
  }

  @Test
  void shouldRejectAStaleTimestampEvenWithAGoodSignature() {
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    assertThatThrownBy(() -> at(T + 301).verify(Long.toString(T), signature, BODY))
        .isInstanceOf(WebhookVerificationException.class)
        .hasMessage("timestamp 1700000000 is 301 s old; the tolerance is 300 s");
  }

  @Test
  void shouldRejectATimestampFromTheFuture() {
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    assertThatThrownBy(() -> at(T - 400).verify(Long.toString(T), signature, BODY))
        .hasMessage("timestamp 1700000000 is 400 s in the future; the tolerance is 300 s");
  }

  @Test
  void shouldNameWhatIsMissingOrMalformed() {
    String signature = WebhookSignature.sign(SECRET, T, BODY);
    assertThatThrownBy(() -> at(T).verify(null, signature, BODY))
        .hasMessage("missing X-Isachub-Timestamp header");
    assertThatThrownBy(() -> at(T).verify(Long.toString(T), " ", BODY))
        .hasMessage("missing X-Isachub-Signature header");
    assertThatThrownBy(() -> at(T).verify("yesterday", signature, BODY))
        .hasMessage("X-Isachub-Timestamp is not a number of seconds since the epoch: 'yesterday'");
    assertThatThrownBy(() -> at(T).verify(Long.toString(T), signature.substring(7), BODY))
        .hasMessage("X-Isachub-Signature must start with 'sha256='");
    assertThatThrownBy(() -> at(T).verify(Long.toString(T), "sha256=zz", BODY))
        .hasMessage("X-Isachub-Signature is not hexadecimal after 'sha256='");
  }

  @Test
  void shouldRefuseAnEmptySecret() {
    assertThatThrownBy(() -> WebhookVerifier.of(""))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("webhook secret must not be empty");
    assertThatThrownBy(() -> WebhookSignature.sign("", T, BODY))
        .hasMessage("webhook secret must not be empty");
  }
}
