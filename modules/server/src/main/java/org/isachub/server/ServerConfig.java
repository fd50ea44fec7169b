package org.isachub.server;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.jspecify.annotations.Nullable;

/**
 * Configuration of the HTTP server: where it listens, HTTPS, request limits and timeouts, and the
 * rate limit on failed authentication.
 *
 * <p>Immutable and thread-safe.
 */
public final class ServerConfig extends AbstractConfig {

  /** Key of the listen address. */
  public static final String HOST_CONFIG = "isachub.server.host";

  private static final String HOST_DOC =
      "Address the HTTP server binds. The default keeps it on loopback; any other address needs"
          + " HTTPS (a keystore) unless isachub.server.allow.insecure.http is set.";

  /** Key of the listen port. */
  public static final String PORT_CONFIG = "isachub.server.port";

  private static final String PORT_DOC = "Port of the HTTP server; 0 picks a free port.";

  /** Key of the request body limit. */
  public static final String MAX_REQUEST_BYTES_CONFIG = "isachub.server.max.request.bytes";

  private static final String MAX_REQUEST_BYTES_DOC =
      "Largest request body accepted, in bytes; larger ones get 413 before they are read.";

  /** Key of the header limit. */
  public static final String MAX_HEADER_BYTES_CONFIG = "isachub.server.max.header.bytes";

  private static final String MAX_HEADER_BYTES_DOC =
      "Largest request line and headers accepted, in bytes; larger ones get 431.";

  /** Key of the idle timeout. */
  public static final String IDLE_TIMEOUT_MS_CONFIG = "isachub.server.idle.timeout.ms";

  private static final String IDLE_TIMEOUT_MS_DOC =
      "A connection on which nothing is read or written for this long is closed.";

  /** Key of the slowest acceptable request upload. */
  public static final String MIN_REQUEST_RATE_CONFIG =
      "isachub.server.min.request.bytes.per.second";

  private static final String MIN_REQUEST_RATE_DOC =
      "A client that sends its request body slower than this is cut off with 408 (slow-client"
          + " protection); 0 turns the check off.";

  /** Key of the slowest acceptable response download. */
  public static final String MIN_RESPONSE_RATE_CONFIG =
      "isachub.server.min.response.bytes.per.second";

  private static final String MIN_RESPONSE_RATE_DOC =
      "A client that reads a response slower than this is cut off; 0 turns the check off (the"
          + " default, because live event streams write little for long stretches).";

  /** Key of the keystore path. */
  public static final String KEYSTORE_PATH_CONFIG = "isachub.server.keystore.path";

  private static final String KEYSTORE_PATH_DOC =
      "Keystore with the server's TLS key and certificate chain. Set it and the server speaks"
          + " only HTTPS (the production setting); empty serves plain HTTP.";

  /** Key of the keystore password. */
  public static final String KEYSTORE_PASSWORD_CONFIG = "isachub.server.keystore.password";

  private static final String KEYSTORE_PASSWORD_DOC =
      "Password of the keystore and of the key in it.";

  /** Key of the keystore type. */
  public static final String KEYSTORE_TYPE_CONFIG = "isachub.server.keystore.type";

  private static final String KEYSTORE_TYPE_DOC = "Keystore format: PKCS12 or JKS.";

  /** Key that allows plain HTTP on a non-loopback address. */
  public static final String ALLOW_INSECURE_HTTP_CONFIG = "isachub.server.allow.insecure.http";

  private static final String ALLOW_INSECURE_HTTP_DOC =
      "Allow plain HTTP on an address other than loopback, e.g. behind a TLS-terminating proxy."
          + " Tokens then cross that network in the clear.";

  /** Key of the failed-authentication burst. */
  public static final String AUTH_FAILURE_BURST_CONFIG = "isachub.server.auth.failure.burst";

  private static final String AUTH_FAILURE_BURST_DOC =
      "Failed authentications a remote address may make in a row before it gets 429.";

  /** Key of the failed-authentication refill rate. */
  public static final String AUTH_FAILURE_PER_MINUTE_CONFIG =
      "isachub.server.auth.failure.per.minute";

  private static final String AUTH_FAILURE_PER_MINUTE_DOC =
      "Failed authentications per minute a remote address earns back after a burst.";

  /** Key of the timeout of Kafka operations made for a request. */
  public static final String KAFKA_TIMEOUT_MS_CONFIG = "isachub.server.kafka.timeout.ms";

  private static final String KAFKA_TIMEOUT_MS_DOC =
      "How long an administrative request waits for Kafka to acknowledge a change before it"
          + " answers 503.";

  /** Key of the bearer token a metrics scraper presents. */
  public static final String METRICS_TOKEN_CONFIG = "isachub.server.metrics.token";

