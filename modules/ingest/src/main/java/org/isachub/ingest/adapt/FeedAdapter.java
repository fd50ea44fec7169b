package org.isachub.ingest.adapt;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.isachub.ingest.IngestCodes;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.read.RawObservable;
import org.isachub.ingest.read.ReadResult;
import org.isachub.ingest.read.TlpHint;
import org.isachub.stix.model.IndicatorBuilder;
import org.isachub.stix.model.Tlp;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.observable.ObservableException;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.validate.CheckResult;
import org.isachub.wire.validate.RecordChecks;
import org.jspecify.annotations.Nullable;

/**
 * Adapts feed rows ({@link RawObservable}s from the CSV, text and MISP readers) to records: each
 * row's value gets its canonical key (the stated type, else detected), and the hub authors a STIX
 * indicator for it with an id fixed by source and key, so a feed re-read tomorrow produces the same
 * ids. Confidence, labels, first and last seen and the row's TLP hint are carried over.
 *
 * <ul>
 *   <li>Rows marked as context only (MISP {@code to_ids: false}) are counted, not submitted.
 *   <li>The same key twice in one request is merged into the first row: labels united, earliest
 *       first seen, latest last seen, highest confidence, strictest TLP; it is sent once.
 *   <li>A last seen earlier than the first seen (feeds with day-granular last-seen columns) is
 *       raised to the first seen.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class FeedAdapter {

  private final Canonicalizer canonicalizer = new Canonicalizer();
  private final RecordChecks checks = new RecordChecks();

  /**
   * Adapts what a feed reader read.
   *
   * @param read the reader's observables, rejections and skip count
   * @param ctx the request's envelope fields
   * @return the records, refusals and outcomes
   */
  public Adapted adapt(ReadResult read, RequestContext ctx) {
    List<Rejected> rejected = new ArrayList<>();
    List<ObjectOutcome> outcomes = new ArrayList<>();
    Map<String, Merged> byKey = new LinkedHashMap<>();
    int context = 0;
    for (var r : read.rejections()) {
      rejected.add(
          new Rejected(
              r.location(), null, null, r.code(), r.location() + ": " + r.reason(), r.excerpt()));
      outcomes.add(
          ObjectOutcome.rejected(r.location(), null, r.code(), r.location() + ": " + r.reason()));
    }
    // Each merged row keeps its position among the outcomes; filled in once the record is built.
    List<Object> slots = new ArrayList<>();
    for (RawObservable row : read.observables()) {
      if (!row.indicator()) {
        context++;
        continue;
      }
      ObservableKey key;
      try {
        key = key(row);
      } catch (ObservableException e) {
        String code = IngestCodes.OBSERVABLE_PREFIX + e.code();
        String reason = row.location() + ": value '" + excerpt(row.value()) + "': " + e.reason();
        rejected.add(new Rejected(row.location(), null, null, code, reason, row.value()));
        slots.add(ObjectOutcome.rejected(row.location(), null, code, reason));
        continue;
      }
      String k = key.toString();
      Merged m = byKey.get(k);
      if (m == null) {
        m = new Merged(key, row);
        byKey.put(k, m);
        slots.add(m);
      } else {
        m.merge(row);
        slots.add(new Dup(row.location(), m));
      }
    }
    List<Submission> submissions = new ArrayList<>();
    for (Merged m : byKey.values()) {
      Submission s = build(m, ctx);
      CheckResult check = checks.check(s.getKey(), s);
      if (!check.accepted()) {
        m.refusal =
            ObjectOutcome.rejected(m.first.location(), s.getKey(), check.code(), check.reason());
        rejected.add(
            new Rejected(
                m.first.location(),
                s.getObjectId(),
                s.getKey(),
                check.code(),
                m.first.location() + ": " + check.reason(),
                m.first.value()));
      } else {
        m.record = s;
        submissions.add(s);
      }
    }
    for (Object slot : slots) {
      if (slot instanceof ObjectOutcome o) {
        outcomes.add(o);
      } else if (slot instanceof Merged m) {
        outcomes.add(
            m.record != null
                ? ObjectOutcome.accepted(
                    m.first.location(), m.record.getObjectId(), m.key.toString())
                : m.refusal);
      } else if (slot instanceof Dup d) {
        outcomes.add(
            d.into.record != null
                ? ObjectOutcome.duplicate(
                    d.location,
                    d.into.record.getObjectId(),
                    d.into.key.toString(),
                    d.into.first.location())
                : ObjectOutcome.rejected(
                    d.location,
                    d.into.key.toString(),
                    d.into.refusal.code(),
                    "merged into "
                        + d.into.first.location()
                        + ", which was rejected: "
                        + d.into.refusal.reason()));
      }
    }
    return new Adapted(submissions, List.of(), rejected, outcomes, context, read.skipped());
  }

  private ObservableKey key(RawObservable row) throws ObservableException {
    if (row.type() == null) {
      return canonicalizer.detect(row.value());
    }
    String token = row.type().token();
    // Hash hints are "file:<algorithm>"; the canonicaliser takes the algorithm name.
    return canonicalizer.canonical(
        token.startsWith("file:") ? token.substring(5) : token, row.value());
  }

  private static Submission build(Merged m, RequestContext ctx) {
    String key = m.key.toString();
    Tlp tlp = m.tlp != null ? m.tlp : ctx.tlp() != null ? ctx.tlp() : ctx.defaultTlp();
    Instant now = ctx.receivedAt();
    Instant validFrom = m.firstSeen != null ? m.firstSeen : now;
    Instant lastSeen = m.lastSeen;
    if (lastSeen != null && m.firstSeen != null && lastSeen.isBefore(m.firstSeen)) {
      lastSeen = m.firstSeen;
    }
    IndicatorBuilder b =
        IndicatorBuilder.forKey(ctx.source() + "|" + key)
            .pattern(m.key.toPattern())
            .created(now)
            .validFrom(validFrom)
            .indicatorType("malicious-activity")
            .tlp(tlp);
    m.labels.forEach(b::label);
    if (m.confidence != null) {
      b.confidence(m.confidence);
    }
    var indicator = b.build();
    Set<String> labels = new LinkedHashSet<>();
    m.labels.forEach(l -> labels.add(l.toLowerCase(Locale.ROOT)));
    return Submission.newBuilder()
        .setSubmissionId(ctx.submissionId())
        .setObjectId(indicator.id())
        .setKind(SubmissionKind.INDICATOR)
        .setKey(key)
        .setObservableType(m.key.type())
        .setSource(ctx.source())
        .setSubmittedBy(ctx.submittedBy())
        .setAdapter(ctx.adapter())
        .setTlp(StixAdapter.wire(tlp))
        .setRecipients(
            tlp.isAtLeastAsRestrictiveAs(Tlp.AMBER_STRICT) ? ctx.recipients() : List.of())
        .setAnonymous(ctx.anonymous())
        .setConfidence(m.confidence)
        .setLabels(new ArrayList<>(labels))
        .setKillChainPhases(List.of())
        .setJurisdictions(List.of())
        .setValidFrom(validFrom)
        .setValidUntil(null)
        .setFirstSeen(m.firstSeen)
        .setLastSeen(lastSeen)
        .setSubmittedAt(now)
        .setStix(CanonicalJson.sorted(indicator.toJson()))
        .build();
  }

  private static String excerpt(String value) {
    return value.length() <= 100 ? value : value.substring(0, 100) + "…";
  }

  private static @Nullable Tlp tlp(@Nullable TlpHint hint) {
    return hint == null ? null : Tlp.valueOf(hint.name());
  }

  /** The rows of one key, merged. */
  private static final class Merged {
    final ObservableKey key;
    final RawObservable first;
    final Set<String> labels = new LinkedHashSet<>();
    @Nullable Instant firstSeen;
    @Nullable Instant lastSeen;
    @Nullable Integer confidence;
    @Nullable Tlp tlp;
    @Nullable Submission record;
    @Nullable ObjectOutcome refusal;

    Merged(ObservableKey key, RawObservable row) {
      this.key = key;
      this.first = row;
      merge(row);
    }

    void merge(RawObservable row) {
      labels.addAll(row.labels());
      if (row.firstSeen() != null && (firstSeen == null || row.firstSeen().isBefore(firstSeen))) {
        firstSeen = row.firstSeen();
      }
      if (row.lastSeen() != null && (lastSeen == null || row.lastSeen().isAfter(lastSeen))) {
        lastSeen = row.lastSeen();
      }
      if (row.confidence() != null && (confidence == null || row.confidence() > confidence)) {
        confidence = row.confidence();
      }
      Tlp t = tlp(row.tlp());
      if (t != null && (tlp == null || t.compareTo(tlp) > 0)) {
        tlp = t;
      }
    }
  }

  /** A row merged into an earlier one. */
  private record Dup(String location, Merged into) {}
}
