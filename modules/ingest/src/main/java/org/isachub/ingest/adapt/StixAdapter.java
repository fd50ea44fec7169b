package org.isachub.ingest.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.isachub.ingest.IngestCodes;
import org.isachub.ingest.IngestLimits;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.ObjectOutcome;
import org.isachub.ingest.RequestProblem;
import org.isachub.stix.model.StixIds;
import org.isachub.stix.model.StixJson;
import org.isachub.stix.model.StixParseException;
import org.isachub.stix.model.StixTimestamps;
import org.isachub.stix.model.Tlp;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.observable.ObservableException;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.stix.pattern.Pattern;
import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.stix.validate.StixValidator;
import org.isachub.stix.validate.Violation;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.validate.CheckResult;
import org.isachub.wire.validate.RecordChecks;
import org.jspecify.annotations.Nullable;

/**
 * Adapts STIX 2.1 bundles (and TAXII envelopes' object lists) to records.
 *
 * <ul>
 *   <li>Every indicator becomes a {@link Submission} keyed by the canonical key of its pattern:
 *       kind {@code REVOCATION} when {@code revoked: true}, else {@code INDICATOR}. Only {@code
 *       pattern_type: stix} can be keyed; other pattern types are refused.
 *   <li>A sighting of an indicator becomes a {@link Sighting} under that indicator's key: the
 *       indicator may be in the same request or known to the hub ({@link IndicatorIndex}).
 *   <li>Marking definitions and identities are context: markings decide TLP. Other object types are
 *       counted as skipped, never refused.
 *   <li>Within one request, a second indicator with the same key and kind is a duplicate: the one
 *       with the latest {@code modified} is sent, the others are reported as merged into it.
 * </ul>
 *
 * <p>Thread-safe.
 */
public final class StixAdapter {

  private final IngestLimits limits;
  private final StixJson json;
  private final IndicatorIndex index;
  private final StixValidator validator = StixValidator.standard();
  private final Canonicalizer canonicalizer = new Canonicalizer();
  private final RecordChecks checks = new RecordChecks();

  /**
   * Creates the adapter.
   *
   * @param limits the request limits
   * @param index resolves sightings of indicators that are not in the request
   */
  public StixAdapter(IngestLimits limits, IndicatorIndex index) {
    this.limits = limits;
    this.json = new StixJson(limits.stixReadLimits());
    this.index = index;
  }

  /**
   * Adapts a request body: a STIX bundle, or a single STIX object.
   *
   * @param body the UTF-8 JSON as received
   * @param ctx the request's envelope fields
   * @return the records, refusals and outcomes
   * @throws IngestRejectedException when the body is not JSON, not STIX, or breaks a whole-request
   *     limit
   */
  public Adapted adapt(byte[] body, RequestContext ctx) throws IngestRejectedException {
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
    JsonNode tree = parse(body);
    List<JsonNode> objects = new ArrayList<>();
    if (tree.isObject() && "bundle".equals(tree.path("type").asText())) {
      JsonNode list = tree.get("objects");
      if (list != null && !list.isArray()) {
        throw malformed(IngestCodes.STIX_NOT_A_BUNDLE, "the bundle's 'objects' is not an array");
      }
      if (list != null) {
        list.forEach(objects::add);
      }
    } else if (tree.isObject() && tree.path("type").isTextual()) {
      objects.add(tree);
    } else {
      throw malformed(
          IngestCodes.STIX_NOT_A_BUNDLE,
          "expected a STIX bundle or a STIX object, got "
              + (tree.isObject()
                  ? "a JSON object without a string 'type'"
                  : "a JSON " + kind(tree)));
    }
    return adaptObjects(objects, ctx);
  }

  /**
   * Adapts a list of STIX objects, such as the {@code objects} of a TAXII envelope.
   *
   * @param objects the objects as parsed
   * @param ctx the request's envelope fields
   * @return the records, refusals and outcomes
   * @throws IngestRejectedException when there are more objects than the limit
   */
  public Adapted adaptObjects(List<JsonNode> objects, RequestContext ctx)
      throws IngestRejectedException {
    if (objects.size() > limits.maxBundleObjects()) {
      throw new IngestRejectedException(
          IngestCodes.LIMIT_BUNDLE_OBJECTS,
          "the bundle holds "
              + objects.size()
              + " objects, more than the limit of "
              + limits.maxBundleObjects(),
          RequestProblem.TOO_LARGE,
          null);
    }
    return new Run(ctx).run(objects);
  }

