package org.isachub.distribute.webhook;

import inet.ipaddr.IPAddress;
import inet.ipaddr.IPAddressString;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of the webhook pusher: batch cap, timeouts, backoff, the dead-letter bound, the
 * response bound and which internal addresses an operator allows as targets.
 *
 * <p>Immutable and thread-safe.
 */
public final class WebhookConfig extends AbstractConfig {

  /** Key that turns the pusher on or off in the distribute role. */
  public static final String ENABLED_CONFIG = "isachub.distribute.webhook.enabled";

  private static final String ENABLED_DOC =
      "Whether the distribute role pushes the feeds of members with an enabled webhook.";

  /** Key of the hub-wide cap on entries per POST. */
  public static final String MAX_BATCH_CONFIG = "isachub.distribute.webhook.max.batch";

  private static final String MAX_BATCH_DOC =
      "Most feed entries in one POST, whatever a member's own max_batch asks for.";

  /** Key of the connect timeout. */
  public static final String CONNECT_TIMEOUT_MS_CONFIG =
      "isachub.distribute.webhook.connect.timeout.ms";

  private static final String CONNECT_TIMEOUT_MS_DOC =
      "Most time to open the TCP connection to one address of the target.";

  /** Key of the read timeout. */
  public static final String READ_TIMEOUT_MS_CONFIG = "isachub.distribute.webhook.read.timeout.ms";

  private static final String READ_TIMEOUT_MS_DOC =
      "Most time, once connected, for the TLS handshake, sending the request and reading the"
          + " response (status, headers and the bounded body); the connection is closed when it"
          + " passes and the attempt counts as a timeout.";

  /** Key of the first retry delay. */
  public static final String BACKOFF_INITIAL_MS_CONFIG =
      "isachub.distribute.webhook.backoff.initial.ms";

  private static final String BACKOFF_INITIAL_MS_DOC = "Delay before the first retry of a batch.";

  /** Key of the longest retry delay. */
  public static final String BACKOFF_MAX_MS_CONFIG = "isachub.distribute.webhook.backoff.max.ms";

  private static final String BACKOFF_MAX_MS_DOC = "Longest delay between two attempts.";

  /** Key of the backoff growth factor. */
  public static final String BACKOFF_MULTIPLIER_CONFIG =
      "isachub.distribute.webhook.backoff.multiplier";

  private static final String BACKOFF_MULTIPLIER_DOC =
      "Factor by which the delay grows after each failed attempt.";

  /** Key of the backoff jitter. */
  public static final String BACKOFF_JITTER_CONFIG = "isachub.distribute.webhook.backoff.jitter";

  private static final String BACKOFF_JITTER_DOC =
      "Fraction (0-1) by which each delay is randomly shortened, so many members' retries do not"
          + " fall in step.";

  /** Key of the attempt bound. */
  public static final String DEAD_LETTER_ATTEMPTS_CONFIG =
      "isachub.distribute.webhook.dead.letter.attempts";

  private static final String DEAD_LETTER_ATTEMPTS_DOC =
      "A batch that has failed this many attempts is written to isac.deadletter.v1 and the"
          + " pusher moves on to the next one.";

  /** Key of the time bound. */
  public static final String DEAD_LETTER_AFTER_MS_CONFIG =
      "isachub.distribute.webhook.dead.letter.after.ms";

  private static final String DEAD_LETTER_AFTER_MS_DOC =
      "A batch whose first attempt is this long ago when an attempt fails is dead-lettered, even"
          + " with attempts left.";

  /** Key of the response body bound. */
  public static final String RESPONSE_MAX_BYTES_CONFIG =
      "isachub.distribute.webhook.response.max.bytes";

  private static final String RESPONSE_MAX_BYTES_DOC =
      "Most bytes of a response body read; the rest is never read and the connection is closed.";

  /** Key of the internal address ranges an operator allows as targets. */
  public static final String ALLOW_PRIVATE_TARGETS_CONFIG =
      "isachub.distribute.webhook.allow.private.targets";

  private static final String ALLOW_PRIVATE_TARGETS_DOC =
      "Address ranges (CIDR, e.g. 10.20.0.0/16,fd12:3456::/48, or single addresses) that webhook"
          + " targets may resolve to although they are loopback, private, link-local, CGNAT,"
          + " multicast, reserved or cloud metadata addresses. Empty allows none of them.";

  /** Key that allows plain http:// targets. */
  public static final String ALLOW_PLAIN_HTTP_CONFIG =
      "isachub.distribute.webhook.allow.plain.http";

  private static final String ALLOW_PLAIN_HTTP_DOC =
      "Whether http:// targets are allowed besides https:// (for test receivers only: the"
          + " bundles and their signatures would cross the network in clear).";

  /** Key of the member poll interval. */
  public static final String MEMBERS_POLL_INTERVAL_MS_CONFIG =
      "isachub.distribute.webhook.members.poll.interval.ms";

  private static final String MEMBERS_POLL_INTERVAL_MS_DOC =
      "How often the pusher looks for members whose webhook was added, changed, disabled or"
          + " removed.";

  /** Key of the lag sampling interval. */
  public static final String LAG_INTERVAL_MS_CONFIG = "isachub.distribute.webhook.lag.interval.ms";

