package org.isachub.distribute;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.isachub.distribute.feed.internal.FeedProcessor;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Member;
import org.isachub.wire.streams.StageStreams;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the distribute feed topology, and keeps a feed topic in existence for every member (the
 * broker never creates topics on its own). The lifecycle is kept apart from {@link
 * DistributeTopology} so the topology can be tested on its own.
 *
 * <p>Not thread-safe: start and close from one thread.
 */
public final class DistributeStage implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(DistributeStage.class);

  private final DistributeConfig config;
  private final Map<String, Object> kafka;
  private final Path dataDir;
  private final MeterRegistry registry;
  private final Set<String> feedTopicsKnown = new HashSet<>();
  private @Nullable KafkaStreams streams;
  private @Nullable ScheduledExecutorService keeper;
  private @Nullable Admin admin;

  /**
   * Creates the stage.
   *
   * @param config the stage configuration
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param dataDir the hub's data directory, for the default state directory
   * @param registry where the stage's metrics go
   */
  public DistributeStage(
      DistributeConfig config, Map<String, Object> kafka, Path dataDir, MeterRegistry registry) {
    this.config = config;
    this.kafka = Map.copyOf(kafka);
    this.dataDir = dataDir;
    this.registry = registry;
  }

  /**
   * The Kafka Streams settings of the stage.
   *
   * @return the settings
   */
  public Properties streamsProperties() {
    return StageStreams.properties(
        "distribute",
        kafka,
        config.getString(DistributeConfig.APPLICATION_ID_CONFIG),
        config.stateDir(dataDir),
        config.getInt(DistributeConfig.THREADS_CONFIG),
        config.getLong(DistributeConfig.COMMIT_INTERVAL_MS_CONFIG));
  }

  /** Starts the topology and the feed-topic keeper, and waits until the topology runs. */
  public void start() {
    Admin a = Admin.create(kafka);
    admin = a;
    streams =
        StageStreams.start(
            "distribute",
            DistributeTopology.build(config, registry),
            streamsProperties(),
            Duration.ofSeconds(60));
    ensureFeedTopics();
    ScheduledExecutorService k =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isachub-feed-topics");
              t.setDaemon(true);
              return t;
            });
    k.scheduleWithFixedDelay(this::ensureFeedTopicsQuietly, 500, 500, TimeUnit.MILLISECONDS);
    keeper = k;
  }

  /** Creates the feed topic of every member that does not have one yet. */
  void ensureFeedTopics() {
    KafkaStreams s = streams;
    Admin a = admin;
    if (s == null || a == null || s.state() != KafkaStreams.State.RUNNING) {
      return;
    }
    ReadOnlyKeyValueStore<String, Member> store =
        s.store(
            StoreQueryParameters.fromNameAndType(
                FeedProcessor.MEMBERS_STORE, QueryableStoreTypes.<String, Member>keyValueStore()));
    List<org.isachub.wire.TopicSpec<?, ?>> missing = new java.util.ArrayList<>();
    try (KeyValueIterator<String, Member> it = store.all()) {
      while (it.hasNext()) {
        String id = it.next().key;
        if (!feedTopicsKnown.contains(id) && Topics.MEMBER_ID.matcher(id).matches()) {
          missing.add(Topics.feed(id));
        }
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    new TopicCatalogue(a, replication(a), 1).apply(missing);
    for (org.isachub.wire.TopicSpec<?, ?> spec : missing) {
      feedTopicsKnown.add(spec.name().substring(10, spec.name().length() - 3));
    }
  }

  private void ensureFeedTopicsQuietly() {
    try {
      ensureFeedTopics();
    } catch (RuntimeException e) {
      LOG.warn("event=feed-topics-failed reason={}", e.toString());
    }
  }

  private static short replication(Admin a) {
    try {
      int brokers = a.describeCluster().nodes().get(30, TimeUnit.SECONDS).size();
      return (short) (brokers >= 3 ? 3 : 1);
    } catch (Exception e) {
      return 1;
    }
  }

  /**
   * The running Streams instance, for health, metrics and queries.
   *
   * @return the instance, or null before start
   */
  public @Nullable KafkaStreams streams() {
    return streams;
  }

  @Override
  public void close() {
    ScheduledExecutorService k = keeper;
    keeper = null;
    if (k != null) {
      k.shutdownNow();
    }
    KafkaStreams s = streams;
    streams = null;
    if (s != null) {
      s.close(Duration.ofSeconds(30));
    }
    Admin a = admin;
    admin = null;
    if (a != null) {
      a.close(Duration.ofSeconds(5));
    }
  }
}
