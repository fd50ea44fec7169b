package org.isachub.ingest;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.isachub.ingest.taxii.TaxiiAuth;
import org.isachub.ingest.taxii.TaxiiSource;
import org.isachub.stix.model.Tlp;

/**
 * Configuration of the ingest stage: request limits, producer settings, source TLP defaults and the
 * upstream TAXII collections to poll.
 *
 * <p>Each TAXII poller named in {@value #TAXII_POLLERS_CONFIG} is configured by keys under {@code
 * isachub.ingest.taxii.poller.<id>.}: {@code api.root}, {@code collection}, {@code auth} ({@code
 * none}, {@code basic}, {@code bearer}), {@code username}, {@code password}, {@code token}, {@code
 * source} (defaults to the poller id), {@code tlp} (defaults to {@value #DEFAULT_TLP_CONFIG}),
 * {@code interval.ms} (300000) and {@code page.size} (500).
 *
 * <p>Immutable and thread-safe.
 */
public final class IngestConfig extends AbstractConfig {

  /** Key of the request size limit. */
  public static final String MAX_REQUEST_BYTES_CONFIG = "isachub.ingest.max.request.bytes";

  private static final String MAX_REQUEST_BYTES_DOC =
      "Largest request body (a bundle, a feed file, a MISP event, a TAXII page), in bytes; a larger"
          + " one is refused whole with limit.request-bytes.";

  /** Key of the bundle object limit. */
  public static final String MAX_BUNDLE_OBJECTS_CONFIG = "isachub.ingest.max.bundle.objects";

  private static final String MAX_BUNDLE_OBJECTS_DOC =
      "Most objects in one STIX bundle or TAXII page; more refuses it with limit.bundle-objects.";

  /** Key of the JSON depth limit. */
  public static final String MAX_JSON_DEPTH_CONFIG = "isachub.ingest.max.json.depth";

  private static final String MAX_JSON_DEPTH_DOC =
      "Deepest JSON nesting accepted; deeper input is refused with limit.json-depth.";

  /** Key of the JSON string limit. */
  public static final String MAX_STRING_LENGTH_CONFIG = "isachub.ingest.max.string.length";

  private static final String MAX_STRING_LENGTH_DOC =
      "Longest JSON string accepted, in characters; longer is refused with limit.json-string.";

  /** Key of the pattern length limit. */
  public static final String MAX_PATTERN_LENGTH_CONFIG = "isachub.ingest.max.pattern.length";

  private static final String MAX_PATTERN_LENGTH_DOC =
      "Longest STIX pattern accepted, in characters; an indicator with a longer one is refused"
          + " with limit.pattern-length.";

  /** Key of the CSV line limit. */
  public static final String MAX_LINE_LENGTH_CONFIG = "isachub.ingest.max.line.length";

  private static final String MAX_LINE_LENGTH_DOC =
      "Longest CSV record or text line, in bytes; a longer one is refused with"
          + " csv.line-too-long or text.line-too-long.";

  /** Key of the feed row limit. */
  public static final String MAX_RECORDS_CONFIG = "isachub.ingest.max.records";

  private static final String MAX_RECORDS_DOC =
      "Most CSV rows, text lines or MISP attributes read from one request; the first beyond is"
          + " refused with limit.objects and reading stops.";

  /** Key of the acknowledgement timeout. */
  public static final String ACK_TIMEOUT_MS_CONFIG = "isachub.ingest.ack.timeout.ms";

  private static final String ACK_TIMEOUT_MS_DOC =
      "How long a request waits for Kafka to acknowledge all its writes before it fails as"
          + " unavailable (HTTP 503); also bounds the producer's delivery timeout.";

  /** Key of the retry hint. */
  public static final String RETRY_AFTER_SECONDS_CONFIG = "isachub.ingest.retry.after.seconds";

  private static final String RETRY_AFTER_SECONDS_DOC =
      "The Retry-After a client is given when Kafka did not acknowledge its request.";

  /** Key of the producer linger. */
  public static final String LINGER_MS_CONFIG = "isachub.ingest.producer.linger.ms";

  private static final String LINGER_MS_DOC =
      "Producer linger.ms: how long the producer waits to fill a batch.";