  private static final String LAG_INTERVAL_MS_DOC =
      "How often each member's pusher asks for the end of the member's feed topic to report its"
          + " lag.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(ENABLED_CONFIG, Type.BOOLEAN, true, Importance.HIGH, ENABLED_DOC)
          .define(
              MAX_BATCH_CONFIG,
              Type.INT,
              500,
              Range.between(1, 10_000),
              Importance.MEDIUM,
              MAX_BATCH_DOC)
          .define(
              CONNECT_TIMEOUT_MS_CONFIG,
              Type.LONG,
              5_000L,
              Range.between(1, 600_000),
              Importance.MEDIUM,
              CONNECT_TIMEOUT_MS_DOC)
          .define(
              READ_TIMEOUT_MS_CONFIG,
              Type.LONG,
              15_000L,
              Range.between(1, 600_000),
              Importance.MEDIUM,
              READ_TIMEOUT_MS_DOC)
          .define(
              BACKOFF_INITIAL_MS_CONFIG,
              Type.LONG,
              1_000L,
              Range.between(1, 3_600_000),
              Importance.MEDIUM,
              BACKOFF_INITIAL_MS_DOC)
          .define(
              BACKOFF_MAX_MS_CONFIG,
              Type.LONG,
              300_000L,
              Range.between(1, 86_400_000),
              Importance.MEDIUM,
              BACKOFF_MAX_MS_DOC)
          .define(
              BACKOFF_MULTIPLIER_CONFIG,
              Type.DOUBLE,
              2.0,
              Range.between(1.0, 100.0),
              Importance.LOW,
              BACKOFF_MULTIPLIER_DOC)
          .define(
              BACKOFF_JITTER_CONFIG,
              Type.DOUBLE,
              0.2,
              Range.between(0.0, 1.0),
              Importance.LOW,
              BACKOFF_JITTER_DOC)
          .define(
              DEAD_LETTER_ATTEMPTS_CONFIG,
              Type.INT,
              20,
              Range.between(1, 1_000_000),
              Importance.HIGH,
              DEAD_LETTER_ATTEMPTS_DOC)
          .define(
              DEAD_LETTER_AFTER_MS_CONFIG,
              Type.LONG,
              3_600_000L,
              Range.between(1, 30L * 86_400_000),
              Importance.HIGH,
              DEAD_LETTER_AFTER_MS_DOC)
          .define(
              RESPONSE_MAX_BYTES_CONFIG,
              Type.INT,
              65_536,
              Range.between(0, 16 * 1024 * 1024),
              Importance.LOW,
              RESPONSE_MAX_BYTES_DOC)
          .define(
              ALLOW_PRIVATE_TARGETS_CONFIG,
              Type.LIST,
              "",
              new CidrListValidator(),
              Importance.HIGH,
              ALLOW_PRIVATE_TARGETS_DOC)
          .define(
              ALLOW_PLAIN_HTTP_CONFIG, Type.BOOLEAN, false, Importance.HIGH, ALLOW_PLAIN_HTTP_DOC)
          .define(
              MEMBERS_POLL_INTERVAL_MS_CONFIG,
              Type.LONG,
              1_000L,
              Range.between(10, 600_000),
              Importance.LOW,
              MEMBERS_POLL_INTERVAL_MS_DOC)
          .define(
              LAG_INTERVAL_MS_CONFIG,
              Type.LONG,
              5_000L,
              Range.between(10, 600_000),
              Importance.LOW,
              LAG_INTERVAL_MS_DOC);

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; others are ignored
   * @throws ConfigException naming the key and the rule when a value is invalid
   */
  public WebhookConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    if (getLong(BACKOFF_MAX_MS_CONFIG) < getLong(BACKOFF_INITIAL_MS_CONFIG)) {
      throw new ConfigException(
          BACKOFF_MAX_MS_CONFIG,
          getLong(BACKOFF_MAX_MS_CONFIG),
          "must be at least "
              + BACKOFF_INITIAL_MS_CONFIG
              + " ("
              + getLong(BACKOFF_INITIAL_MS_CONFIG)
              + ")");
    }
  }

  /**
   * The retry schedule.
   *
   * @return the backoff
   */
  public Backoff backoff() {
    return new Backoff(
        Duration.ofMillis(getLong(BACKOFF_INITIAL_MS_CONFIG)),
        Duration.ofMillis(getLong(BACKOFF_MAX_MS_CONFIG)),
        getDouble(BACKOFF_MULTIPLIER_CONFIG),
        getDouble(BACKOFF_JITTER_CONFIG));
  }

  /**
   * The address ranges allowed as targets although internal.
   *
   * @return the parsed ranges
   */
  public List<IPAddress> allowedPrivateTargets() {
    List<IPAddress> out = new ArrayList<>();
    for (String cidr : getList(ALLOW_PRIVATE_TARGETS_CONFIG)) {
      out.add(TargetGuard.parseRange(cidr));
    }
    return out;
  }

  /**
   * A duration setting.
   *
   * @param key a {@code …ms} key
   * @return its value
   */
  public Duration duration(String key) {
    return Duration.ofMillis(getLong(key));
  }

  /** Checks that every entry of a list is an address or CIDR range. */
  private static final class CidrListValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
      if (!(value instanceof List<?> list)) {
        throw new ConfigException(name, value, "must be a list of CIDR ranges");
      }
      for (Object item : list) {
        String text = String.valueOf(item).trim();
        if (text.isEmpty()) {
          continue;
        }
        IPAddressString parsed = new IPAddressString(text);
        if (!parsed.isIPAddress()) {
          throw new ConfigException(
              name,
              value,
              "'" + text + "' is not an IPv4 or IPv6 address or CIDR range (e.g. 127.0.0.0/8)");
        }
      }
    }

    @Override
    public String toString() {
      return "IPv4 or IPv6 addresses or CIDR ranges";
    }
  }
}
