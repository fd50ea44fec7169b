package org.isachub.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.isachub.broker.BrokerSettings;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.FreePorts;
import org.isachub.distribute.DistributeConfig;
import org.isachub.distribute.DistributeStage;
import org.isachub.enrich.EnrichConfig;
import org.isachub.enrich.EnrichStage;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Subscription;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The end-to-end benchmark: the real enrich and distribute stages against a pass-through baseline
 * with the same hops, topics, serdes and exactly-once settings, on the same broker in the same run.
 * Reports indicators per second through to the member feeds for both, their ratio, publish-to-feed
 * latency at a fixed offered load, and memory. The last line printed is one JSON object.
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = "End-to-end benchmark of the hub against Kafka's own cost.")
public final class EndToEnd implements Callable<Integer> {

  @Option(names = "--profile", description = "quick (default) or full", defaultValue = "quick")
  String profile;

  @Option(
      names = "--bootstrap-servers",
      description = "Run against this cluster instead of an embedded broker.")
  @Nullable String bootstrapServers;

  @Option(
      names = "--indicators",
      description = "Indicators in the throughput phase (default by profile).")
  @Nullable Integer indicators;

  @Option(names = "--members", description = "Members, one subscription each (default by profile).")
  @Nullable Integer members;

  @Option(
      names = "--rate",
      description = "Offered indicators per second in the latency phase.",
      defaultValue = "1000")
  int rate;

  @Option(
      names = "--latency-seconds",
      description = "Length of the latency phase.",
      defaultValue = "10")
  int latencySeconds;

