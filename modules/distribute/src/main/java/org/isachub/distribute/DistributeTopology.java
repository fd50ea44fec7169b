package org.isachub.distribute;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.Stores;
import org.isachub.distribute.feed.internal.FeedProcessor;
import org.isachub.distribute.feed.internal.GlobalTableProcessor;
import org.isachub.wire.Topics;
import org.isachub.wire.WireSerde;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;

/**
 * The distribute topology: {@code isac.indicators.v1} in, matched under TLP policy against the
 * members and subscriptions (global stores), out to each member's {@code isac.feed.<member>.v1}
 * with an audit event per delivery. Every processor and store is named.
 */
public final class DistributeTopology {

  /** Name of the indicator source node. */
  public static final String INDICATORS_SOURCE = "indicators-source";

  /** Name of the feed processor node. */
  public static final String FEED_PROCESSOR = "feed";

  private DistributeTopology() {}

  /**
   * Builds the topology.
   *
   * @param config the stage configuration
   * @param registry where the stage's metrics go
   * @return the topology
   */
  public static Topology build(DistributeConfig config, MeterRegistry registry) {
    DistributeMetrics metrics = new DistributeMetrics(registry);
    Duration check =
        Duration.ofMillis(config.getLong(DistributeConfig.CHANGE_CHECK_INTERVAL_MS_CONFIG));
    Topology topology = new Topology();
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FeedProcessor.MEMBERS_STORE),
                Serdes.String(),
                new WireSerde<>(Member.class))
            .withLoggingDisabled(),
        "members-source",
        Serdes.String().deserializer(),
        Topics.MEMBERS.valueSerde().deserializer(),
        Topics.MEMBERS.name(),
        "members-table",
        () -> new GlobalTableProcessor<Member>(FeedProcessor.MEMBERS_STORE));
    topology.addGlobalStore(
        Stores.keyValueStoreBuilder(
                Stores.persistentKeyValueStore(FeedProcessor.SUBSCRIPTIONS_STORE),
                Serdes.String(),
                new WireSerde<>(Subscription.class))
            .withLoggingDisabled(),
        "subscriptions-source",
        Serdes.String().deserializer(),
        Topics.SUBSCRIPTIONS.valueSerde().deserializer(),
        Topics.SUBSCRIPTIONS.name(),
        "subscriptions-table",
        () -> new GlobalTableProcessor<Subscription>(FeedProcessor.SUBSCRIPTIONS_STORE));
    topology.addSource(
        INDICATORS_SOURCE,
        Serdes.String().deserializer(),
        Topics.INDICATORS.valueSerde().deserializer(),
        Topics.INDICATORS.name());
    topology.addProcessor(
        FEED_PROCESSOR, () -> new FeedProcessor(check, metrics), INDICATORS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FeedProcessor.INDICATORS_STORE),
            Serdes.String(),
            new WireSerde<>(IndicatorState.class)),
        FEED_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FeedProcessor.DELIVERED_STORE),
            Serdes.String(),
            Serdes.String()),
        FEED_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(FeedProcessor.SEEN_STORE),
            Serdes.String(),
            Serdes.String()),
        FEED_PROCESSOR);
    TopicNameExtractor<String, FeedEntry> feedTopic =
        (key, entry, context) -> Topics.feed(entry.getMember()).name();
    topology.addSink(
        FeedProcessor.FEED_SINK,
        feedTopic,
        Serdes.String().serializer(),
        new WireSerde<>(FeedEntry.class),
        FEED_PROCESSOR);
    topology.addSink(
        FeedProcessor.AUDIT_SINK,
        Topics.AUDIT.name(),
        Serdes.String().serializer(),
        Topics.AUDIT.valueSerde().serializer(),
        FEED_PROCESSOR);
    return topology;
  }
}
