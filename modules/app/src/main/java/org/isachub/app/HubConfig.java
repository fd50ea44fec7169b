package org.isachub.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.ValidList;
import org.apache.kafka.common.config.ConfigException;

/**
 * Configuration of a hub process ({@code isachub run}): where Kafka is, where data lives, which
 * roles run. Every key can come from a properties file, an {@code ISACHUB_*} environment variable
 * or the command line (see {@link ConfigSources}). Kafka client settings pass through with the
 * prefix {@code kafka.}.
 *
 * <p>Immutable and thread-safe.
 */
public final class HubConfig extends AbstractConfig {

  /** Key of the Kafka cluster address. */
  public static final String BOOTSTRAP_SERVERS_CONFIG = "isachub.kafka.bootstrap.servers";

  private static final String BOOTSTRAP_SERVERS_DOC =
      "Kafka cluster to join, as host:port[,host:port]. Empty runs the embedded single-node broker"
          + " in this process.";

  /** Key of the data directory. */
  public static final String DATA_DIR_CONFIG = "isachub.data.dir";

  private static final String DATA_DIR_DOC =
      "Directory for the hub's local data: the embedded broker's log (under kafka/), Kafka"
          + " Streams state and the demo credentials. Created if missing; kept across runs.";

  /** Key of the embedded broker's host. */
  public static final String BROKER_HOST_CONFIG = "isachub.broker.host";

  private static final String BROKER_HOST_DOC =
      "Address the embedded broker binds and advertises. Keep it on loopback unless the broker is"
          + " secured.";

  /** Key of the embedded broker's client port. */
  public static final String BROKER_PORT_CONFIG = "isachub.broker.port";

  private static final String BROKER_PORT_DOC = "Client port of the embedded broker.";

  /** Key of the embedded broker's controller port. */
  public static final String BROKER_CONTROLLER_PORT_CONFIG = "isachub.broker.controller.port";

  private static final String BROKER_CONTROLLER_PORT_DOC =
      "KRaft controller port of the embedded broker.";

  /** Key of the roles this process runs. */
  public static final String ROLES_CONFIG = "isachub.roles";

  private static final String ROLES_DOC =
      "Stages this process runs. Processes with the same roles against the same cluster share the"
          + " work through Kafka consumer groups.";

  /** Key of the replication factor of created topics. */
  public static final String REPLICATION_FACTOR_CONFIG = "isachub.topics.replication.factor";

  private static final String REPLICATION_FACTOR_DOC =
      "Replicas of each topic the hub creates. 0 picks by cluster size: 1 on one broker, 3 on three"
          + " or more.";

  /** Key of the partition multiplier of created topics. */
  public static final String PARTITION_FACTOR_CONFIG = "isachub.topics.partition.factor";

  private static final String PARTITION_FACTOR_DOC =
      "Multiplier of each topic's partition count (the catalogue gives the single-node count)."
          + " Raise it to run more stage processes than partitions allow. Member feeds always keep"
          + " one partition.";

  /** Key of the demo seeding mode. */
  public static final String DEMO_SEED_CONFIG = "isachub.demo.seed";

  private static final String DEMO_SEED_DOC =
      "Whether run seeds the demo members (deploy/local/demo-members.json) and writes their"
          + " tokens to <isachub.data.dir>/demo-credentials.json: auto seeds only with the embedded"
          + " broker, always also on a cluster, never not at all. Never seed a production cluster:"
          + " the demo admin's token is printed.";

  /** Key of the demo members file. */
  public static final String DEMO_MEMBERS_FILE_CONFIG = "isachub.demo.members.file";

  private static final String DEMO_MEMBERS_FILE_DOC =
      "Demo members to seed, in the format of deploy/local/demo-members.json. Empty uses the copy"
          + " of that file built into the launcher.";

  /** The roles a hub process can run. */
  public static final List<String> ALL_ROLES = List.of("ingest", "enrich", "distribute", "server");

  /** Prefix of Kafka client settings passed through to every client. */
  public static final String KAFKA_PREFIX = "kafka.";

