package org.isachub.enrich;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.state.Stores;
import org.isachub.enrich.internal.MergeProcessor;
import org.isachub.enrich.internal.StateAssembler;
import org.isachub.enrich.score.ScoringModel;
import org.isachub.enrich.warninglist.Warninglist;
import org.isachub.enrich.warninglist.Warninglists;
import org.isachub.wire.Topics;
import org.isachub.wire.WireSerde;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.validate.RecordChecks;

/**
 * The enrich topology: {@code isac.submissions.v1} and {@code isac.sightings.v1} in, merged and
 * scored {@code isac.indicators.v1} out, rejected records to {@code isac.deadletter.v1}. Every
 * processor and store is named, so changelogs survive edits of the topology.
 */
public final class EnrichTopology {

  /** Name of the submissions source node. */
  public static final String SUBMISSIONS_SOURCE = "submissions-source";

  /** Name of the sightings source node. */
  public static final String SIGHTINGS_SOURCE = "sightings-source";

  /** Name of the merge processor node. */
  public static final String MERGE_PROCESSOR = "merge";

  private EnrichTopology() {}

  /**
   * Builds the topology with the configured warninglists and a private metrics registry.
   *
   * @param config the stage configuration
   * @return the topology
   */
  public static Topology build(EnrichConfig config) {
    return build(config, warninglists(config), new SimpleMeterRegistry());
  }

  /**
   * Builds the topology.
   *
   * @param config the stage configuration
   * @param warninglists the lists that suppress noise
   * @param registry where the stage's metrics go
   * @return the topology
   */
  public static Topology build(
      EnrichConfig config, Warninglists warninglists, MeterRegistry registry) {
    ScoringModel model = new ScoringModel(config.scoring());
    RecordChecks checks = new RecordChecks();
    EnrichMetrics metrics = new EnrichMetrics(registry);
    Duration interval =
        Duration.ofMillis(config.getLong(EnrichConfig.PUNCTUATE_INTERVAL_MS_CONFIG));
    int maxPerRun = config.getInt(EnrichConfig.PUNCTUATE_MAX_CONFIG);

    Topology topology = new Topology();
    topology.addSource(
        SUBMISSIONS_SOURCE,
        Serdes.String().deserializer(),
        Topics.SUBMISSIONS.valueSerde().deserializer(),
        Topics.SUBMISSIONS.name());
    topology.addSource(
        SIGHTINGS_SOURCE,
        Serdes.String().deserializer(),
        Topics.SIGHTINGS.valueSerde().deserializer(),
        Topics.SIGHTINGS.name());
    topology.addProcessor(
        MERGE_PROCESSOR,
        () ->
            new MergeProcessor(
                new StateAssembler(model, warninglists), checks, interval, maxPerRun, metrics),
        SUBMISSIONS_SOURCE,
        SIGHTINGS_SOURCE);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MergeProcessor.STATE_STORE),
            Serdes.String(),
            new WireSerde<>(IndicatorState.class)),
        MERGE_PROCESSOR);
    topology.addStateStore(
        Stores.keyValueStoreBuilder(
            Stores.persistentKeyValueStore(MergeProcessor.SCHEDULE_STORE),
            Serdes.String(),
            Serdes.String()),
        MERGE_PROCESSOR);
    topology.addSink(
        MergeProcessor.INDICATORS_SINK,
        Topics.INDICATORS.name(),
        Serdes.String().serializer(),
        Topics.INDICATORS.valueSerde().serializer(),
        MERGE_PROCESSOR);
    topology.addSink(
        MergeProcessor.DEAD_LETTER_SINK,
        Topics.DEAD_LETTERS.name(),
        new ByteArraySerializer(),
        Topics.DEAD_LETTERS.valueSerde().serializer(),
        MERGE_PROCESSOR);
    return topology;
  }

  /**
   * The warninglists a configuration names: the built-in ones (unless turned off) plus every file
   * in the configured directory.
   *
   * @param config the stage configuration
   * @return the lists
   * @throws UncheckedIOException if a list file cannot be read or parsed
   */
  public static Warninglists warninglists(EnrichConfig config) {
    List<Warninglist> lists = new ArrayList<>();
    if (config.getBoolean(EnrichConfig.WARNINGLISTS_BUILTIN_CONFIG)) {
      lists.addAll(Warninglists.defaults().lists());
    }
    String dir = config.getString(EnrichConfig.WARNINGLISTS_DIR_CONFIG);
    if (!dir.isBlank()) {
      try {
        lists.addAll(Warninglists.loadDirectory(Path.of(dir)).lists());
      } catch (IOException e) {
        throw new UncheckedIOException("cannot load warninglists from " + dir, e);
      }
    }
    return Warninglists.of(lists);
  }
}
