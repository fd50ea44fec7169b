package org.isachub.distribute.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class WebhookTargetTest {

  @Test
  void shouldTakeAnHttpsUrlApart() throws Exception {
    WebhookTarget t = WebhookTarget.parse("https://hooks.example.org/isac/in?tenant=pa", false);
    assertThat(t)
        .isEqualTo(
            new WebhookTarget(
                true, "hooks.example.org", 443, "/isac/in?tenant=pa", "hooks.example.org"));
  }

  @Test
  void shouldKeepANonDefaultPortInTheHostHeaderAndDefaultThePath() throws Exception {
    WebhookTarget t = WebhookTarget.parse("https://hooks.example.org:8443", false);
    assertThat(t.port()).isEqualTo(8443);
    assertThat(t.requestTarget()).isEqualTo("/");
    assertThat(t.hostHeader()).isEqualTo("hooks.example.org:8443");
  }

  @Test
  void shouldStripTheBracketsOfAnIpv6HostButKeepThemInTheHostHeader() throws Exception {
    WebhookTarget t = WebhookTarget.parse("http://[::1]:9000/h", true);
    assertThat(t.host()).isEqualTo("::1");
    assertThat(t.hostHeader()).isEqualTo("[::1]:9000");
  }

  @Test
  void shouldRefusePlainHttpUnlessAllowed() throws Exception {
    assertThatThrownBy(() -> WebhookTarget.parse("http://hooks.example.org/", false))
        .isInstanceOf(TargetRefusedException.class)
        .hasMessage(
            "webhook URL scheme 'http' is not allowed; use https (plain http needs"
                + " isachub.distribute.webhook.allow.plain.http=true)");
    assertThat(WebhookTarget.parse("http://hooks.example.org/", true).port()).isEqualTo(80);
  }

  @Test
  void shouldRefuseOtherSchemesUserInfoAndMissingHosts() {
    assertThatThrownBy(() -> WebhookTarget.parse("ftp://hooks.example.org/", true))
        .hasMessage("webhook URL scheme 'ftp' is not allowed; use https");
    assertThatThrownBy(() -> WebhookTarget.parse("https://user:pw@hooks.example.org/", false))
        .hasMessage("webhook URL must not carry user info before the host");
    assertThatThrownBy(() -> WebhookTarget.parse("https:///path", false))
        .hasMessageStartingWith("webhook URL has no (ASCII) host");
    assertThatThrownBy(() -> WebhookTarget.parse("https://hooks example.org/", false))
        .hasMessageStartingWith("webhook URL is not a valid URL:");
  }
}
