package org.isachub.app;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.isachub.broker.BrokerSettings;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.distribute.member.AuditLog;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberDirectory;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One hub process: the embedded broker (unless it joins a cluster), the topic catalogue applied,
 * and the stages of its roles. Start once, close once.
 *
 * <p>Not thread-safe, except that {@link #close()} may be called from a shutdown hook while {@link
 * #awaitStop()} waits.
 */
public final class Hub implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Hub.class);
  private static final String DEMO_MEMBERS_RESOURCE = "/org/isachub/app/demo-members.json";
  private static final Duration SEED_TIMEOUT = Duration.ofSeconds(60);

  private final HubConfig config;
  private final Map<String, StageFactory> factories;
  private final List<Stage> running = new ArrayList<>();
  private final java.util.concurrent.CountDownLatch stopped =
      new java.util.concurrent.CountDownLatch(1);
  private @Nullable EmbeddedKafkaBroker broker;
  private List<TopicCatalogue.Result> topicResults = List.of();
  private List<String> unavailableRoles = List.of();
  private DemoSeed.@Nullable Result demo;
  private boolean closed;

  /**
   * Creates a hub that is not yet started.
   *
   * @param config the configuration
   * @param factories the stage factory of each role this build provides
   */
  public Hub(HubConfig config, Map<String, StageFactory> factories) {
    this.config = config;
    this.factories = Map.copyOf(factories);
  }

  /**
   * Starts the broker if embedded, applies the topic catalogue, then starts the stages.
   *
   * @throws Exception if any part fails to start; what had started is closed again
   */
  public void start() throws Exception {
    try {
      Files.createDirectories(config.dataDir());
      if (config.usesEmbeddedBroker()) {
        broker =
            new EmbeddedKafkaBroker(
                    new BrokerSettings(
                        config.dataDir(),
                        config.getString(HubConfig.BROKER_HOST_CONFIG),
                        config.getInt(HubConfig.BROKER_PORT_CONFIG),
                        config.getInt(HubConfig.BROKER_CONTROLLER_PORT_CONFIG),
                        Map.of()))
                .start();
      }
      try (Admin admin = Admin.create(kafkaClientSettings())) {
        topicResults = catalogue(admin).apply(Topics.fixed());
      }
      if (config.seedsDemo()) {
        demo = seedDemo();
      }
      List<String> missing = new ArrayList<>();
      for (String role : config.roles()) {
        StageFactory factory = factories.get(role);
        if (factory == null) {
          missing.add(role);
          continue;
        }
        Stage stage = factory.create(config, kafkaClientSettings());
        stage.start();
        running.add(stage);
        LOG.info("event=stage-started role={}", role);
      }
      unavailableRoles = List.copyOf(missing);
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /**
   * Blocks until {@link #close()} is called.
   *
   * @throws InterruptedException if interrupted while waiting
   */
  public void awaitStop() throws InterruptedException {
    stopped.await();
  }

  /** Stops the stages in reverse order, then the embedded broker. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    List<Stage> reverse = new ArrayList<>(running);
    Collections.reverse(reverse);
    for (Stage stage : reverse) {
      stage.close();
      LOG.info("event=stage-stopped role={}", stage.role());
    }
    running.clear();
    if (broker != null) {
      broker.close();
    }
    stopped.countDown();
  }

  /**
   * The Kafka client settings every client of this process starts from.
   *
   * @return bootstrap servers plus the {@code kafka.} pass-through settings
   */
  public Map<String, Object> kafkaClientSettings() {
    Map<String, Object> settings = new HashMap<>(config.kafkaClientOverrides());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    return settings;
  }

  /**
   * Where Kafka is.
   *
   * @return the embedded broker's address, or the configured cluster
   */
  public String bootstrapServers() {
    return broker != null
        ? broker.bootstrapServers()
        : config.getString(HubConfig.BOOTSTRAP_SERVERS_CONFIG);
  }

  /**
   * The embedded broker's log directory, if this process runs one.
   *
   * @return the directory, or null when joined to a cluster
   */
  public @Nullable Path brokerLogDir() {
    return broker == null ? null : broker.logDir();
  }

  /**
   * What applying the topic catalogue did at start.
   *
   * @return one result per topic
   */
  public List<TopicCatalogue.Result> topicResults() {
    return topicResults;
  }

  /**
   * The running stages.
   *
   * @return stages in start order
   */
  public List<Stage> stages() {
    return List.copyOf(running);
  }

  /**
   * Roles that were asked for but that this build does not provide yet.
   *
   * @return role names
   */
  public List<String> unavailableRoles() {
    return unavailableRoles;
  }

  /**
   * What seeding the demo members did, if this process seeded them.
   *
   * @return the demo members' tokens and what changed, or null when not seeded
   */
  public DemoSeed.@Nullable Result demo() {
    return demo;
  }

  private DemoSeed.Result seedDemo() throws Exception {
    List<DemoSeed.DemoMember> members;
    String file = config.getString(HubConfig.DEMO_MEMBERS_FILE_CONFIG);
    try (InputStream in =
        file.isBlank()
            ? Hub.class.getResourceAsStream(DEMO_MEMBERS_RESOURCE)
            : Files.newInputStream(Path.of(file))) {
      if (in == null) {
        throw new IllegalStateException("the launcher was built without " + DEMO_MEMBERS_RESOURCE);
      }
      members = DemoSeed.read(in);
    }
    Map<String, Object> kafka = kafkaClientSettings();
    Clock clock = Clock.systemUTC();
    try (MemberDirectory directory = new MemberDirectory(kafka, "isachub-seed-directory").start();
        AuditLog audit = new AuditLog(kafka, "isachub-seed-audit");
        MemberAdmin admin =
            new MemberAdmin(kafka, "isachub-seed-admin", directory, audit, clock, SEED_TIMEOUT)) {
      return new DemoSeed(directory, admin, clock)
          .seed(members, config.demoCredentialsFile(), SEED_TIMEOUT);
    }
  }

  /**
   * A topic catalogue for a cluster, with the replication factor chosen by its size unless set.
   *
   * @param admin admin client of the cluster
   * @return the catalogue applier
   * @throws Exception if the cluster cannot be described
   */
  public TopicCatalogue catalogue(Admin admin) throws Exception {
    return catalogue(admin, config);
  }

  static TopicCatalogue catalogue(Admin admin, HubConfig config) throws Exception {
    short replication = config.getShort(HubConfig.REPLICATION_FACTOR_CONFIG);
    if (replication == 0) {
      int brokers = admin.describeCluster().nodes().get(60, TimeUnit.SECONDS).size();
      replication = (short) (brokers >= 3 ? 3 : 1);
    }
    return new TopicCatalogue(admin, replication, config.getInt(HubConfig.PARTITION_FACTOR_CONFIG));
  }
}
