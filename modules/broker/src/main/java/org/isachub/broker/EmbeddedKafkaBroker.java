package org.isachub.broker;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.apache.kafka.server.common.MetadataVersion;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker (KRaft, combined broker and controller) running in this JVM.
 *
 * <p>On first start it formats its data directory; later starts find the same cluster and the
 * records written before. It binds only the configured host. This class is the one place in the
 * project that touches Kafka server internals.
 *
 * <p>Not thread-safe: start, restart and close it from one thread.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
  private static final int NODE_ID = 1;
  private static final String CONTROLLER_LISTENER = "CONTROLLER";
  private static final String CLIENT_LISTENER = "PLAINTEXT";

  private final BrokerSettings settings;
  private @Nullable KafkaRaftServer server;

  /**
   * Creates a broker that is not yet started.
   *
   * @param settings where it keeps its data and which ports it binds
   */
  public EmbeddedKafkaBroker(BrokerSettings settings) {
    this.settings = settings;
  }

  /**
   * Formats the data directory if it is new, then starts the broker and waits until it accepts
   * connections.
   *
   * @return this broker
   * @throws BrokerException if the directory cannot be formatted or the broker does not start
   */
  public EmbeddedKafkaBroker start() {
    if (server != null) {
      throw new IllegalStateException("broker already running on " + bootstrapServers());
    }
    Path logDir = logDir();
    try {
      Files.createDirectories(logDir);
    } catch (IOException e) {
      throw new BrokerException("cannot create broker data directory " + logDir, e);
    }
    Map<String, String> props = brokerProperties(logDir);
    if (!Files.exists(logDir.resolve("meta.properties"))) {
      format(logDir);
    }
    Properties properties = new Properties();
    properties.putAll(props);
    KafkaRaftServer raft =
        new KafkaRaftServer(KafkaConfig.fromProps(properties, false), Time.SYSTEM);
    try {
      raft.startup();
    } catch (RuntimeException e) {
      stopQuietly(raft);
      throw new BrokerException("embedded broker failed to start on " + bootstrapServers(), e);
    }
    server = raft;
    awaitListening();
    LOG.info("event=broker-started bootstrap={} data={}", bootstrapServers(), logDir);
    return this;
  }

  /** Stops the broker (as on a clean shutdown) and starts it again on the same data. */
  public void restart() {
    stop();
    start();
  }

  /** Stops the broker cleanly and waits for it; harmless when it is not running. */
  public void stop() {
    KafkaRaftServer raft = server;
    server = null;
    if (raft != null) {
      stopQuietly(raft);
      LOG.info("event=broker-stopped bootstrap={}", bootstrapServers());
    }
  }

  /** Same as {@link #stop()}. */
  @Override
  public void close() {
    stop();
  }

  /**
   * Tells whether the broker is running.
   *
   * @return true between a successful {@link #start()} and {@link #stop()}
   */
  public boolean isRunning() {
    return server != null;
  }

  /**
   * The address clients connect to.
   *
   * @return {@code host:port} of the client listener
   */
  public String bootstrapServers() {
    return settings.host() + ":" + settings.port();
  }

  /**
   * The settings this broker runs with.
   *
   * @return the settings
   */
  public BrokerSettings settings() {
    return settings;
  }

  /**
   * The directory holding the Kafka log segments and metadata.
   *
   * @return {@code <dataDir>/kafka}
   */
  public Path logDir() {
    return settings.dataDir().resolve("kafka");
  }

  private Map<String, String> brokerProperties(Path logDir) {
    String host = settings.host();
    Map<String, String> p = new LinkedHashMap<>();
    p.put("process.roles", "broker,controller");
    p.put("node.id", Integer.toString(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@" + host + ":" + settings.controllerPort());
    p.put("controller.listener.names", CONTROLLER_LISTENER);
    p.put(
        "listeners",
        CLIENT_LISTENER
            + "://"
            + host
            + ":"
            + settings.port()
            + ","
            + CONTROLLER_LISTENER
            + "://"
            + host
            + ":"
            + settings.controllerPort());
    p.put("advertised.listeners", CLIENT_LISTENER + "://" + host + ":" + settings.port());
    p.put(
        "listener.security.protocol.map",
        CLIENT_LISTENER + ":PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
    p.put("inter.broker.listener.name", CLIENT_LISTENER);
    p.put("log.dirs", logDir.toString());
    // A single node cannot replicate: internal topics must accept a replication factor of one.
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    p.put("share.coordinator.state.topic.replication.factor", "1");
    p.put("share.coordinator.state.topic.min.isr", "1");
    // Fewer internal partitions than the server default of 50: faster first start on small boxes.
    p.put("offsets.topic.num.partitions", "8");
    p.put("transaction.state.log.num.partitions", "8");
    // The hub creates every topic it uses from its catalogue; a typo must fail, not create a topic.
    p.put("auto.create.topics.enable", "false");
    // No reason to delay the first rebalance when there is one process per group on the box.
    p.put("group.initial.rebalance.delay.ms", "0");
    p.putAll(settings.overrides());
    return p;
  }

  private void format(Path logDir) {
    Formatter formatter =
        new Formatter()
            .setClusterId(Uuid.randomUuid().toString())
            .setNodeId(NODE_ID)
            .setDirectories(List.of(logDir.toString()))
            .setMetadataLogDirectory(logDir.toString())
            .setControllerListenerName(CONTROLLER_LISTENER)
            .setReleaseVersion(MetadataVersion.latestProduction())
            .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
            .setPrintStream(new PrintStream(OutputStream.nullOutputStream()));
    try {
      formatter.run();
    } catch (Exception e) {
      throw new BrokerException("cannot format broker storage in " + logDir, e);
    }
    LOG.info("event=broker-formatted data={} cluster={}", logDir, formatter.clusterId());
  }

  private void awaitListening() {
    // startup() returns once the broker is registered, but a socket may take a moment to accept.
    long deadline = System.nanoTime() + 30_000_000_000L;
    IOException last = null;
    while (System.nanoTime() < deadline) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(settings.host(), settings.port()), 1000);
        return;
      } catch (IOException e) {
        last = e;
        sleep(50);
      }
    }
    stop();
    throw new BrokerException(
        "embedded broker did not accept connections on " + bootstrapServers(),
        new UncheckedIOException(last == null ? new IOException("timed out") : last));
  }

  private static void stopQuietly(KafkaRaftServer raft) {
    try {
      raft.shutdown();
      raft.awaitShutdown();
    } catch (RuntimeException e) {
      LOG.warn("event=broker-stop-failed reason={}", e.toString());
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new BrokerException("interrupted while waiting for the broker", e);
    }
  }
}
