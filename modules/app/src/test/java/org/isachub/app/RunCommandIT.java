package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.isachub.broker.FreePorts;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code isachub run} as a real process, the way a newcomer would, and stops it with SIGINT.
 */
class RunCommandIT {

  private static final int SIGINT_EXIT = 130;

  @TempDir Path dataDir;

  @Test
  @Timeout(value = 180, unit = TimeUnit.SECONDS)
  void shouldReachReadyCreateEveryTopicStopOnSigintAndFindItsRecordsOnTheNextRun()
      throws Exception {
    int port = FreePorts.next();
    int controllerPort = FreePorts.next();
    String bootstrap = "127.0.0.1:" + port;

    int httpPort = FreePorts.next();
    RunningHub first = RunningHub.start(dataDir, port, controllerPort, httpPort);
    assertThat(first.output()).anyMatch(l -> l.contains(Topics.fixed().size() + " created"));
    assertThat(first.output())
        .anyMatch(l -> l.equals("  http     http://127.0.0.1:" + httpPort + "/"));
    Map<String, String> printed = demoTokens(first.output());
    assertThat(printed.keySet())
        .containsExactly(
            "admin", "analyst", "us-pa", "us-az", "us-pa-dauphin", "us-az-maricopa", "vendor-acme");
    Path credentials = dataDir.resolve("demo-credentials.json");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(credentials)))
        .isEqualTo("rw-------");
    assertThat(DemoSeed.readCredentials(credentials)).isEqualTo(printed);
    assertThat(me(httpPort, printed.get("us-pa-dauphin"))).contains("\"member\":\"us-pa-dauphin\"");
    try (Admin admin =
        Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
      for (TopicCatalogue.Status s :
          new TopicCatalogue(admin, (short) 1, 1).status(Topics.fixed())) {
        assertThat(s.exists()).as(s.topic()).isTrue();
        assertThat(s.partitions()).as(s.topic()).isEqualTo(s.expectedPartitions());
        assertThat(s.cleanupPolicy()).as(s.topic()).isEqualTo(s.expectedCleanupPolicy());
      }
    }
    Member member = member();
    try (KafkaProducer<String, Member> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                bootstrap,
                ProducerConfig.ACKS_CONFIG,
                "all"),
            Topics.MEMBERS.keySerde().serializer(),
            Topics.MEMBERS.valueSerde().serializer())) {
      producer.send(new ProducerRecord<>(Topics.MEMBERS.name(), member.getId(), member)).get();
    }

    assertThat(first.interruptAndWait()).isEqualTo(SIGINT_EXIT);
    assertThat(first.output()).contains("isachub: stopped cleanly");

    byte[] fileBefore = Files.readAllBytes(credentials);
    RunningHub second = RunningHub.start(dataDir, port, controllerPort, httpPort);
    assertThat(second.output()).anyMatch(l -> l.contains(Topics.fixed().size() + " unchanged"));
    // Seeding is idempotent: the same tokens, the same file, and they still work.
    assertThat(demoTokens(second.output())).isEqualTo(printed);
    assertThat(Files.readAllBytes(credentials)).isEqualTo(fileBefore);
    assertThat(me(httpPort, printed.get("admin"))).contains("\"role\":\"admin\"");
    List<Member> members = readMembers(bootstrap);
    assertThat(members).contains(member);
    assertThat(members.stream().map(Member::getId).distinct())
        .containsExactlyInAnyOrder(
            "admin",
            "analyst",
            "us-pa",
            "us-az",
            "us-pa-dauphin",
            "us-az-maricopa",
            "vendor-acme",
            "us-ga");
    assertThat(second.interruptAndWait()).isEqualTo(SIGINT_EXIT);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseAnUnknownRoleWithAClearMessage() throws Exception {
    Process process =
        new ProcessBuilder(
                javaCommand("run", "--data-dir", dataDir.toString(), "--roles", "enrich,mystery"))
            .redirectErrorStream(true)
            .start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isEqualTo(2);
    assertThat(output).contains("mystery").contains("isachub.roles");
  }

  /** The demo member ids and tokens the banner printed, in order. */
  private static Map<String, String> demoTokens(List<String> output) {
    Map<String, String> out = new LinkedHashMap<>();
    for (String line : output) {
      String[] parts = line.trim().split("\\s+");
      if (parts.length == 3 && parts[0].equals("demo") && parts[2].startsWith("isac_")) {
        out.put(parts[1], parts[2]);
      }
    }
    return out;
  }

  private static String me(int httpPort, String token) throws Exception {
    HttpResponse<String> r =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/api/v1/me"))
                    .header("Authorization", "Bearer " + token)
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  private static List<Member> readMembers(String bootstrap) {
    List<Member> out = new ArrayList<>();
    try (KafkaConsumer<String, Member> consumer =
        new KafkaConsumer<>(
            Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap),
            Topics.MEMBERS.keySerde().deserializer(),
            Topics.MEMBERS.valueSerde().deserializer())) {
      TopicPartition tp = new TopicPartition(Topics.MEMBERS.name(), 0);
      consumer.assign(Set.of(tp));
      consumer.seekToBeginning(Set.of(tp));
      long end = consumer.endOffsets(Set.of(tp)).get(tp);
      while (consumer.position(tp) < end) {
        for (ConsumerRecord<String, Member> r : consumer.poll(Duration.ofMillis(200))) {
          out.add(r.value());
        }
      }
    }
    return out;
  }

  private static Member member() {
    java.time.Instant now = java.time.Instant.parse("2026-11-03T07:00:00Z");
    return Member.newBuilder()
        .setId("us-ga")
        .setDisplayName("Georgia Secretary of State")
        .setKind(MemberKind.STATE)
        .setJurisdiction("US-GA")
        .setClearance(Clearance.AMBER)
        .setCreatedAt(now)
        .setUpdatedAt(now)
        .build();
  }

  static List<String> javaCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(Main.class.getName());
    Collections.addAll(command, args);
    return command;
  }

  /** A hub process whose standard output is collected line by line. */
  private static final class RunningHub {
    private final Process process;
    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final Thread reader;

    private RunningHub(Process process) {
      this.process = process;
      this.reader =
          new Thread(
              () -> {
                try (BufferedReader in =
                    new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                  String line;
                  while ((line = in.readLine()) != null) {
                    lines.add(line);
                  }
                } catch (IOException e) {
                  lines.add("(output closed: " + e.getMessage() + ")");
                }
              });
      reader.start();
    }

    static RunningHub start(Path dataDir, int port, int controllerPort, int httpPort)
        throws Exception {
      Process process =
          new ProcessBuilder(
                  javaCommand(
                      "run",
                      "--data-dir",
                      dataDir.toString(),
                      "--kafka-port",
                      Integer.toString(port),
                      "--controller-port",
                      Integer.toString(controllerPort),
                      "-D",
                      "isachub.server.port=" + httpPort))
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
      RunningHub hub = new RunningHub(process);
      while (hub.output().stream().noneMatch(l -> l.startsWith("isachub ready"))) {
        if (!process.isAlive()) {
          throw new AssertionError("hub exited before ready: " + hub.output());
        }
        Thread.sleep(100);
      }
      return hub;
    }

    List<String> output() {
      synchronized (lines) {
        return List.copyOf(lines);
      }
    }

    int interruptAndWait() throws Exception {
      Process kill =
          new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).inheritIO().start();
      assertThat(kill.waitFor()).isZero();
      int exit = process.waitFor();
      reader.join();
      return exit;
    }
  }
}