  /** Key of the producer batch size. */
  public static final String BATCH_BYTES_CONFIG = "isachub.ingest.producer.batch.bytes";

  private static final String BATCH_BYTES_DOC = "Producer batch.size, in bytes per partition.";

  /** Key of the producer compression. */
  public static final String COMPRESSION_CONFIG = "isachub.ingest.producer.compression";

  private static final String COMPRESSION_DOC =
      "Producer compression.type (none, gzip; snappy, lz4 and zstd need their libraries).";

  /** Key of the dead-letter value cap. */
  public static final String DEAD_LETTER_MAX_BYTES_CONFIG =
      "isachub.ingest.deadletter.max.value.bytes";

  private static final String DEAD_LETTER_MAX_BYTES_DOC =
      "Most bytes of a refused request kept in its dead letter; a longer request is cut there, and"
          + " the dead letter says so, so it stays under the broker's message size limit.";

  /** Key of the default TLP. */
  public static final String DEFAULT_TLP_CONFIG = "isachub.ingest.default.tlp";

  private static final String DEFAULT_TLP_DOC =
      "TLP of a contribution whose object, request and source name none (CLEAR, GREEN, AMBER,"
          + " AMBER+STRICT, RED).";

  /** Key of per-source TLP defaults. */
  public static final String SOURCE_TLP_CONFIG = "isachub.ingest.source.default.tlp";

  private static final String SOURCE_TLP_DOC =
      "Default TLP per source, as source=TLP pairs (e.g. feodo=CLEAR,urlhaus=CLEAR).";

  /** Key of the TAXII poller list. */
  public static final String TAXII_POLLERS_CONFIG = "isachub.ingest.taxii.pollers";

  private static final String TAXII_POLLERS_DOC =
      "Ids of the upstream TAXII 2.1 collections to poll; each is configured under"
          + " isachub.ingest.taxii.poller.<id>.";

  /** Key of the TAXII HTTP timeout. */
  public static final String TAXII_TIMEOUT_MS_CONFIG = "isachub.ingest.taxii.request.timeout.ms";

  private static final String TAXII_TIMEOUT_MS_DOC =
      "How long a poller waits for one upstream TAXII response.";