  private static final String METRICS_TOKEN_DOC =
      "Bearer token that GET /metrics requires (Prometheus: authorization.credentials). At least"
          + " 32 characters; empty turns /metrics off (404). It is not a member token: it opens"
          + " nothing but the metrics.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              HOST_CONFIG,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              Importance.HIGH,
              HOST_DOC)
          .define(PORT_CONFIG, Type.INT, 8080, Range.between(0, 65535), Importance.HIGH, PORT_DOC)
          .define(
              MAX_REQUEST_BYTES_CONFIG,
              Type.LONG,
              10L * 1024 * 1024,
              Range.between(1024, 1024L * 1024 * 1024),
              Importance.MEDIUM,
              MAX_REQUEST_BYTES_DOC)
          .define(
              MAX_HEADER_BYTES_CONFIG,
              Type.INT,
              8192,
              Range.between(1024, 65536),
              Importance.LOW,
              MAX_HEADER_BYTES_DOC)
          .define(
              IDLE_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.between(1_000, 3_600_000),
              Importance.LOW,
              IDLE_TIMEOUT_MS_DOC)
          .define(
              MIN_REQUEST_RATE_CONFIG,
              Type.LONG,
              1024L,
              Range.atLeast(0),
              Importance.LOW,
              MIN_REQUEST_RATE_DOC)
          .define(
              MIN_RESPONSE_RATE_CONFIG,
              Type.LONG,
              0L,
              Range.atLeast(0),
              Importance.LOW,
              MIN_RESPONSE_RATE_DOC)
          .define(KEYSTORE_PATH_CONFIG, Type.STRING, "", Importance.HIGH, KEYSTORE_PATH_DOC)
          .define(
              KEYSTORE_PASSWORD_CONFIG, Type.PASSWORD, "", Importance.HIGH, KEYSTORE_PASSWORD_DOC)
          .define(
              KEYSTORE_TYPE_CONFIG,
              Type.STRING,
              "PKCS12",
              ConfigDef.ValidString.in("PKCS12", "JKS"),
              Importance.LOW,
              KEYSTORE_TYPE_DOC)
          .define(
              ALLOW_INSECURE_HTTP_CONFIG,
              Type.BOOLEAN,
              false,
              Importance.MEDIUM,
              ALLOW_INSECURE_HTTP_DOC)
          .define(
              AUTH_FAILURE_BURST_CONFIG,
              Type.INT,
              10,
              Range.between(1, 10_000),
              Importance.MEDIUM,
              AUTH_FAILURE_BURST_DOC)
          .define(
              AUTH_FAILURE_PER_MINUTE_CONFIG,
              Type.DOUBLE,
              6.0,
              Range.between(0.01, 100_000),
              Importance.MEDIUM,
              AUTH_FAILURE_PER_MINUTE_DOC)
          .define(
              KAFKA_TIMEOUT_MS_CONFIG,
              Type.LONG,
              10_000L,
              Range.between(100, 300_000),
              Importance.LOW,
              KAFKA_TIMEOUT_MS_DOC)
          .define(
              METRICS_TOKEN_CONFIG,
              Type.PASSWORD,
              "",
              new TokenLength(32),
              Importance.MEDIUM,
              METRICS_TOKEN_DOC);

  /** Accepts an empty password or one of at least a minimum length, never echoing the value. */
  private record TokenLength(int min) implements ConfigDef.Validator {
    @Override
    public void ensureValid(String name, Object value) {
      if (value instanceof Password p && !p.value().isEmpty() && p.value().length() < min) {
        throw new ConfigException(name, "[hidden]", "must be at least " + min + " characters");
      }
    }

    @Override
    public String toString() {
      return "empty or at least " + min + " characters";
    }
  }

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; unknown keys are ignored
   * @throws ConfigException naming the key and the problem
   */
  public ServerConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    if (!tls() && !loopback() && !getBoolean(ALLOW_INSECURE_HTTP_CONFIG)) {
      throw new ConfigException(
          HOST_CONFIG,
          getString(HOST_CONFIG),
          "plain HTTP is served only on loopback: set "
              + KEYSTORE_PATH_CONFIG
              + " for HTTPS (or "
              + ALLOW_INSECURE_HTTP_CONFIG
              + "=true behind a TLS proxy)");
    }
  }

  /**
   * Tells whether the server speaks HTTPS.
   *
   * @return true when a keystore is configured
   */
  public boolean tls() {
    return !getString(KEYSTORE_PATH_CONFIG).isBlank();
  }

  /**
   * The keystore password.
   *
   * @return the password, or null when none is set
   */
  public @Nullable String keystorePassword() {
    Password p = getPassword(KEYSTORE_PASSWORD_CONFIG);
    return p == null || p.value().isEmpty() ? null : p.value();
  }

  /**
   * The bearer token {@code GET /metrics} requires.
   *
   * @return the token, or null when metrics are not served
   */
  public @Nullable String metricsToken() {
    Password p = getPassword(METRICS_TOKEN_CONFIG);
    return p == null || p.value().isEmpty() ? null : p.value();
  }

  /**
   * Tells whether the listen address is a loopback address.
   *
   * @return true for 127.0.0.0/8, ::1 and names resolving to them
   */
  public boolean loopback() {
    try {
      return InetAddress.getByName(getString(HOST_CONFIG)).isLoopbackAddress();
    } catch (UnknownHostException e) {
      throw new ConfigException(HOST_CONFIG, getString(HOST_CONFIG), "unknown host");
    }
  }
}
