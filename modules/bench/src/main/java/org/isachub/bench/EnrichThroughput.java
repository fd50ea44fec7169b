package org.isachub.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Stream;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;
import org.isachub.enrich.EnrichTopology;
import org.isachub.enrich.internal.MergeProcessor;
import org.isachub.wire.Topics;
import org.isachub.wire.WireCodec;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Submission;

/**
 * Throughput of the enrich topology's own work (checks, merge, scoring, views, RocksDB state) and
 * the size of its state per million indicators. Drives the real topology with Kafka's test driver,
 * so broker and network costs are left out; the end-to-end harness measures those.
 *
 * <p>Usage: {@code EnrichThroughput [records] [distinct]}; prints one JSON line last.
 */
public final class EnrichThroughput {

  private EnrichThroughput() {}

  /**
   * Runs the measurement.
   *
   * @param args records to process (default 1,000,000) and distinct observables (default 1,000,000)
   * @throws IOException if the state directory cannot be measured
   */
  public static void main(String[] args) throws IOException {
    int records = args.length > 0 ? Integer.parseInt(args[0]) : 1_000_000;
    int distinct = args.length > 1 ? Integer.parseInt(args[1]) : records;
    Path stateDir = Files.createTempDirectory("isachub-enrich-bench-");
    EnrichConfig config =
        new EnrichConfig(Map.of(EnrichConfig.STATE_DIR_CONFIG, stateDir.toString()));
    Properties props =
        new EnrichStage(
                config,
                Map.of(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092"),
                stateDir,
                new SimpleMeterRegistry())
            .streamsProperties();
    Instant start = Instant.parse("2026-11-03T06:00:00Z");
    Workload workload = new Workload(42, distinct, start);
    long emitted = 0;
    long stateBytes;
    long logicalBytes = 0;
    long entries = 0;
    WireCodec<IndicatorState> codec = WireCodec.of(IndicatorState.class);
    long nanos;
    try (TopologyTestDriver driver =
        new TopologyTestDriver(
            EnrichTopology.build(
                config, EnrichTopology.warninglists(config), new SimpleMeterRegistry()),
            props,
            start)) {
      TestInputTopic<String, Submission> in =
          driver.createInputTopic(
              Topics.SUBMISSIONS.name(),
              Serdes.String().serializer(),
              Topics.SUBMISSIONS.valueSerde().serializer());
      TestOutputTopic<String, IndicatorState> out =
          driver.createOutputTopic(
              Topics.INDICATORS.name(),
              Serdes.String().deserializer(),
              Topics.INDICATORS.valueSerde().deserializer());
      // Warm up the JIT on a separate key range so the measured run starts hot.
      Workload warm = new Workload(7, 50_000, start);
      for (int i = 0; i < 50_000; i++) {
        Submission s = warm.submission(distinct + i, i);
        in.pipeInput(s.getKey(), s);
      }
      out.readRecordsToList();
      long began = System.nanoTime();
      for (int i = 0; i < records; i++) {
        Submission s = i < distinct ? workload.submission(i, i) : workload.next(i);
        in.pipeInput(s.getKey(), s);
        if ((i & 0xFFFF) == 0) {
          emitted += out.getQueueSize();
          out.readRecordsToList();
        }
      }
      emitted += out.getQueueSize();
      nanos = System.nanoTime() - began;
      KeyValueStore<String, IndicatorState> store =
          driver.getKeyValueStore(MergeProcessor.STATE_STORE);
      try (KeyValueIterator<String, IndicatorState> all = store.all()) {
        while (all.hasNext()) {
          var kv = all.next();
          logicalBytes += kv.key.length() + codec.encode(kv.value).length;
          entries++;
        }
      }
      store.flush();
      stateBytes = sizeOf(stateDir);
    }
    double perSecond = records / (nanos / 1e9);
    double indicatorsInState = entries;
    double bytesPerMillion = stateBytes / indicatorsInState * 1_000_000;
    double logicalPerMillion = logicalBytes / indicatorsInState * 1_000_000;
    Runtime rt = Runtime.getRuntime();
    System.out.printf(
        "enrich topology: %d records over %d distinct indicators in %.1f s: %.0f records/s; %d states emitted%n",
        records, distinct, nanos / 1e9, perSecond, emitted);
    System.out.printf(
        "state: %.0f indicators; %.0f encoded bytes each (%.0f MiB per million); RocksDB files %.1f MiB"
            + " (%.0f MiB per million)%n",
        indicatorsInState,
        logicalBytes / indicatorsInState,
        logicalPerMillion / 1048576.0,
        stateBytes / 1048576.0,
        bytesPerMillion / 1048576.0);
    System.out.printf(
        "{\"bench\":\"enrich-topology\",\"records\":%d,\"distinct\":%d,\"records_per_s\":%.0f,"
            + "\"state_mib_per_million\":%.0f,\"rocksdb_mib_per_million\":%.0f,\"heap_used_mb\":%d}%n",
        records,
        distinct,
        perSecond,
        logicalPerMillion / 1048576.0,
        bytesPerMillion / 1048576.0,
        (rt.totalMemory() - rt.freeMemory()) / 1048576);
    deleteTree(stateDir);
  }

  private static long sizeOf(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }
}