  /** Prefix of the per-poller keys. */
  public static final String TAXII_POLLER_PREFIX = "isachub.ingest.taxii.poller.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              MAX_REQUEST_BYTES_CONFIG,
              Type.LONG,
              64L << 20,
              Range.atLeast(1),
              Importance.HIGH,
              MAX_REQUEST_BYTES_DOC)
          .define(
              MAX_BUNDLE_OBJECTS_CONFIG,
              Type.INT,
              250_000,
              Range.atLeast(1),
              Importance.MEDIUM,
              MAX_BUNDLE_OBJECTS_DOC)
          .define(
              MAX_JSON_DEPTH_CONFIG,
              Type.INT,
              64,
              Range.between(4, 1000),
              Importance.LOW,
              MAX_JSON_DEPTH_DOC)
          .define(
              MAX_STRING_LENGTH_CONFIG,
              Type.INT,
              1 << 20,
              Range.atLeast(64),
              Importance.LOW,
              MAX_STRING_LENGTH_DOC)
          .define(
              MAX_PATTERN_LENGTH_CONFIG,
              Type.INT,
              16 << 10,
              Range.atLeast(16),
              Importance.LOW,
              MAX_PATTERN_LENGTH_DOC)
          .define(
              MAX_LINE_LENGTH_CONFIG,
              Type.INT,
              16 << 10,
              Range.atLeast(64),
              Importance.LOW,
              MAX_LINE_LENGTH_DOC)
          .define(
              MAX_RECORDS_CONFIG,
              Type.INT,
              1_000_000,
              Range.atLeast(1),
              Importance.LOW,
              MAX_RECORDS_DOC)
          .define(
              ACK_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.between(1_000, 600_000),
              Importance.MEDIUM,
              ACK_TIMEOUT_MS_DOC)
          .define(
              RETRY_AFTER_SECONDS_CONFIG,
              Type.INT,
              10,
              Range.between(1, 3600),
              Importance.LOW,
              RETRY_AFTER_SECONDS_DOC)
          .define(
              LINGER_MS_CONFIG, Type.INT, 5, Range.between(0, 1000), Importance.LOW, LINGER_MS_DOC)
          .define(
              BATCH_BYTES_CONFIG,
              Type.INT,
              256 << 10,
              Range.between(1 << 10, 16 << 20),
              Importance.LOW,
              BATCH_BYTES_DOC)
          .define(
              COMPRESSION_CONFIG,
              Type.STRING,
              "none",
              ConfigDef.ValidString.in("none", "gzip", "snappy", "lz4", "zstd"),
              Importance.LOW,
              COMPRESSION_DOC)
          .define(
              DEAD_LETTER_MAX_BYTES_CONFIG,
              Type.INT,
              256 << 10,
              Range.between(1 << 10, 900 << 10),
              Importance.LOW,
              DEAD_LETTER_MAX_BYTES_DOC)
          .define(
              DEFAULT_TLP_CONFIG,
              Type.STRING,
              "GREEN",
              // Named, so the generated configuration reference is stable from run to run.
              ConfigDef.LambdaValidator.with(
                  (name, value) -> tlp(name, String.valueOf(value)),
                  () -> "CLEAR, GREEN, AMBER, AMBER+STRICT, RED"),
              Importance.MEDIUM,
              DEFAULT_TLP_DOC)
          .define(SOURCE_TLP_CONFIG, Type.LIST, "", Importance.MEDIUM, SOURCE_TLP_DOC)
          .define(TAXII_POLLERS_CONFIG, Type.LIST, "", Importance.MEDIUM, TAXII_POLLERS_DOC)
          .define(
              TAXII_TIMEOUT_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.between(100, 600_000),
              Importance.LOW,
              TAXII_TIMEOUT_MS_DOC);

  /** The definition of one poller's keys, relative to its prefix. */
  private static final ConfigDef POLLER =
      new ConfigDef()
          .define(
              "api.root", Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Importance.HIGH, "API root URL.")
          .define(
              "collection",
              Type.STRING,
              ConfigDef.NO_DEFAULT_VALUE,
              Importance.HIGH,
              "Collection id.")
          .define(
              "auth",
              Type.STRING,
              "none",
              ConfigDef.ValidString.in("none", "basic", "bearer"),
              Importance.HIGH,
              "Authentication scheme.")
          .define("username", Type.STRING, "", Importance.MEDIUM, "Basic user name.")
          .define("password", Type.PASSWORD, "", Importance.MEDIUM, "Basic password.")
          .define("token", Type.PASSWORD, "", Importance.MEDIUM, "Bearer token.")
          .define("source", Type.STRING, "", Importance.MEDIUM, "Source id; empty: the poller id.")
          .define("tlp", Type.STRING, "", Importance.MEDIUM, "Default TLP of its objects.")
          .define(
              "interval.ms",
              Type.LONG,
              300_000L,
              Range.atLeast(1_000),
              Importance.MEDIUM,
              "Poll interval.")
          .define(
              "page.size",
              Type.INT,
              500,
              Range.between(1, 10_000),
              Importance.LOW,
              "Objects asked for per page.");

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; others are ignored
   * @throws ConfigException naming the key and the problem
   */
  public IngestConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    sourceTlps(); // fail at start, not at the first request
    taxiiSources();
  }

  /** Returns the request limits. */
  public IngestLimits limits() {
    return new IngestLimits(
        getLong(MAX_REQUEST_BYTES_CONFIG),
        getInt(MAX_BUNDLE_OBJECTS_CONFIG),
        getInt(MAX_JSON_DEPTH_CONFIG),
        getInt(MAX_STRING_LENGTH_CONFIG),
        getInt(MAX_PATTERN_LENGTH_CONFIG),
        getInt(MAX_LINE_LENGTH_CONFIG),
        getInt(MAX_RECORDS_CONFIG));
  }

  /** Returns how long a request waits for acknowledgements. */
  public Duration ackTimeout() {
    return Duration.ofMillis(getLong(ACK_TIMEOUT_MS_CONFIG));
  }

  /** Returns the Retry-After a client is given when Kafka is unavailable. */
  public Duration retryAfter() {
    return Duration.ofSeconds(getInt(RETRY_AFTER_SECONDS_CONFIG));
  }

  /** Returns how much of a refused request its dead letter keeps. */
  public int deadLetterMaxBytes() {
    return getInt(DEAD_LETTER_MAX_BYTES_CONFIG);
  }

  /** Returns the TAXII HTTP timeout. */
  public Duration taxiiTimeout() {
    return Duration.ofMillis(getLong(TAXII_TIMEOUT_MS_CONFIG));
  }

  /**
   * Returns the default TLP of a source: its own, else {@value #DEFAULT_TLP_CONFIG}.
   *
   * @param source a source id
   * @return the TLP
   */
  public Tlp defaultTlpFor(String source) {
    Tlp own = sourceTlps().get(source);
    return own != null ? own : Tlp.fromName(getString(DEFAULT_TLP_CONFIG));
  }

  /**
   * The settings of the stage's producers: the Kafka client settings given, then the stage's own.
   *
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param clientId the producer's client id, naming stage and instance
   * @return the producer settings, byte-array serializers
   */
  public Map<String, Object> producerProperties(Map<String, Object> kafka, String clientId) {
    Map<String, Object> p = new HashMap<>(kafka);
    long ackTimeout = getLong(ACK_TIMEOUT_MS_CONFIG);
    int linger = getInt(LINGER_MS_CONFIG);
    p.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    // An accepted submission is never lost: every in-sync replica has it before we answer.
    p.put(ProducerConfig.ACKS_CONFIG, "all");
    // Retries after a lost acknowledgement must not write a record twice or out of order.
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // A request fails (503) within the ack timeout rather than hanging on a missing broker.
    p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, ackTimeout);
    p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) ackTimeout);
    // Kafka requires delivery.timeout.ms >= linger.ms + request.timeout.ms.
    p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, ackTimeout - linger));
    // Feeds arrive as large bursts: a short linger and large batches raise throughput.
    p.put(ProducerConfig.LINGER_MS_CONFIG, linger);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, getInt(BATCH_BYTES_CONFIG));
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, getString(COMPRESSION_CONFIG));
    p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    return p;
  }

  /**
   * The upstream TAXII collections to poll.
   *
   * @return one source per id in {@value #TAXII_POLLERS_CONFIG}
   * @throws ConfigException naming the key when a poller is misconfigured
   */
  public List<TaxiiSource> taxiiSources() {
    List<TaxiiSource> out = new ArrayList<>();
    for (String id : getList(TAXII_POLLERS_CONFIG)) {
      String prefix = TAXII_POLLER_PREFIX + id + ".";
      AbstractConfig p = new AbstractConfig(POLLER, originalsWithPrefix(prefix), false);
      String source = p.getString("source").isBlank() ? id : p.getString("source");
      String auth = p.getString("auth");
      try {
        TaxiiAuth a =
            switch (auth) {
              case "basic" ->
                  TaxiiAuth.basic(p.getString("username"), secret(p.getPassword("password")));
              case "bearer" -> TaxiiAuth.bearer(secret(p.getPassword("token")));
              default -> TaxiiAuth.none();
            };
        String tlp = p.getString("tlp");
        out.add(
            new TaxiiSource(
                id,
                URI.create(p.getString("api.root")),
                p.getString("collection"),
                a,
                source,
                tlp.isBlank() ? defaultTlpFor(source) : Tlp.fromName(tlp),
                Duration.ofMillis(p.getLong("interval.ms")),
                p.getInt("page.size")));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(prefix + "*", id, e.getMessage());
      }
    }
    return out;
  }

  private Map<String, Tlp> sourceTlps() {
    Map<String, Tlp> out = new HashMap<>();
    for (String pair : getList(SOURCE_TLP_CONFIG)) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException(SOURCE_TLP_CONFIG, pair, "expected source=TLP");
      }
      out.put(pair.substring(0, eq).trim(), tlp(SOURCE_TLP_CONFIG, pair.substring(eq + 1)));
    }
    return out;
  }

  private static Tlp tlp(String key, String name) {
    try {
      return Tlp.fromName(name);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key, name, e.getMessage());
    }
  }

  private static String secret(Password p) {
    return p == null ? "" : p.value();
  }
}
