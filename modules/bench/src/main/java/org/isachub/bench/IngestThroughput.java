package org.isachub.bench;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.BrokerSettings;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.FreePorts;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestFormat;
import org.isachub.ingest.IngestReport;
import org.isachub.ingest.IngestRequest;
import org.isachub.ingest.Ingestor;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;

/**
 * Throughput of the direct file path: a large generated CSV feed and a large generated STIX bundle,
 * each ingested in one request (read, canonicalise, author or validate STIX, check every record,
 * write with {@code acks=all} and wait for every acknowledgement) into a real broker started in
 * this process. Each input runs twice; the first run warms the JVM, the second is reported.
 */
public final class IngestThroughput {

  private IngestThroughput() {}

  /**
   * Runs the harness.
   *
   * @param args indicators per input (default 200,000)
   * @throws Exception when the broker or a request fails
   */
  public static void main(String[] args) throws Exception {
    int count = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
    Path dir = Files.createTempDirectory("isachub-ingest-bench-");
    try (EmbeddedKafkaBroker broker =
        new EmbeddedKafkaBroker(
            new BrokerSettings(dir, "127.0.0.1", FreePorts.next(), FreePorts.next(), Map.of()))) {
      broker.start();
      Map<String, Object> kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
      try (Admin admin =
          Admin.create(
              Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers()))) {
        new TopicCatalogue(admin, (short) 1, 1).apply(Topics.fixed());
        IngestConfig config =
            new IngestConfig(
                Map.of(
                    // One request carries the whole generated input.
                    IngestConfig.MAX_REQUEST_BYTES_CONFIG,
                    Long.toString(512L << 20),
                    IngestConfig.ACK_TIMEOUT_MS_CONFIG,
                    "300000"));
        byte[] csv = csv(count);
        byte[] stix = stix(count);
        System.out.printf(
            Locale.ROOT,
            "inputs: %,d indicators; CSV %,d bytes, STIX bundle %,d bytes%n",
            count,
            csv.length,
            stix.length);
        try (Ingestor ingestor =
            new Ingestor(config, kafka, IndicatorIndex.EMPTY, new SimpleMeterRegistry())) {
          for (int run = 1; run <= 2; run++) {
            measure(
                ingestor,
                "csv",
                run,
                IngestRequest.of(csv, IngestFormat.CSV, "bench-csv-" + run, Tlp.GREEN)
                    .withCsvMapping("generic"));
            measure(
                ingestor,
                "stix",
                run,
                IngestRequest.of(stix, IngestFormat.STIX, "bench-stix-" + run, Tlp.GREEN));
          }
        }
        System.out.printf(
            Locale.ROOT, "records on %s: %,d%n", Topics.SUBMISSIONS.name(), endOffsets(admin));
      }
    } finally {
      deleteTree(dir);
    }
  }

  private static void measure(Ingestor ingestor, String name, int run, IngestRequest request)
      throws Exception {
    long start = System.nanoTime();
    IngestReport report = ingestor.ingest(request);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "%-4s run %d: %,d accepted, %d rejected in %.2f s = %,.0f indicators/s%n",
        name,
        run,
        report.accepted(),
        report.rejected(),
        seconds,
        report.accepted() / seconds);
  }

  /** A generic-mapping CSV: a third IPv4 hosts, a third domains, a third URLs. */
  static byte[] csv(int count) {
    StringBuilder b = new StringBuilder(count * 64);
    b.append("type,value,first_seen,last_seen,labels,confidence\n");
    for (int i = 0; i < count; i++) {
      b.append(type(i)).append(',').append(value(i));
      b.append(",2026-10-01T00:00:00Z,2026-10-02T00:00:00Z,botnet;c2,").append(50 + i % 50);
      b.append('\n');
    }
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  /** A STIX bundle with one indicator per generated value. */
  static byte[] stix(int count) {
    StringBuilder b = new StringBuilder(count * 360);
    b.append(
        "{\"type\":\"bundle\",\"id\":\"bundle--6f3ba1b0-5a5e-4b4e-9f0a-0e3f3b4b5e01\",\"objects\":[");
    for (int i = 0; i < count; i++) {
      b.append(i == 0 ? "" : ",");
      b.append("{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\"indicator--");
      b.append(String.format(Locale.ROOT, "%08x-0000-4000-8000-%012x", i, (long) i));
      b.append(
          "\",\"created\":\"2026-10-01T00:00:00.000Z\",\"modified\":\"2026-10-01T00:00:00.000Z\",");
      b.append("\"indicator_types\":[\"malicious-activity\"],\"pattern\":\"[");
      b.append(type(i)).append(":value = '").append(value(i)).append("']\",");
      b.append(
          "\"pattern_type\":\"stix\",\"valid_from\":\"2026-10-01T00:00:00Z\",\"confidence\":80}");
    }
    b.append("]}");
    return b.toString().getBytes(StandardCharsets.UTF_8);
  }

  private static String type(int i) {
    return switch (i % 3) {
      case 0 -> "ipv4-addr";
      case 1 -> "domain-name";
      default -> "url";
    };
  }

  private static String value(int i) {
    return switch (i % 3) {
      case 0 -> "10." + ((i >> 16) & 255) + "." + ((i >> 8) & 255) + "." + (i & 255);
      case 1 -> "host" + i + ".example.org";
      default -> "http://files" + (i % 997) + ".example.net/p/" + i + "?q=" + (i % 13);
    };
  }

  private static long endOffsets(Admin admin) throws Exception {
    int partitions =
        admin
            .describeTopics(List.of(Topics.SUBMISSIONS.name()))
            .allTopicNames()
            .get()
            .get(Topics.SUBMISSIONS.name())
            .partitions()
            .size();
    Map<TopicPartition, OffsetSpec> specs = new java.util.HashMap<>();
    for (int p = 0; p < partitions; p++) {
      specs.put(new TopicPartition(Topics.SUBMISSIONS.name(), p), OffsetSpec.latest());
    }
    long total = 0;
    for (ListOffsetsResult.ListOffsetsResultInfo info :
        admin.listOffsets(specs).all().get().values()) {
      total += info.offset();
    }
    return total;
  }

  private static void deleteTree(Path dir) throws IOException {
    try (Stream<Path> paths = Files.walk(dir)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    }
  }
}
