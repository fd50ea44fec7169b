package org.isachub.enrich;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.score.DecayProfile;
import org.isachub.enrich.score.ScoringConfig;

/**
 * Configuration of the enrich stage: its Kafka Streams identity and pace, the scoring parameters
 * that are operators' business (source reliability, expiry floor), and the warninglists.
 *
 * <p>Immutable and thread-safe.
 */
public final class EnrichConfig extends AbstractConfig {

  /** Key of the Streams application id. */
  public static final String APPLICATION_ID_CONFIG = "isachub.enrich.application.id";

  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id of the enrich stage; every enrich process of one hub shares"
          + " it (it names the consumer group and the state changelogs).";

  /** Key of the local state directory. */
  public static final String STATE_DIR_CONFIG = "isachub.enrich.state.dir";

  private static final String STATE_DIR_DOC =
      "Directory for the stage's RocksDB state. Empty means <isachub.data.dir>/streams.";

  /** Key of the stream thread count. */
  public static final String THREADS_CONFIG = "isachub.enrich.threads";

  private static final String THREADS_DOC = "Stream threads in this process.";

  /** Key of the commit interval. */
  public static final String COMMIT_INTERVAL_MS_CONFIG = "isachub.enrich.commit.interval.ms";

  private static final String COMMIT_INTERVAL_MS_DOC =
      "How often the stage commits its exactly-once transaction; its output becomes visible to"
          + " read-committed consumers at each commit, so this bounds the stage's added latency.";

  /** Key of the decay punctuation interval. */
  public static final String PUNCTUATE_INTERVAL_MS_CONFIG = "isachub.enrich.punctuate.interval.ms";

  private static final String PUNCTUATE_INTERVAL_MS_DOC =
      "How often (wall clock) the stage looks for indicators whose decay or valid_until is due.";

  /** Key of the most due indicators handled per punctuation. */
  public static final String PUNCTUATE_MAX_CONFIG = "isachub.enrich.punctuate.max.per.run";

  private static final String PUNCTUATE_MAX_DOC =
      "Most due indicators re-evaluated in one punctuation; the rest wait for the next, so a burst"
          + " of expiries cannot stall the stage.";

  /** Key of per-source reliability grades. */
  public static final String SOURCE_RELIABILITY_CONFIG = "isachub.enrich.source.reliability";

  private static final String SOURCE_RELIABILITY_DOC =
      "Admiralty reliability grade per source, as source=GRADE pairs (e.g. feodo=B,urlhaus=B)."
          + " See docs/scoring.md.";

  /** Key of the default reliability grade. */
  public static final String DEFAULT_RELIABILITY_CONFIG = "isachub.enrich.default.reliability";

  private static final String DEFAULT_RELIABILITY_DOC =
      "Admiralty grade of a source with no grade of its own (A-F).";

  /** Key of the expiry floor. */
  public static final String EXPIRY_FLOOR_CONFIG = "isachub.enrich.expiry.floor";

  private static final String EXPIRY_FLOOR_DOC =
      "Score (0-100) under which an indicator is EXPIRED and withdrawn from feeds.";

  /** Key of per-type decay profiles. */
  public static final String DECAY_CONFIG = "isachub.enrich.decay";

  private static final String DECAY_DOC =
      "Decay profile per observable type, as type=LIFETIME_DAYS:SPEED pairs (e.g."
          + " ipv4-addr=47:1.65,domain-name=300:2.1). Types not named keep the model's defaults"
          + " (docs/scoring.md).";

  /** Key of the score bands. */
  public static final String BANDS_CONFIG = "isachub.enrich.bands";

  private static final String BANDS_DOC =
      "Lower bounds of the score bands, from 0, strictly increasing, below 100. A score that moves"
          + " into another band is a change subscribers see; moves within a band are not sent.";

  /** Key of the warninglist directory. */
  public static final String WARNINGLISTS_DIR_CONFIG = "isachub.enrich.warninglists.dir";

  private static final String WARNINGLISTS_DIR_DOC =
      "Directory of warninglist files (see docs/scoring.md) loaded in addition to the built-in"
          + " lists. Empty loads only the built-in lists.";

  /** Key that turns the built-in warninglists on or off. */
  public static final String WARNINGLISTS_BUILTIN_CONFIG = "isachub.enrich.warninglists.builtin";

