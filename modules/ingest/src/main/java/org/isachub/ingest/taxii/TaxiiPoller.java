package org.isachub.ingest.taxii;

import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.isachub.ingest.IngestConfig;
import org.isachub.ingest.IngestMetrics;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.IngestUnavailableException;
import org.isachub.ingest.adapt.Adapted;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.ingest.adapt.RequestContext;
import org.isachub.ingest.adapt.StixAdapter;
import org.isachub.ingest.internal.OutboundRecords;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.IngestPosition;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls one upstream TAXII 2.1 collection: GET {@code {api-root}/collections/{id}/objects/} with
 * {@code added_after} and {@code limit}, following {@code next} while {@code more} is true. Each
 * page's records, its dead letters and the poller's new position go to Kafka in one transaction, so
 * a poller that dies between pages, or in the middle of one, is restarted from exactly the last
 * committed page: nothing is missed and nothing is written twice (for {@code read_committed}
 * readers, as the enrich stage is).
 *
 * <p>The position keeps both the server's cursor and the latest {@code X-TAXII-Date-Added-Last}: a
 * restart continues with the cursor, and falls back to {@code added_after} when the server no
 * longer honours it.
 *
 * <p>Thread-safe: polls are serialized. Open it once with {@link #open()}.
 */
public final class TaxiiPoller implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TaxiiPoller.class);

  /** The {@code submitted_by} of everything a poller writes. */
  public static final String SUBMITTED_BY = "ingest.taxii-poller";

  private final TaxiiSource source;
  private final TaxiiClient client;
  private final StixAdapter adapter;
  private final Producer<byte[], byte[]> producer;
  private final Map<String, Object> kafka;
  private final IngestConfig config;
  private final IngestMetrics metrics;
  private final PageHook hook;
  private final Clock clock = Clock.systemUTC();
  private @Nullable IngestPosition position;
  private @Nullable ScheduledExecutorService scheduler;
  private boolean opened;

  /**
   * Creates a poller; {@link #open()} it before polling.
   *
   * @param source the upstream collection
   * @param config the stage configuration (limits, producer settings, HTTP timeout)
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param index resolves sightings of indicators the hub already holds
   * @param registry where the poller's metrics go
   */
  public TaxiiPoller(
      TaxiiSource source,
      IngestConfig config,
      Map<String, Object> kafka,
      IndicatorIndex index,
      MeterRegistry registry) {
    this(source, config, kafka, index, registry, PageHook.NONE);
  }

  TaxiiPoller(
      TaxiiSource source,
      IngestConfig config,
      Map<String, Object> kafka,
      IndicatorIndex index,
      MeterRegistry registry,
      PageHook hook) {
    this.source = source;
    this.config = config;
    this.kafka = Map.copyOf(kafka);
    this.adapter = new StixAdapter(config.limits(), index);
    this.client =
        new TaxiiClient(source, config.taxiiTimeout(), adapter, config.limits().maxRequestBytes());
    this.metrics = new IngestMetrics(registry);
    this.hook = hook;
    Map<String, Object> p =
        config.producerProperties(kafka, "isachub-ingest-taxii-" + source.pollerId());
    // One transactional id per poller: a restarted poller fences its predecessor and aborts the
    // page the predecessor left open, so that page is neither lost nor written twice.
    p.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, "isachub-ingest-taxii-" + source.pollerId());
    this.producer = new KafkaProducer<>(p);
  }

  /**
   * Takes over the poller's transactional id (aborting any page a predecessor left open) and reads
   * back its last committed position.
   *
   * @throws IngestUnavailableException when Kafka cannot be reached
   */
  public synchronized void open() throws IngestUnavailableException {
    try {
      producer.initTransactions();
      position = readPosition();
    } catch (KafkaException e) {
      throw new IngestUnavailableException(
          "poller " + source.pollerId() + " cannot open: " + e.getMessage(),
          config.retryAfter(),
          e);
    }
    opened = true;
    LOG.info(
        "event=taxii-poller-open poller={} position_next={} date_added_last={}",
        source.pollerId(),
        position == null ? null : position.getNext(),
        position == null ? null : position.getDateAddedLast());
  }

  /**
   * Returns the last committed position.
   *
   * @return the position, empty before the first page was committed
   */
  public synchronized Optional<IngestPosition> position() {
    return Optional.ofNullable(position);
  }

  /**
   * Polls once: fetches and commits pages until the server has no more.
   *
   * @return what was committed
   * @throws TaxiiException when the server cannot be read; pages committed before stay committed
   * @throws IngestUnavailableException when Kafka did not commit a page
   */
  public synchronized PollResult pollOnce() throws TaxiiException, IngestUnavailableException {
    if (!opened) {
      throw new IllegalStateException("open() the poller first");
    }
    int pages = 0;
    int objects = 0;
    int accepted = 0;
    int rejected = 0;
    boolean more = true;
    while (more) {
      IngestPosition at = position;
      String next = at == null ? null : at.getNext();
      String addedAfter =
          at == null ? null : next != null ? at.getAddedAfter() : at.getDateAddedLast();
      TaxiiPage page;
      try {
        page = client.fetch(addedAfter, next, source.pageSize());
      } catch (TaxiiException e) {
        if (next == null || e.status() < 400 || e.status() >= 500) {
          throw e;
        }
        // The server no longer honours the cursor: continue from the last date committed.
        LOG.warn(
            "event=taxii-cursor-refused poller={} status={} fallback=added_after",
            source.pollerId(),
            e.status());
        next = null;
        addedAfter = at.getDateAddedLast();
        page = client.fetch(addedAfter, null, source.pageSize());
      }
      if (page.objects().isEmpty() && !page.more() && (at == null || at.getNext() == null)) {
        break; // nothing new, nothing to record
      }
      pages++;
      String lastDate =
          page.dateAddedLast() != null
              ? page.dateAddedLast()
              : at == null ? null : at.getDateAddedLast();
      boolean cursor = page.more() && page.next() != null;
      IngestPosition after =
          IngestPosition.newBuilder()
              .setPollerId(source.pollerId())
              .setApiRoot(source.apiRoot().toString())
              .setCollectionId(source.collectionId())
              .setAddedAfter(cursor ? addedAfter : lastDate)
              .setNext(cursor ? page.next() : null)
              .setDateAddedLast(lastDate)
              .setPages((at == null ? 0 : at.getPages()) + 1)
              .setObjects((at == null ? 0 : at.getObjects()) + page.objects().size())
              .setUpdatedAt(clock.instant())
              .build();
      int[] counts = commit(page, after, pages);
      accepted += counts[0];
      rejected += counts[1];
      objects += page.objects().size();
      position = after;
      metrics.taxiiPage(source.pollerId(), page.objects().size());
      // Without a cursor, more=true means: ask again from the last date added.
      more = page.more() && (page.next() != null || page.dateAddedLast() != null);
    }
    if (pages > 0) {
      LOG.info(
          "event=taxii-poll poller={} pages={} objects={} accepted={} rejected={}",
          source.pollerId(),
          pages,
          objects,
          accepted,
          rejected);
    }
    return new PollResult(pages, objects, accepted, rejected);
  }

  /** Writes one page and the new position in one transaction; returns {accepted, rejected}. */
  private int[] commit(TaxiiPage page, IngestPosition after, int number)
      throws IngestUnavailableException {
    String submissionId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    RequestContext ctx =
        new RequestContext(
            submissionId,
            source.source(),
            SUBMITTED_BY,
            "taxii",
            null,
            source.defaultTlp(),
            List.of(),
            false,
            now);
    List<ProducerRecord<byte[], byte[]>> records;
    int[] counts;
    try {
      Adapted a = adapter.adaptObjects(page.objects(), ctx);
      records = OutboundRecords.of(a, source.source(), submissionId, now);
      counts = new int[] {a.submissions().size() + a.sightings().size(), a.rejected().size()};
    } catch (IngestRejectedException e) {
      // A page the hub refuses whole is dead-lettered; the poller moves past it.
      records =
          List.of(
              OutboundRecords.requestDeadLetter(
                  page.objects().toString().getBytes(StandardCharsets.UTF_8),
                  e.code(),
                  e.reason(),
                  source.source(),
                  submissionId,
                  now,
                  config.deadLetterMaxBytes()));
      counts = new int[] {0, page.objects().size()};
    }
    byte[] key = source.pollerId().getBytes(StandardCharsets.UTF_8);
    byte[] value =
        Topics.INGEST_POSITIONS
            .valueSerde()
            .serializer()
            .serialize(Topics.INGEST_POSITIONS.name(), after);
    try {
      producer.beginTransaction();
      for (ProducerRecord<byte[], byte[]> r : records) {
        producer.send(r, (m, e) -> recordFailure(e));
      }
      producer.send(
          new ProducerRecord<>(Topics.INGEST_POSITIONS.name(), key, value),
          (m, e) -> recordFailure(e));
      // Commit would flush anyway; flushing first puts the page in the log before the hook runs.
      producer.flush();
      hook.beforeCommit(number);
      producer.commitTransaction();
      return counts;
    } catch (ProducerFencedException | OutOfOrderSequenceException | AuthorizationException e) {
      // Another poller with this id took over, or the producer is broken: it must not go on.
      opened = false;
      throw new IngestUnavailableException(
          "poller " + source.pollerId() + " can no longer write: " + e.getMessage(),
          config.retryAfter(),
          e);
    } catch (KafkaException e) {
      abortQuietly();
      throw new IngestUnavailableException(
          "poller " + source.pollerId() + " could not commit a page: " + e.getMessage(),
          config.retryAfter(),
          e);
    } catch (RuntimeException e) {
      abortQuietly();
      throw e;
    }
  }

  private void recordFailure(@Nullable Exception e) {
    if (e != null) {
      LOG.warn("event=taxii-write-failed poller={} reason={}", source.pollerId(), e.toString());
    }
  }

  private void abortQuietly() {
    try {
      producer.abortTransaction();
    } catch (KafkaException e) {
      LOG.warn("event=taxii-abort-failed poller={} reason={}", source.pollerId(), e.toString());
    }
  }

  private @Nullable IngestPosition readPosition() {
    Map<String, Object> p = new HashMap<>(kafka);
    p.remove(ConsumerConfig.GROUP_ID_CONFIG);
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    // Only positions whose page committed count.
    p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "isachub-ingest-taxii-position-" + source.pollerId());
    IngestPosition last = null;
    try (KafkaConsumer<String, IngestPosition> consumer =
        new KafkaConsumer<>(
            p, new StringDeserializer(), Topics.INGEST_POSITIONS.valueSerde().deserializer())) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(Topics.INGEST_POSITIONS.name()).stream()
              .map(i -> new TopicPartition(i.topic(), i.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<String, IngestPosition> r : consumer.poll(Duration.ofMillis(200))) {
          if (source.pollerId().equals(r.key())) {
            last = r.value();
          }
        }
      }
    }
    if (last != null
        && (!last.getApiRoot().equals(source.apiRoot().toString())
            || !last.getCollectionId().equals(source.collectionId()))) {
      LOG.warn(
          "event=taxii-position-ignored poller={} reason=collection-changed", source.pollerId());
      return null;
    }
    return last;
  }

  /**
   * Polls every {@link TaxiiSource#interval()} on a thread of its own until closed; a failed poll
   * is logged and retried at the next interval.
   */
  public synchronized void start() {
    if (scheduler != null) {
      throw new IllegalStateException("poller already started");
    }
    ScheduledExecutorService s =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "isachub-taxii-" + source.pollerId());
              t.setDaemon(true);
              return t;
            });
    scheduler = s;
    s.scheduleWithFixedDelay(
        this::pollLogged, 0, source.interval().toMillis(), TimeUnit.MILLISECONDS);
  }

  private void pollLogged() {
    try {
      if (!opened) {
        open();
      }
      pollOnce();
    } catch (TaxiiException | IngestUnavailableException | RuntimeException e) {
      LOG.warn("event=taxii-poll-failed poller={} reason={}", source.pollerId(), e.toString());
    }
  }

  @Override
  public void close() {
    ScheduledExecutorService s;
    synchronized (this) {
      s = scheduler;
      scheduler = null;
    }
    if (s != null) {
      s.shutdownNow();
      try {
        s.awaitTermination(30, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    producer.close(Duration.ofSeconds(10));
  }
}