  /** The definition of every key. */
  public static final ConfigDef CONFIG =
      new ConfigDef()
          .define(BOOTSTRAP_SERVERS_CONFIG, Type.STRING, "", Importance.HIGH, BOOTSTRAP_SERVERS_DOC)
          .define(DATA_DIR_CONFIG, Type.STRING, "var", Importance.HIGH, DATA_DIR_DOC)
          .define(
              BROKER_HOST_CONFIG,
              Type.STRING,
              "127.0.0.1",
              new ConfigDef.NonEmptyString(),
              Importance.MEDIUM,
              BROKER_HOST_DOC)
          .define(
              BROKER_PORT_CONFIG,
              Type.INT,
              9092,
              Range.between(1, 65535),
              Importance.MEDIUM,
              BROKER_PORT_DOC)
          .define(
              BROKER_CONTROLLER_PORT_CONFIG,
              Type.INT,
              9093,
              Range.between(1, 65535),
              Importance.LOW,
              BROKER_CONTROLLER_PORT_DOC)
          .define(
              ROLES_CONFIG,
              Type.LIST,
              String.join(",", ALL_ROLES),
              ValidList.in(ALL_ROLES.toArray(new String[0])),
              Importance.HIGH,
              ROLES_DOC)
          .define(
              REPLICATION_FACTOR_CONFIG,
              Type.SHORT,
              (short) 0,
              Range.between(0, 16),
              Importance.MEDIUM,
              REPLICATION_FACTOR_DOC)
          .define(
              PARTITION_FACTOR_CONFIG,
              Type.INT,
              1,
              Range.between(1, 64),
              Importance.MEDIUM,
              PARTITION_FACTOR_DOC)
          .define(
              DEMO_SEED_CONFIG,
              Type.STRING,
              "auto",
              ConfigDef.ValidString.in("auto", "always", "never"),
              Importance.MEDIUM,
              DEMO_SEED_DOC)
          .define(DEMO_MEMBERS_FILE_CONFIG, Type.STRING, "", Importance.LOW, DEMO_MEMBERS_FILE_DOC);

  /**
   * Parses and validates settings.
   *
   * @param props settings by key; unknown keys are kept for pass-through
   * @throws ConfigException naming the key and the problem
   */
  public HubConfig(Map<?, ?> props) {
    super(CONFIG, props, false);
    if (usesEmbeddedBroker()
        && getInt(BROKER_PORT_CONFIG).equals(getInt(BROKER_CONTROLLER_PORT_CONFIG))) {
      throw new ConfigException(
          BROKER_PORT_CONFIG + " and " + BROKER_CONTROLLER_PORT_CONFIG + " must differ");
    }
    if (getList(ROLES_CONFIG).isEmpty()) {
      throw new ConfigException(ROLES_CONFIG, "", "name at least one role");
    }
  }

  /**
   * Tells whether this process runs its own broker.
   *
   * @return true when no bootstrap servers are configured
   */
  public boolean usesEmbeddedBroker() {
    return getString(BOOTSTRAP_SERVERS_CONFIG).isBlank();
  }

  /**
   * The data directory.
   *
   * @return the configured path
   */
  public Path dataDir() {
    return Path.of(getString(DATA_DIR_CONFIG));
  }

  /**
   * Tells whether this process seeds the demo members.
   *
   * @return true for {@code always}, and for {@code auto} with the embedded broker
   */
  public boolean seedsDemo() {
    String mode = getString(DEMO_SEED_CONFIG);
    return mode.equals("always") || (mode.equals("auto") && usesEmbeddedBroker());
  }

  /**
   * Where the demo members' tokens are kept.
   *
   * @return {@code <data dir>/demo-credentials.json}
   */
  public Path demoCredentialsFile() {
    return dataDir().resolve("demo-credentials.json");
  }

  /**
   * The roles to run.
   *
   * @return role names, in the order given
   */
  public List<String> roles() {
    return getList(ROLES_CONFIG);
  }

  /**
   * Kafka client settings given with the {@code kafka.} prefix, without it.
   *
   * @return the pass-through settings
   */
  public Map<String, Object> kafkaClientOverrides() {
    return originalsWithPrefix(KAFKA_PREFIX);
  }
}