  private static final String WARNINGLISTS_BUILTIN_DOC =
      "Whether the built-in warninglists (IANA special-purpose ranges, public resolvers,"
          + " documentation names, the largest platforms) are loaded.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              APPLICATION_ID_CONFIG,
              Type.STRING,
              "isachub-enrich",
              Importance.HIGH,
              APPLICATION_ID_DOC)
          .define(STATE_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, STATE_DIR_DOC)
          .define(THREADS_CONFIG, Type.INT, 1, Range.between(1, 64), Importance.MEDIUM, THREADS_DOC)
          .define(
              COMMIT_INTERVAL_MS_CONFIG,
              Type.LONG,
              100L,
              Range.between(10, 60_000),
              Importance.MEDIUM,
              COMMIT_INTERVAL_MS_DOC)
          .define(
              PUNCTUATE_INTERVAL_MS_CONFIG,
              Type.LONG,
              1_000L,
              Range.between(10, 3_600_000),
              Importance.LOW,
              PUNCTUATE_INTERVAL_MS_DOC)
          .define(
              PUNCTUATE_MAX_CONFIG,
              Type.INT,
              10_000,
              Range.atLeast(1),
              Importance.LOW,
              PUNCTUATE_MAX_DOC)
          .define(
              SOURCE_RELIABILITY_CONFIG, Type.LIST, "", Importance.MEDIUM, SOURCE_RELIABILITY_DOC)
          .define(
              DEFAULT_RELIABILITY_CONFIG,
              Type.STRING,
              ScoringConfig.defaults().defaultGrade().name(),
              ConfigDef.ValidString.in("A", "B", "C", "D", "E", "F"),
              Importance.MEDIUM,
              DEFAULT_RELIABILITY_DOC)
          .define(
              EXPIRY_FLOOR_CONFIG,
              Type.DOUBLE,
              ScoringConfig.defaults().expiryFloor(),
              Range.between(0, 100),
              Importance.MEDIUM,
              EXPIRY_FLOOR_DOC)
          .define(DECAY_CONFIG, Type.LIST, "", Importance.LOW, DECAY_DOC)
          .define(BANDS_CONFIG, Type.LIST, "0,20,40,60,80", Importance.LOW, BANDS_DOC)
          .define(WARNINGLISTS_DIR_CONFIG, Type.STRING, "", Importance.MEDIUM, WARNINGLISTS_DIR_DOC)
          .define(
              WARNINGLISTS_BUILTIN_CONFIG,
              Type.BOOLEAN,
              true,
              Importance.LOW,
              WARNINGLISTS_BUILTIN_DOC);

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; others are ignored
   * @throws ConfigException naming the key and the problem
   */
  public EnrichConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    scoring(); // fail at start, not at the first record
  }

  /**
   * The scoring parameters: the model's defaults with this configuration's overrides.
   *
   * @return the scoring configuration
   * @throws ConfigException if a source grade is malformed
   */
  public ScoringConfig scoring() {
    ScoringConfig.Builder builder =
        ScoringConfig.defaults().toBuilder()
            .defaultGrade(Admiralty.parse(getString(DEFAULT_RELIABILITY_CONFIG)))
            .expiryFloor(getDouble(EXPIRY_FLOOR_CONFIG));
    for (Map.Entry<String, Admiralty> e : sourceGrades().entrySet()) {
      builder.sourceGrade(e.getKey(), e.getValue());
    }
    for (String pair : getList(DECAY_CONFIG)) {
      int eq = pair.indexOf('=');
      int colon = pair.indexOf(':', eq + 1);
      if (eq <= 0 || colon < 0) {
        throw new ConfigException(DECAY_CONFIG, pair, "expected type=LIFETIME_DAYS:SPEED");
      }
      try {
        builder.decay(
            pair.substring(0, eq).trim(),
            DecayProfile.ofDays(
                Long.parseLong(pair.substring(eq + 1, colon).trim()),
                Double.parseDouble(pair.substring(colon + 1).trim())));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(DECAY_CONFIG, pair, e.getMessage());
      }
    }
    List<Double> bands = new java.util.ArrayList<>();
    for (String b : getList(BANDS_CONFIG)) {
      try {
        bands.add(Double.parseDouble(b.trim()));
      } catch (NumberFormatException e) {
        throw new ConfigException(BANDS_CONFIG, b, "not a number");
      }
    }
    builder.bands(bands);
    try {
      return builder.build();
    } catch (IllegalArgumentException e) {
      throw new ConfigException(e.getMessage());
    }
  }

  /**
   * The state directory, defaulting under the hub's data directory.
   *
   * @param dataDir the hub's data directory
   * @return where RocksDB state lives
   */
  public Path stateDir(Path dataDir) {
    String dir = getString(STATE_DIR_CONFIG);
    return dir.isBlank() ? dataDir.resolve("streams") : Path.of(dir);
  }

  private Map<String, Admiralty> sourceGrades() {
    Map<String, Admiralty> grades = new HashMap<>();
    List<String> pairs = getList(SOURCE_RELIABILITY_CONFIG);
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      if (eq <= 0 || eq == pair.length() - 1) {
        throw new ConfigException(SOURCE_RELIABILITY_CONFIG, pair, "expected source=GRADE");
      }
      try {
        grades.put(pair.substring(0, eq).trim(), Admiralty.parse(pair.substring(eq + 1).trim()));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(SOURCE_RELIABILITY_CONFIG, pair, e.getMessage());
      }
    }
    return grades;
  }
}
