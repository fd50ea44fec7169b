package org.isachub.distribute;

import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;

/**
 * Configuration of the distribute stage's feed topology: its Kafka Streams identity and pace.
 *
 * <p>Immutable and thread-safe.
 */
public final class DistributeConfig extends AbstractConfig {

  /** Key of the Streams application id. */
  public static final String APPLICATION_ID_CONFIG = "isachub.distribute.application.id";

  private static final String APPLICATION_ID_DOC =
      "Kafka Streams application id of the distribute stage; every distribute process of one hub"
          + " shares it.";

  /** Key of the local state directory. */
  public static final String STATE_DIR_CONFIG = "isachub.distribute.state.dir";

  private static final String STATE_DIR_DOC =
      "Directory for the stage's RocksDB state. Empty means <isachub.data.dir>/streams.";

  /** Key of the stream thread count. */
  public static final String THREADS_CONFIG = "isachub.distribute.threads";

  private static final String THREADS_DOC = "Stream threads in this process.";

  /** Key of the commit interval. */
  public static final String COMMIT_INTERVAL_MS_CONFIG = "isachub.distribute.commit.interval.ms";

  private static final String COMMIT_INTERVAL_MS_DOC =
      "How often the stage commits its exactly-once transaction; feed entries become visible to"
          + " read-committed consumers at each commit.";

  /** Key of the interval at which changed members and subscriptions are looked for. */
  public static final String CHANGE_CHECK_INTERVAL_MS_CONFIG =
      "isachub.distribute.change.check.interval.ms";

  private static final String CHANGE_CHECK_INTERVAL_MS_DOC =
      "How often (wall clock) each task looks for changed members and subscriptions and backfills"
          + " or withdraws for them.";

  /** Key of the interval at which the feed consumers' lag is measured. */
  public static final String LAG_INTERVAL_MS_CONFIG = "isachub.distribute.lag.interval.ms";

  private static final String LAG_INTERVAL_MS_DOC =
      "How often the lag of every consumer group reading a member's feed topic is measured and"
          + " published as isachub.distribute.feed.lag.records and .seconds; 0 turns it off.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(
              APPLICATION_ID_CONFIG,
              Type.STRING,
              "isachub-distribute",
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
              CHANGE_CHECK_INTERVAL_MS_CONFIG,
              Type.LONG,
              1_000L,
              Range.between(10, 600_000),
              Importance.LOW,
              CHANGE_CHECK_INTERVAL_MS_DOC)
          .define(
              LAG_INTERVAL_MS_CONFIG,
              Type.LONG,
              30_000L,
              Range.between(0, 3_600_000),
              Importance.LOW,
              LAG_INTERVAL_MS_DOC);

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; others are ignored
   */
  public DistributeConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
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
}
