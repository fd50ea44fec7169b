package org.isachub.distribute.webhook;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * A webhook URL taken apart for a hand-made HTTP/1.1 request: which host to resolve, which port to
 * connect to, what to send as the request target and the {@code Host} header.
 *
 * @param https whether TLS is used
 * @param host the host as written, IPv6 literals without brackets
 * @param port the port, the scheme's default if none was given
 * @param requestTarget path and query, at least {@code /}
 * @param hostHeader value of the {@code Host} header
 */
record WebhookTarget(
    boolean https, String host, int port, String requestTarget, String hostHeader) {

  /**
   * Parses and checks a webhook URL.
   *
   * @param url the member's webhook URL
   * @param allowPlainHttp whether {@code http://} is acceptable
   * @return the target
   * @throws TargetRefusedException naming what is wrong with the URL
   */
  static WebhookTarget parse(String url, boolean allowPlainHttp) throws TargetRefusedException {
    URI uri;
    try {
      uri = new URI(url);
    } catch (URISyntaxException e) {
      throw new TargetRefusedException("webhook URL is not a valid URL: " + e.getMessage());
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    boolean https = scheme.equals("https");
    if (!https && !(scheme.equals("http") && allowPlainHttp)) {
      throw new TargetRefusedException(
          "webhook URL scheme '"
              + scheme
              + "' is not allowed; use https"
              + (scheme.equals("http")
                  ? " (plain http needs " + WebhookConfig.ALLOW_PLAIN_HTTP_CONFIG + "=true)"
                  : ""));
    }
    if (uri.getRawUserInfo() != null) {
      throw new TargetRefusedException("webhook URL must not carry user info before the host");
    }
    String host = uri.getHost();
    if (host == null || host.isEmpty()) {
      throw new TargetRefusedException(
          "webhook URL has no (ASCII) host: '" + uri.getRawAuthority() + "'");
    }
    int defaultPort = https ? 443 : 80;
    int port = uri.getPort() == -1 ? defaultPort : uri.getPort();
    if (port < 1 || port > 65_535) {
      throw new TargetRefusedException("webhook URL port " + port + " is outside 1-65535");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
    String bare = host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
    String hostHeader = port == defaultPort ? host : host + ":" + port;
    return new WebhookTarget(https, bare, port, target, hostHeader);
  }
}
