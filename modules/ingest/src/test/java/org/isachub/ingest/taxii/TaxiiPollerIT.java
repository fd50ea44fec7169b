package org.isachub.ingest.taxii;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.isachub.broker.EmbeddedKafkaBroker;
import org.isachub.broker.junit.WithEmbeddedKafka;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestUnavailableException;
import org.isachub.ingest.TopicContents;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.IngestPosition;
import org.isachub.wire.avro.Submission;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@WithEmbeddedKafka
class TaxiiPollerIT {

  private static final String BASIC = "Basic aHViOnMzY3JldA=="; // hub:s3cret
  private static final IngestConfig CONFIG =
      new IngestConfig(Map.of(IngestConfig.ACK_TIMEOUT_MS_CONFIG, "10000"));
  private static TaxiiTestServer server;
  private static Map<String, Object> kafka;

  @BeforeAll
  static void start(EmbeddedKafkaBroker broker) {
    TopicContents.createTopics(broker);
    kafka = Map.of("bootstrap.servers", broker.bootstrapServers());
    server = new TaxiiTestServer();
    server.collection("c-basic", BASIC);
    server.collection("c-bearer", "Bearer tok-123");
    server.collection("c-abort", BASIC);
  }

  @AfterAll
  static void stop() {
    if (server != null) {
      server.close();
    }
  }

  private static TaxiiSource source(String poller, String collection, TaxiiAuth auth, int page) {
    return new TaxiiSource(
        poller,
        URI.create(server.apiRoot()),
        collection,
        auth,
        "up-" + poller,
        Tlp.CLEAR,
        Duration.ofMinutes(5),
        page);
  }

  private static TaxiiPoller poller(TaxiiSource source, PageHook hook) {
    return new TaxiiPoller(
        source, CONFIG, kafka, IndicatorIndex.EMPTY, new SimpleMeterRegistry(), hook);
  }

  private static List<Submission> written(
      EmbeddedKafkaBroker broker, String source, boolean committed) {
    return TopicContents.values(broker, Topics.SUBMISSIONS, committed).stream()
        .filter(s -> s.getSource().equals(source))
        .toList();
  }

