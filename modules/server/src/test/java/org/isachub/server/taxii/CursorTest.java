package org.isachub.server.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.isachub.server.ApiError;
import org.junit.jupiter.api.Test;

class CursorTest {

  @Test
  void shouldRoundTripAnOffsetThroughAnOpaqueUrlSafeCursor() {
    String next = Cursor.encode(123_456_789L);
    assertThat(next).doesNotContain("123456789").matches("[A-Za-z0-9_-]+");
    assertThat(Cursor.decode(next)).isEqualTo(123_456_789L);
  }

  @Test
  void shouldRejectCursorsItDidNotHandOutWith400() {
    String foreign =
        Base64.getUrlEncoder().encodeToString("42".getBytes(StandardCharsets.US_ASCII));
    String negative =
        Base64.getUrlEncoder().encodeToString("o1.-5".getBytes(StandardCharsets.US_ASCII));
    for (String bad : new String[] {"***", foreign, negative, ""}) {
      assertThatThrownBy(() -> Cursor.decode(bad))
          .isInstanceOf(ApiError.class)
          .hasMessageContaining("'next'")
          .extracting(e -> ((ApiError) e).status())
          .isEqualTo(400);
    }
  }
}