  /**
   * Parses a JSON body under the request limits, mapping each failure to its code.
   *
   * @param body UTF-8 JSON
   * @return the tree
   * @throws IngestRejectedException for malformed JSON or a broken limit
   */
  public JsonNode parse(byte[] body) throws IngestRejectedException {
    if (body.length == 0) {
      throw malformed(IngestCodes.EMPTY_REQUEST, "the request body is empty");
    }
    try {
      return json.readTree(body);
    } catch (StixParseException e) {
      String reason = e.reason();
      if (reason.startsWith("input exceeds a read limit")) {
        String code =
            reason.contains("nesting")
                ? IngestCodes.LIMIT_JSON_DEPTH
                : reason.contains("string")
                    ? IngestCodes.LIMIT_JSON_STRING
                    : IngestCodes.LIMIT_REQUEST_BYTES;
        throw new IngestRejectedException(code, e.getMessage(), RequestProblem.TOO_LARGE, null);
      }
      throw malformed(IngestCodes.STIX_JSON, e.getMessage());
    }
  }

  private static IngestRejectedException malformed(String code, String reason) {
    return new IngestRejectedException(code, reason, RequestProblem.MALFORMED, null);
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  /** One indicator that passed every check, waiting for duplicate resolution. */
  private record Candidate(
      String id, String key, SubmissionKind kind, Instant modified, Submission record) {}

  /** The state of adapting one request; not shared between threads. */
  private final class Run {
    private final RequestContext ctx;
    private final List<Rejected> rejected = new ArrayList<>();
    private final List<ObjectOutcome> outcomes = new ArrayList<>();
    private final Map<String, JsonNode> markings = new HashMap<>();
    private final Map<String, String> keysInRequest = new HashMap<>();
    private final Set<String> refusedIndicators = new HashSet<>();
    private int context;
    private int skipped;

    Run(RequestContext ctx) {
      this.ctx = ctx;
    }

    Adapted run(List<JsonNode> objects) {
      List<JsonNode> indicators = new ArrayList<>();
      List<JsonNode> sightings = new ArrayList<>();
      for (int i = 0; i < objects.size(); i++) {
        JsonNode o = objects.get(i);
        if (!o.isObject() || !o.path("type").isTextual() || !o.path("id").isTextual()) {
          refuse(
              "objects[" + i + "]",
              null,
              null,
              IngestCodes.STIX_OBJECT_SHAPE,
              "objects[" + i + "] is not a STIX object with a string 'type' and 'id'",
              o);
          continue;
        }
        switch (o.get("type").asText()) {
          case "indicator" -> indicators.add(o);
          case "sighting" -> sightings.add(o);
          case "marking-definition" -> {
            markings.put(o.get("id").asText(), o);
            context++;
          }
          case "identity" -> context++;
          default -> skipped++;
        }
      }
      TlpResolver tlps = new TlpResolver(markings);
      List<Candidate> candidates = new ArrayList<>();
      for (JsonNode o : indicators) {
        String id = o.get("id").asText();
        try {
          Candidate c = indicator(o, tlps);
          candidates.add(c);
          keysInRequest.put(id, c.key());
        } catch (Refusal r) {
          refusedIndicators.add(id);
          refuse(id, id, null, r.code(), r.reason(), o);
        } catch (KeyedRefusal r) {
          refusedIndicators.add(id);
          refuse(id, id, r.key, r.refusal.code(), r.refusal.reason(), o);
        }
      }
      List<Submission> submissions = new ArrayList<>();
      Map<String, Candidate> winners = new LinkedHashMap<>();
      for (Candidate c : candidates) {
        String dedup = c.kind() + "|" + c.key();
        Candidate w = winners.get(dedup);
        if (w == null || c.modified().isAfter(w.modified())) {
          winners.put(dedup, c);
        }
      }
      // Identity, not equality: two identical copies of one object are still two objects.
      Set<Candidate> sent = Collections.newSetFromMap(new IdentityHashMap<>());
      sent.addAll(winners.values());
      for (Candidate c : candidates) {
        if (sent.contains(c)) {
          submissions.add(c.record());
          outcomes.add(ObjectOutcome.accepted(c.id(), c.id(), c.key()));
        } else {
          Candidate w = winners.get(c.kind() + "|" + c.key());
          outcomes.add(ObjectOutcome.duplicate(c.id(), w.id(), c.key(), w.id()));
        }
      }
      List<Sighting> sighted = new ArrayList<>();
      for (JsonNode o : sightings) {
        String id = o.get("id").asText();
        try {
          Sighting s = sighting(o, tlps);
          sighted.add(s);
          outcomes.add(ObjectOutcome.accepted(id, id, s.getKey()));
        } catch (Refusal r) {
          refuse(id, id, null, r.code(), r.reason(), o);
        } catch (KeyedRefusal r) {
          refuse(id, id, r.key, r.refusal.code(), r.refusal.reason(), o);
        }
      }
      return new Adapted(submissions, sighted, rejected, outcomes, context, skipped);
    }

    private void refuse(
        String ref,
        @Nullable String objectId,
        @Nullable String key,
        String code,
        String reason,
        JsonNode original) {
      rejected.add(new Rejected(ref, objectId, key, code, reason, CanonicalJson.asRead(original)));
      outcomes.add(ObjectOutcome.rejected(ref, key, code, reason));
    }

    private Candidate indicator(JsonNode o, TlpResolver tlps) throws Refusal, KeyedRefusal {
      String id = o.get("id").asText();
      JsonNode patternNode = o.path("pattern");
      if (patternNode.isTextual() && patternNode.asText().length() > limits.maxPatternLength()) {
        throw new Refusal(
            IngestCodes.LIMIT_PATTERN_LENGTH,
            id
                + " property pattern: "
                + patternNode.asText().length()
                + " characters, more than the limit of "
                + limits.maxPatternLength());
      }
      // Parse first: the parser's code (stix.pattern.syntax, ...) is more precise than the
      // validator's general pattern rule.
      Pattern pattern = null;
      if ("stix".equals(o.path("pattern_type").asText()) && patternNode.isTextual()) {
        try {
          pattern = PatternParser.parse(patternNode.asText(), limits.patternLimits());
        } catch (PatternException e) {
          throw new Refusal(
              "stix.pattern." + e.code(), id + " property pattern: " + e.getMessage());
        }
      }
      validate(o);
      String patternType = o.path("pattern_type").asText();
      if (!"stix".equals(patternType)) {
        throw new Refusal(
            IngestCodes.UNSUPPORTED_PATTERN_TYPE,
            id
                + " property pattern_type: '"
                + patternType
                + "' patterns cannot be keyed by the hub; only pattern_type 'stix' is accepted");
      }
      if (pattern == null) {
        throw new Refusal("stix.required", id + " property pattern: missing");
      }
      ObservableKey key;
      try {
        key = canonicalizer.fromPattern(pattern);
      } catch (ObservableException e) {
        throw new Refusal(
            IngestCodes.PATTERN_VALUE,
            id + " property pattern: the observable value is invalid: " + e.reason());
      }
      String k = key.toString();
      Tlp tlp;
      try {
        tlp = tlpOf(o, tlps);
      } catch (Refusal r) {
        throw new KeyedRefusal(k, r);
      }
      SubmissionKind kind =
          o.path("revoked").asBoolean(false) ? SubmissionKind.REVOCATION : SubmissionKind.INDICATOR;
      Set<String> labels = new LinkedHashSet<>();
      for (String field : List.of("labels", "indicator_types")) {
        o.path(field).forEach(l -> labels.add(l.asText().toLowerCase(Locale.ROOT)));
      }
      List<String> phases = new ArrayList<>();
      o.path("kill_chain_phases")
          .forEach(
              p ->
                  phases.add(
                      p.path("kill_chain_name").asText() + ":" + p.path("phase_name").asText()));
      JsonNode confidence = o.get("confidence");
      Instant modified = StixTimestamps.parse(o.path("modified").asText());
      Submission s =
          Submission.newBuilder()
              .setSubmissionId(ctx.submissionId())
              .setObjectId(id)
              .setKind(kind)
              .setKey(k)
              .setObservableType(key.type())
              .setSource(ctx.source())
              .setSubmittedBy(ctx.submittedBy())
              .setAdapter(ctx.adapter())
              .setTlp(wire(tlp))
              .setRecipients(recipientsFor(tlp))
              .setAnonymous(ctx.anonymous())
              .setConfidence(confidence == null ? null : confidence.intValue())
              .setLabels(new ArrayList<>(labels))
              .setKillChainPhases(phases)
              .setJurisdictions(List.of())
              .setValidFrom(StixTimestamps.parse(o.path("valid_from").asText()))
              .setValidUntil(
                  o.path("valid_until").isTextual()
                      ? StixTimestamps.parse(o.path("valid_until").asText())
                      : null)
              .setFirstSeen(null)
              .setLastSeen(null)
              .setSubmittedAt(ctx.receivedAt())
              .setStix(CanonicalJson.sorted(o))
              .build();
      recipientsPresent(id, tlp, k);
      CheckResult check = checks.check(k, s);
      if (!check.accepted()) {
        throw new KeyedRefusal(k, new Refusal(check.code(), check.reason()));
      }
      return new Candidate(id, k, kind, modified, s);
    }

    private Sighting sighting(JsonNode o, TlpResolver tlps) throws Refusal, KeyedRefusal {
      String id = o.get("id").asText();
      validate(o);
      String target = o.path("sighting_of_ref").asText();
      if (!"indicator".equals(StixIds.typeOf(target))) {
        throw new Refusal(
            IngestCodes.SIGHTING_NOT_OF_INDICATOR,
            id
                + " property sighting_of_ref: "
                + target
                + " is not an indicator; the hub records sightings of indicators only");
      }
      String key = keysInRequest.get(target);
      if (key == null) {
        if (refusedIndicators.contains(target)) {
          throw new Refusal(
              IngestCodes.SIGHTING_TARGET_REJECTED,
              id + " property sighting_of_ref: " + target + " was rejected in this request");
        }
        Optional<String> known = index.keyOf(target);
        if (known.isEmpty()) {
          throw new Refusal(
              IngestCodes.SIGHTING_UNKNOWN_TARGET,
              id
                  + " property sighting_of_ref: "
                  + target
                  + " is neither in this request nor an indicator the hub knows");
        }
        key = known.get();
      }
      Tlp tlp;
      try {
        tlp = tlpOf(o, tlps);
      } catch (Refusal r) {
        throw new KeyedRefusal(key, r);
      }
      Instant created = StixTimestamps.parse(o.path("created").asText());
      Instant first = instant(o, "first_seen");
      Instant last = instant(o, "last_seen");
      Instant start = first != null ? first : last != null ? last : created;
      Instant end = last != null ? last : start;
      JsonNode count = o.get("count");
      Sighting s =
          Sighting.newBuilder()
              .setSightingId(id)
              .setSubmissionId(ctx.submissionId())
              .setKey(key)
              .setIndicatorId(target)
              .setMember(ctx.source())
              .setTlp(wire(tlp))
              .setRecipients(recipientsFor(tlp))
              .setAnonymous(ctx.anonymous())
              .setCount(count == null ? 1 : count.intValue())
              .setFalsePositive(o.path("x_isachub_false_positive").asBoolean(false))
              .setFirstSeen(start)
              .setLastSeen(end)
              .setSubmittedAt(ctx.receivedAt())
              .setStix(CanonicalJson.sorted(o))
              .build();
      recipientsPresent(id, tlp, key);
      CheckResult check = checks.check(key, s);
      if (!check.accepted()) {
        throw new KeyedRefusal(key, new Refusal(check.code(), check.reason()));
      }
      return s;
    }

    private void validate(JsonNode o) throws Refusal {
      List<Violation> violations = validator.validate(o);
      if (!violations.isEmpty()) {
        Violation v = violations.get(0);
        throw new Refusal(
            "stix." + v.rule(),
            v.objectId()
                + (v.property().isEmpty() ? "" : " property " + v.property())
                + ": "
                + v.message()
                + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
      }
    }

    private Tlp tlpOf(JsonNode o, TlpResolver tlps) throws Refusal {
      List<String> refs = new ArrayList<>();
      o.path("object_marking_refs").forEach(r -> refs.add(r.asText()));
      return tlps.resolve(o.get("id").asText(), refs, ctx.tlp(), ctx.defaultTlp());
    }

    private List<String> recipientsFor(Tlp tlp) {
      return tlp.isAtLeastAsRestrictiveAs(Tlp.AMBER_STRICT) ? ctx.recipients() : List.of();
    }

    private void recipientsPresent(String id, Tlp tlp, String key) throws KeyedRefusal {
      if (tlp.isAtLeastAsRestrictiveAs(Tlp.AMBER_STRICT) && ctx.recipients().isEmpty()) {
        throw new KeyedRefusal(
            key,
            new Refusal(
                IngestCodes.TLP_NO_RECIPIENTS,
                id + " is " + tlp.displayName() + " but the request names no recipients"));
      }
    }
  }

  private static @Nullable Instant instant(JsonNode o, String field) {
    JsonNode v = o.get(field);
    return v != null && v.isTextual() ? StixTimestamps.tryParse(v.asText()).orElse(null) : null;
  }

  static org.isachub.wire.avro.Tlp wire(Tlp tlp) {
    return org.isachub.wire.avro.Tlp.valueOf(tlp.name());
  }

  /** A refusal after the key was known, so the report and dead letter can name the key. */
  private static final class KeyedRefusal extends Exception {
    private static final long serialVersionUID = 1L;
    private final String key;
    private final transient Refusal refusal;

    KeyedRefusal(String key, Refusal refusal) {
      super(refusal.getMessage(), null, false, false);
      this.key = key;
      this.refusal = refusal;
    }
  }
}