  private static List<String> ids(String collection, int from, int to) {
    return java.util.stream.IntStream.range(from, to)
        .mapToObj(i -> TaxiiTestServer.id(collection, i))
        .toList();
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void shouldRefuseToPollWithWrongCredentials() throws Exception {
    try (TaxiiPoller p =
        poller(source("wrong", "c-basic", TaxiiAuth.basic("hub", "nope"), 10), PageHook.NONE)) {
      p.open();
      assertThatThrownBy(p::pollOnce)
          .isInstanceOfSatisfying(TaxiiException.class, e -> assertThat(e.status()).isEqualTo(401))
          .hasMessageContaining("answered HTTP 401");
    }
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldFollowNextThenResumeFromTheLastDateAddedAcrossARestart(EmbeddedKafkaBroker broker)
      throws Exception {
    server.addIndicators("c-basic", 0, 25);
    TaxiiSource src = source("basic", "c-basic", TaxiiAuth.basic("hub", "s3cret"), 10);
    try (TaxiiPoller p = poller(src, PageHook.NONE)) {
      p.open();
      assertThat(p.position()).isEmpty();
      assertThat(p.pollOnce()).isEqualTo(new PollResult(3, 25, 25, 0));
      assertThat(server.queries)
          .filteredOn(q -> q.startsWith("c-basic?"))
          .containsExactly(
              "c-basic?limit=10", "c-basic?limit=10&next=o-10", "c-basic?limit=10&next=o-20");
      IngestPosition pos = p.position().orElseThrow();
      assertThat(pos.getNext()).isNull();
      assertThat(pos.getDateAddedLast())
          .isEqualTo(TaxiiTestServer.date(TaxiiTestServer.BASE.plusSeconds(24)));
      assertThat(p.pollOnce()).isEqualTo(new PollResult(0, 0, 0, 0));
    }
    assertThat(written(broker, "up-basic", true))
        .extracting(Submission::getObjectId)
        .containsExactlyInAnyOrderElementsOf(ids("c-basic", 0, 25));

    server.addIndicators("c-basic", 25, 30);
    try (TaxiiPoller restarted = poller(src, PageHook.NONE)) {
      restarted.open();
      assertThat(restarted.position().orElseThrow().getPages()).isEqualTo(3);
      assertThat(restarted.pollOnce()).isEqualTo(new PollResult(1, 5, 5, 0));
      assertThat(server.queries.get(server.queries.size() - 1))
          .isEqualTo("c-basic?limit=10&added_after=2026-11-01T00%3A00%3A24.000000Z");
    }
    List<Submission> all = written(broker, "up-basic", true);
    assertThat(all)
        .extracting(Submission::getObjectId)
        .containsExactlyInAnyOrderElementsOf(ids("c-basic", 0, 30));
    assertThat(all)
        .allMatch(
            s -> s.getAdapter().equals("taxii") && s.getTlp() == org.isachub.wire.avro.Tlp.CLEAR);
    assertThat(TopicContents.values(broker, Topics.INGEST_POSITIONS))
        .filteredOn(x -> x.getPollerId().equals("basic"))
        .extracting(IngestPosition::getPages)
        .containsExactly(1L, 2L, 3L, 4L);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldWriteEveryObjectExactlyOnceWhenAPollerDiesInTheMiddleOfAPage(
      EmbeddedKafkaBroker broker) throws Exception {
    server.addIndicators("c-bearer", 0, 30);
    TaxiiSource src = source("bearer", "c-bearer", TaxiiAuth.bearer("tok-123"), 10);
    CountDownLatch inSecondPage = new CountDownLatch(1);
    CountDownLatch release = new CountDownLatch(1);
    TaxiiPoller zombie =
        poller(
            src,
            page -> {
              if (page == 2) {
                inSecondPage.countDown();
                try {
                  release.await(60, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                  Thread.currentThread().interrupt();
                }
              }
            });
    zombie.open();
    CompletableFuture<PollResult> stuck =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return zombie.pollOnce();
              } catch (Exception e) {
                throw new CompletionException(e);
              }
            });
    assertThat(inSecondPage.await(60, TimeUnit.SECONDS)).isTrue();

    // A new poller with the same id takes over: the open page of the stuck one is aborted.
    try (TaxiiPoller successor = poller(src, PageHook.NONE)) {
      successor.open();
      assertThat(successor.position().orElseThrow().getNext()).isEqualTo("o-10");
      assertThat(successor.pollOnce()).isEqualTo(new PollResult(2, 20, 20, 0));
    }
    release.countDown();
    assertThatThrownBy(stuck::join).hasCauseInstanceOf(IngestUnavailableException.class);
    zombie.close();

    assertThat(written(broker, "up-bearer", true))
        .extracting(Submission::getObjectId)
        .containsExactlyInAnyOrderElementsOf(ids("c-bearer", 0, 30));
    // The aborted page is in the log, invisible to read_committed readers such as enrich.
    assertThat(written(broker, "up-bearer", false)).hasSize(40);
  }

  @Test
  @Timeout(value = 120, unit = TimeUnit.SECONDS)
  void shouldAbortAFailedPageAndResumeFromTheLastCommittedOneAfterARestart(
      EmbeddedKafkaBroker broker) throws Exception {
    server.addIndicators("c-abort", 0, 20);
    TaxiiSource src = source("abort", "c-abort", TaxiiAuth.basic("hub", "s3cret"), 5);
    try (TaxiiPoller failing =
        poller(
            src,
            page -> {
              if (page == 3) {
                throw new IllegalStateException("process killed while writing page 3");
              }
            })) {
      failing.open();
      assertThatThrownBy(failing::pollOnce).hasMessage("process killed while writing page 3");
      assertThat(failing.position().orElseThrow().getPages()).isEqualTo(2);
    }
    try (TaxiiPoller restarted = poller(src, PageHook.NONE)) {
      restarted.open();
      assertThat(restarted.position().orElseThrow().getNext()).isEqualTo("o-10");
      assertThat(restarted.pollOnce()).isEqualTo(new PollResult(2, 10, 10, 0));
    }
    assertThat(written(broker, "up-abort", true))
        .extracting(Submission::getObjectId)
        .containsExactlyInAnyOrderElementsOf(ids("c-abort", 0, 20));
  }
}