  /**
   * Runs the benchmark from the command line.
   *
   * @param args see {@code --help}
   */
  public static void main(String[] args) {
    System.exit(new CommandLine(new EndToEnd()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    boolean full = profile.equals("full");
    int n = indicators != null ? indicators : full ? 200_000 : 20_000;
    int m = members != null ? members : full ? 3_500 : 50;
    Path dir = Files.createTempDirectory("isachub-bench-");
    EmbeddedKafkaBroker broker = null;
    String bootstrap = bootstrapServers;
    if (bootstrap == null) {
      broker =
          new EmbeddedKafkaBroker(
                  new BrokerSettings(
                      dir, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of()))
              .start();
      bootstrap = broker.bootstrapServers();
    }
    String run = Long.toString(System.currentTimeMillis(), 36);
    Map<String, Object> kafka = Map.of(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    MemoryWatch memory = new MemoryWatch();
    try {
      BenchMembers membership = new BenchMembers(m, 5);
      List<TopicSpec<?, ?>> topics = new ArrayList<>(Topics.fixed());
      membership.members.forEach(x -> topics.add(Topics.feed(x.getId())));
      try (Admin admin = Admin.create(kafka)) {
        int brokers = admin.describeCluster().nodes().get().size();
        new TopicCatalogue(admin, (short) (brokers >= 3 ? 3 : 1), 1).apply(topics);
      }
      try (KafkaProducer<String, Object> producer = producer(kafka, "bench-seed")) {
        for (Member x : membership.members) {
          producer.send(new ProducerRecord<>(Topics.MEMBERS.name(), x.getId(), x));
        }
        for (Subscription s : membership.subscriptions) {
          producer.send(new ProducerRecord<>(Topics.SUBSCRIPTIONS.name(), s.getId(), s));
        }
      }
      List<String> memberIds = membership.members.stream().map(Member::getId).toList();
      System.out.printf("isachub bench: profile %s, %d indicators, %d members%n", profile, n, m);

      // Pipeline: the real stages.
      EnrichStage enrich =
          new EnrichStage(
              new EnrichConfig(Map.of(EnrichConfig.APPLICATION_ID_CONFIG, "bench-enrich-" + run)),
              kafka,
              dir.resolve("pipeline"),
              new SimpleMeterRegistry());
      DistributeStage distribute =
          new DistributeStage(
              new DistributeConfig(
                  Map.of(DistributeConfig.APPLICATION_ID_CONFIG, "bench-distribute-" + run)),
              kafka,
              dir.resolve("pipeline"),
              new SimpleMeterRegistry());
      enrich.start();
      distribute.start();
      Thread.sleep(2_000); // the distribute tasks index the subscriptions
      long feedBefore = countFeed(kafka, memberIds);
      Workload workload = new Workload(17, Integer.MAX_VALUE, Instant.now());
      double pipelinePerS =
          throughput(
              kafka,
              workload,
              0,
              n,
              List.of("bench-enrich-" + run, "bench-distribute-" + run),
              memory);
      long feedEntries = countFeed(kafka, memberIds) - feedBefore;
      System.out.printf(
          "pipeline:  %,.0f indicators/s to the feeds (%,d feed entries, %.1f per indicator)%n",
          pipelinePerS, feedEntries, feedEntries / (double) n);
      Latency latency = latency(kafka, workload, n, memberIds);
      System.out.printf(
          "latency at %d indicators/s offered: p50 %d ms, p99 %d ms, max %d ms (%,d feed entries)%n",
          rate, latency.p50, latency.p99, latency.max, latency.count);
      distribute.close();
      enrich.close();

      // Baseline: the same hops with no hub logic, the same number of feed entries.
      double fanOut = feedEntries / (double) n;
      Properties enrichProps = enrich.streamsProperties();
      enrichProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline-enrich-" + run);
      enrichProps.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("baseline").toString());
      Properties distributeProps = distribute.streamsProperties();
      distributeProps.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-baseline-distribute-" + run);
      distributeProps.put(StreamsConfig.STATE_DIR_CONFIG, dir.resolve("baseline").toString());
      long baselineStartOffset = endOffset(kafka, Topics.INDICATORS.name());
      double baselinePerS;
      try (KafkaStreams a = start(Baseline.enrichHop(), enrichProps);
          KafkaStreams b = start(Baseline.distributeHop(memberIds, fanOut), distributeProps)) {
        // Both baseline hops start at the beginning of their topics: skip what the pipeline wrote.
        waitForLag(
            kafka,
            List.of("bench-baseline-enrich-" + run, "bench-baseline-distribute-" + run),
            0,
            Duration.ofMinutes(10));
        baselinePerS =
            throughput(
                kafka,
                new Workload(23, Integer.MAX_VALUE, Instant.now()),
                n + 10_000_000,
                n,
                List.of("bench-baseline-enrich-" + run, "bench-baseline-distribute-" + run),
                memory);
      }
      System.out.printf(
          "baseline:  %,.0f indicators/s to the feeds (skipped %,d earlier states)%n",
          baselinePerS, baselineStartOffset);
      double ratio = pipelinePerS / baselinePerS;
      System.out.printf(
          "ratio pipeline/baseline %.3f; heap peak %d MB; RSS peak %d MB%n",
          ratio, memory.heapPeakMb(), MemoryWatch.rssPeakMb());
      System.out.println(
          String.format(
              Locale.ROOT,
              "{\"profile\":\"%s\",\"indicators\":%d,\"members\":%d,\"baseline_per_s\":%.0f,"
                  + "\"pipeline_per_s\":%.0f,\"ratio\":%.3f,\"p50_ms\":%d,\"p99_ms\":%d,\"max_ms\":%d,"
                  + "\"feed_entries_per_indicator\":%.2f,\"heap_mb\":%d,\"rss_mb\":%d}",
              profile,
              n,
              m,
              baselinePerS,
              pipelinePerS,
              ratio,
              latency.p50,
              latency.p99,
              latency.max,
              fanOut,
              memory.heapPeakMb(),
              MemoryWatch.rssPeakMb()));
      return 0;
    } finally {
      if (broker != null) {
        broker.close();
      }
      deleteTree(dir);
    }
  }

  /**
   * Publishes {@code count} new indicators as fast as possible and waits until both hops caught up.
   */
  private double throughput(
      Map<String, Object> kafka,
      Workload workload,
      int firstIndex,
      int count,
      List<String> groups,
      MemoryWatch memory)
      throws Exception {
    long began = System.nanoTime();
    try (KafkaProducer<String, Object> producer = producer(kafka, "bench-publish")) {
      for (int i = 0; i < count; i++) {
        Submission s = workload.submission(firstIndex + i, i);
        s.setSubmittedAt(Instant.now());
        producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), s.getKey(), s));
        if ((i & 1023) == 0) {
          memory.sample();
        }
      }
    }
    waitForLag(kafka, groups, 0, Duration.ofMinutes(30), memory);
    return count / ((System.nanoTime() - began) / 1e9);
  }

  private Latency latency(
      Map<String, Object> kafka, Workload workload, int firstIndex, List<String> memberIds)
      throws Exception {
    List<Long> samples = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean stop = new AtomicBoolean();
    Instant phaseStart = Instant.now();
    Thread reader =
        new Thread(
            () -> {
              Map<String, Object> props = new HashMap<>(kafka);
              props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
              props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
              TopicSpec<String, FeedEntry> any = Topics.feed(memberIds.get(0));
              try (KafkaConsumer<String, FeedEntry> c =
                  new KafkaConsumer<>(
                      props, any.keySerde().deserializer(), any.valueSerde().deserializer())) {
                List<TopicPartition> parts =
                    memberIds.stream()
                        .map(id -> new TopicPartition(Topics.feed(id).name(), 0))
                        .toList();
                c.assign(parts);
                c.seekToEnd(parts);
                parts.forEach(c::position);
                while (!stop.get()) {
                  for (ConsumerRecord<String, FeedEntry> r : c.poll(Duration.ofMillis(50))) {
                    Instant published = r.value().getPublishedAt();
                    if (!published.isBefore(phaseStart)) {
                      samples.add(System.currentTimeMillis() - published.toEpochMilli());
                    }
                  }
                }
              }
            },
            "bench-latency-reader");
    reader.start();
    Thread.sleep(1_000);
    long total = (long) rate * latencySeconds;
    long intervalNanos = 1_000_000_000L / Math.max(1, rate);
    try (KafkaProducer<String, Object> producer = producer(kafka, "bench-latency")) {
      long start = System.nanoTime();
      for (long i = 0; i < total; i++) {
        long due = start + i * intervalNanos;
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
        Submission s = workload.submission(firstIndex + (int) i, i);
        s.setSubmittedAt(Instant.now());
        producer.send(new ProducerRecord<>(Topics.SUBMISSIONS.name(), s.getKey(), s));
      }
    }
    Thread.sleep(5_000);
    stop.set(true);
    reader.join();
    List<Long> sorted = new ArrayList<>(samples);
    Collections.sort(sorted);
    if (sorted.isEmpty()) {
      return new Latency(-1, -1, -1, 0);
    }
    return new Latency(
        sorted.get((int) (sorted.size() * 0.50)),
        sorted.get(Math.min(sorted.size() - 1, (int) (sorted.size() * 0.99))),
        sorted.get(sorted.size() - 1),
        sorted.size());
  }

  private record Latency(long p50, long p99, long max, int count) {}

  private static void waitForLag(
      Map<String, Object> kafka, List<String> groups, long lag, Duration limit) throws Exception {
    waitForLag(kafka, groups, lag, limit, new MemoryWatch());
  }

  /**
   * Waits until every group has committed up to the end of every partition it reads, twice in a
   * row.
   */
  private static void waitForLag(
      Map<String, Object> kafka, List<String> groups, long lag, Duration limit, MemoryWatch memory)
      throws Exception {
    long deadline = System.nanoTime() + limit.toNanos();
    int caughtUp = 0;
    try (Admin admin = Admin.create(kafka)) {
      while (System.nanoTime() < deadline) {
        memory.sample();
        boolean all = true;
        for (String group : groups) {
          Map<TopicPartition, OffsetAndMetadata> committed =
              admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
          if (committed.isEmpty()) {
            all = false;
            break;
          }
          Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
          committed.keySet().forEach(tp -> latest.put(tp, OffsetSpec.latest()));
          Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends =
              admin.listOffsets(latest).all().get();
          for (Map.Entry<TopicPartition, OffsetAndMetadata> e : committed.entrySet()) {
            // Exactly-once commits leave a transaction marker after the last record.
            if (ends.get(e.getKey()).offset() - e.getValue().offset() > lag + 1) {
              all = false;
            }
          }
        }
        caughtUp = all ? caughtUp + 1 : 0;
        if (caughtUp >= 2) {
          return;
        }
        Thread.sleep(100);
      }
    }
    throw new IllegalStateException("stages did not catch up within " + limit);
  }

  private static long countFeed(Map<String, Object> kafka, List<String> memberIds) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 10_000);
    long count = 0;
    try (KafkaConsumer<byte[], byte[]> c =
        new KafkaConsumer<>(props, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      List<TopicPartition> parts =
          memberIds.stream().map(id -> new TopicPartition(Topics.feed(id).name(), 0)).toList();
      c.assign(parts);
      c.seekToBeginning(parts);
      Map<TopicPartition, Long> end = c.endOffsets(parts);
      while (parts.stream().anyMatch(tp -> c.position(tp) < end.get(tp))) {
        count += c.poll(Duration.ofMillis(100)).count();
      }
    }
    return count;
  }

  private static long endOffset(Map<String, Object> kafka, String topic) throws Exception {
    try (Admin admin = Admin.create(kafka)) {
      Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
      int partitions =
          admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions().size();
      for (int p = 0; p < partitions; p++) {
        latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      return admin.listOffsets(latest).all().get().values().stream()
          .mapToLong(i -> i.offset())
          .sum();
    }
  }

  private static KafkaStreams start(Topology topology, Properties props)
      throws InterruptedException {
    KafkaStreams s = new KafkaStreams(topology, props);
    s.start();
    while (s.state() != KafkaStreams.State.RUNNING) {
      if (s.state() == KafkaStreams.State.ERROR) {
        throw new IllegalStateException("baseline stage failed to start");
      }
      Thread.sleep(50);
    }
    return s;
  }

  private static KafkaProducer<String, Object> producer(
      Map<String, Object> kafka, String clientId) {
    Map<String, Object> props = new HashMap<>(kafka);
    props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    // Batch like a busy ingest stage would.
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    return new KafkaProducer<>(
        props,
        new org.apache.kafka.common.serialization.StringSerializer(),
        new AnyRecordSerializer());
  }

  private static void deleteTree(Path dir) throws IOException {
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Serializes whichever of the hub's records it is given, by its topic's serde. */
  private static final class AnyRecordSerializer
      implements org.apache.kafka.common.serialization.Serializer<Object> {
    @Override
    @SuppressWarnings("unchecked")
    public byte[] serialize(String topic, Object data) {
      if (data instanceof Submission s) {
        return Topics.SUBMISSIONS.valueSerde().serializer().serialize(topic, s);
      }
      if (data instanceof Member x) {
        return Topics.MEMBERS.valueSerde().serializer().serialize(topic, x);
      }
      if (data instanceof Subscription x) {
        return Topics.SUBSCRIPTIONS.valueSerde().serializer().serialize(topic, x);
      }
      throw new IllegalArgumentException("no serde for " + data.getClass());
    }
  }

  /** Samples heap use and reads the process's resident-set peak. */
  static final class MemoryWatch {
    private final AtomicLong heapPeak = new AtomicLong();

    void sample() {
      long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      heapPeak.accumulateAndGet(used, Math::max);
    }

    long heapPeakMb() {
      sample();
      return heapPeak.get() / (1024 * 1024);
    }

    static long rssPeakMb() {
      try {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
          if (line.startsWith("VmHWM:")) {
            return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
          }
        }
      } catch (IOException | NumberFormatException e) {
        return -1;
      }
      return -1;
    }
  }
}
