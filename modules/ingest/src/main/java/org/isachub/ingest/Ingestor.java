package org.isachub.ingest;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.isachub.ingest.adapt.Adapted;
import org.isachub.ingest.adapt.FeedAdapter;
import org.isachub.ingest.adapt.IndicatorIndex;
import org.isachub.ingest.adapt.RequestContext;
import org.isachub.ingest.adapt.StixAdapter;
import org.isachub.ingest.internal.OutboundRecords;
import org.isachub.ingest.read.CsvFeedReader;
import org.isachub.ingest.read.CsvMapping;
import org.isachub.ingest.read.MispReader;
import org.isachub.ingest.read.ReadException;
import org.isachub.ingest.read.ReadResult;
import org.isachub.ingest.read.Rejection;
import org.isachub.ingest.read.RejectionCodes;
import org.isachub.ingest.read.TextListReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest stage's write path: takes one request, adapts it, writes its records to {@code
 * isac.submissions.v1} and {@code isac.sightings.v1} and its refusals to {@code
 * isac.deadletter.v1}, and returns the report only after Kafka acknowledged every one of those
 * writes. If Kafka does not acknowledge in time, the call fails with {@link
 * IngestUnavailableException}: nothing is reported accepted that was not written.
 *
 * <p>Thread-safe: one instance (one idempotent producer) serves all requests of a process.
 */
public final class Ingestor implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(Ingestor.class);

  private final IngestConfig config;
  private final IngestLimits limits;
  private final Producer<byte[], byte[]> producer;
  private final StixAdapter stix;
  private final FeedAdapter feeds = new FeedAdapter();
  private final IngestMetrics metrics;
  private final Clock clock;
  private final Map<String, CsvMapping> mappings = new ConcurrentHashMap<>();

  /**
   * Creates the write path with its own producer.
   *
   * @param config the stage configuration
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param index resolves sightings of indicators the hub already holds
   * @param registry where the stage's metrics go
   */
  public Ingestor(
      IngestConfig config,
      Map<String, Object> kafka,
      IndicatorIndex index,
      MeterRegistry registry) {
    this(
        config,
        new KafkaProducer<>(
            config.producerProperties(kafka, "isachub-ingest-" + ProcessHandle.current().pid())),
        index,
        registry,
        Clock.systemUTC());
  }

  /**
   * Creates the write path on a given producer, which it closes on {@link #close()}.
   *
   * @param config the stage configuration
   * @param producer an idempotent {@code acks=all} producer of serialized records
   * @param index resolves sightings of indicators the hub already holds
   * @param registry where the stage's metrics go
   * @param clock the time source for {@code submitted_at}
   */
  public Ingestor(
      IngestConfig config,
      Producer<byte[], byte[]> producer,
      IndicatorIndex index,
      MeterRegistry registry,
      Clock clock) {
    this.config = config;
    this.limits = config.limits();
    this.producer = producer;
    this.stix = new StixAdapter(limits, index);
    this.metrics = new IngestMetrics(registry);
    this.clock = clock;
  }

  /**
   * Ingests one request.
   *
   * @param request the bytes and who sent them
   * @return per object accepted, merged or rejected, and the counts; every accepted record and
   *     every dead letter is acknowledged by Kafka when this returns
   * @throws IngestRejectedException when the request as a whole is refused (malformed, too large,
   *     unsupported); its dead letter is written and acknowledged
   * @throws IngestUnavailableException when Kafka did not acknowledge every write in time
   */
  public IngestReport ingest(IngestRequest request)
      throws IngestRejectedException, IngestUnavailableException {
    long started = System.nanoTime();
    String submissionId = UUID.randomUUID().toString();
    Instant now = clock.instant();
    String adapter = request.format().adapter();
    RequestContext ctx =
        new RequestContext(
            submissionId,
            request.source(),
            request.submittedBy(),
            adapter,
            request.tlp(),
            request.defaultTlp(),
            request.recipients(),
            request.anonymous(),
            now);
    Adapted adapted;
    try {
      adapted = adapt(request, ctx);
    } catch (IngestRejectedException e) {
      write(
          List.of(
              OutboundRecords.requestDeadLetter(
                  request.body(),
                  e.code(),
                  e.reason(),
                  request.source(),
                  submissionId,
                  now,
                  config.deadLetterMaxBytes())),
          submissionId,
          adapter,
          started);
      metrics.request(adapter, "rejected", elapsed(started));
      LOG.info(
          "event=ingest-refused submission={} source={} adapter={} code={} bytes={}",
          submissionId,
          request.source(),
          adapter,
          e.code(),
          request.body().length);
      throw e.withSubmissionId(submissionId);
    }
    write(
        OutboundRecords.of(adapted, request.source(), submissionId, now),
        submissionId,
        adapter,
        started);
    IngestReport report = report(submissionId, adapted);
    metrics.objects(adapter, "accepted", report.accepted());
    metrics.objects(adapter, "duplicate", report.duplicates());
    metrics.objects(adapter, "rejected", report.rejected());
    metrics.objects(adapter, "context", report.context());
    metrics.objects(adapter, "skipped", report.skipped());
    metrics.request(adapter, "ok", elapsed(started));
    LOG.info(
        "event=ingest submission={} source={} adapter={} accepted={} duplicates={} rejected={}"
            + " context={} skipped={} ms={}",
        submissionId,
        request.source(),
        adapter,
        report.accepted(),
        report.duplicates(),
        report.rejected(),
        report.context(),
        report.skipped(),
        elapsed(started).toMillis());
    return report;
  }

  /**
   * Builds the report of an adapted request.
   *
   * @param submissionId the request's id
   * @param adapted the adapter's result
   * @return the report
   */
  static IngestReport report(String submissionId, Adapted adapted) {
    int duplicates = 0;
    for (ObjectOutcome o : adapted.outcomes()) {
      if (o.status() == ObjectStatus.DUPLICATE) {
        duplicates++;
      }
    }
    return new IngestReport(
        submissionId,
        adapted.outcomes(),
        adapted.submissions().size() + adapted.sightings().size(),
        duplicates,
        adapted.rejected().size(),
        adapted.context(),
        adapted.skipped());
  }

  private Adapted adapt(IngestRequest r, RequestContext ctx) throws IngestRejectedException {
    byte[] body = r.body();
    if (body.length > limits.maxRequestBytes()) {
      throw new IngestRejectedException(
          IngestCodes.LIMIT_REQUEST_BYTES,
          "the request is "
              + body.length
              + " bytes, more than the limit of "
              + limits.maxRequestBytes(),
          RequestProblem.TOO_LARGE,
          null);
    }
    return switch (r.format()) {
      case STIX -> stix.adapt(body, ctx);
      case CSV -> {
        CsvMapping mapping = mapping(r.csvMapping() == null ? "generic" : r.csvMapping());
        yield feeds.adapt(
            read(() -> new CsvFeedReader(mapping, limits.readLimits()).read(body)), ctx);
      }
      case TEXT -> feeds.adapt(read(() -> new TextListReader(limits.readLimits()).read(body)), ctx);
      case MISP ->
          feeds.adapt(wholeMisp(read(() -> new MispReader(limits.readLimits()).read(body))), ctx);
    };
  }

  /** The MISP reader reports unreadable input as a rejection of "input": a whole-request fault. */
  private static ReadResult wholeMisp(ReadResult read) throws IngestRejectedException {
    for (Rejection r : read.rejections()) {
      if (r.location().equals("input")
          && (r.code().equals(RejectionCodes.MISP_BAD_JSON)
              || r.code().equals(RejectionCodes.MISP_UNKNOWN_SHAPE))) {
        throw new IngestRejectedException(r.code(), r.reason(), RequestProblem.MALFORMED, null);
      }
    }
    return read;
  }

  private CsvMapping mapping(String name) throws IngestRejectedException {
    CsvMapping known = mappings.get(name);
    if (known != null) {
      return known;
    }
    try {
      CsvMapping loaded = CsvMapping.builtIn(name);
      mappings.put(name, loaded);
      return loaded;
    } catch (ReadException e) {
      throw new IngestRejectedException(
          IngestCodes.UNKNOWN_MAPPING,
          "no CSV mapping named '" + name + "' (there are feodo, urlhaus, generic)",
          RequestProblem.MALFORMED,
          null);
    }
  }

  /** A reader call. */
  @FunctionalInterface
  private interface Read {
    ReadResult read() throws ReadException;
  }

  private static ReadResult read(Read reader) throws IngestRejectedException {
    try {
      return reader.read();
    } catch (ReadException e) {
      String prefix = e.code() + ": ";
      String reason =
          e.getMessage() != null && e.getMessage().startsWith(prefix)
              ? e.getMessage().substring(prefix.length())
              : String.valueOf(e.getMessage());
      throw new IngestRejectedException(
          e.code(),
          reason,
          e.code().startsWith("limit.") ? RequestProblem.TOO_LARGE : RequestProblem.MALFORMED,
          null);
    }
  }

  private void write(
      List<ProducerRecord<byte[], byte[]>> records,
      String submissionId,
      String adapter,
      long started)
      throws IngestUnavailableException {
    long deadline = System.nanoTime() + config.ackTimeout().toNanos();
    List<Future<RecordMetadata>> acks = new ArrayList<>(records.size());
    try {
      for (ProducerRecord<byte[], byte[]> r : records) {
        acks.add(
            producer.send(
                r,
                (metadata, error) -> {
                  if (error != null) {
                    metrics.objects(adapter, "write-failed", 1);
                  }
                }));
      }
      for (Future<RecordMetadata> ack : acks) {
        ack.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
      }
    } catch (ExecutionException e) {
      throw unavailable(submissionId, adapter, started, e.getCause() == null ? e : e.getCause());
    } catch (TimeoutException | KafkaException | IllegalStateException e) {
      throw unavailable(submissionId, adapter, started, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw unavailable(submissionId, adapter, started, e);
    }
  }

  private IngestUnavailableException unavailable(
      String submissionId, String adapter, long started, Throwable cause) {
    metrics.request(adapter, "unavailable", elapsed(started));
    LOG.warn(
        "event=ingest-unavailable submission={} adapter={} reason={}",
        submissionId,
        adapter,
        cause.toString());
    return new IngestUnavailableException(
        "Kafka did not acknowledge every write of submission "
            + submissionId
            + " within "
            + config.ackTimeout().toMillis()
            + " ms: "
            + cause.getMessage(),
        config.retryAfter(),
        cause);
  }

  private static Duration elapsed(long started) {
    return Duration.ofNanos(System.nanoTime() - started);
  }

  @Override
  public void close() {
    producer.close(Duration.ofSeconds(30));
  }
}
