package org.isachub.wire.validate;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.isachub.stix.model.StixJson;
import org.isachub.stix.model.StixParseException;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.observable.ObservableException;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.stix.pattern.Pattern;
import org.isachub.stix.pattern.PatternException;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.stix.pattern.Patterns;
import org.isachub.stix.validate.StixValidator;
import org.isachub.stix.validate.Violation;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * The checks every {@link Submission} and {@link Sighting} passes, whether ingest wrote it after
 * parsing a feed or a vendor wrote it straight onto the topic: the record key is the canonical key
 * of the STIX object's pattern, the STIX object is valid STIX 2.1, and the envelope agrees with it.
 * Ingest runs them before writing; enrich runs them again on everything it reads.
 *
 * <p>Thread-safe.
 */
public final class RecordChecks {

  /** Largest count a STIX sighting may carry. */
  public static final int MAX_SIGHTING_COUNT = 999_999_999;

  private final StixJson json = new StixJson();
  private final StixValidator validator = StixValidator.standard();
  private final Canonicalizer canonicalizer = new Canonicalizer();

  /**
   * Checks a submission.
   *
   * @param recordKey the Kafka record key it was written under (null if none)
   * @param s the submission
   * @return accepted with the normalised pattern, or the first problem found
   */
  public CheckResult check(@Nullable String recordKey, Submission s) {
    Optional<CheckResult> envelope =
        first(
            keyMatches(recordKey, s.getKey()),
            required("source", s.getSource()),
            required("submission_id", s.getSubmissionId()),
            required("object_id", s.getObjectId()),
            recipients(s.getTlp(), s.getRecipients()),
            confidence(s.getConfidence()),
            order("valid_until", s.getValidFrom(), s.getValidUntil()),
            order("last_seen", s.getFirstSeen(), s.getLastSeen()));
    if (envelope.isPresent()) {
      return envelope.get();
    }
    ObservableKey key;
    try {
      key = ObservableKey.parse(s.getKey());
    } catch (ObservableException e) {
      return CheckResult.rejected(
          "wire.key-not-canonical", "key '" + s.getKey() + "' is not canonical: " + e.getMessage());
    }
    JsonNode object;
    try {
      object = json.readTree(s.getStix());
    } catch (StixParseException e) {
      return CheckResult.rejected(
          "stix.json", "stix of " + s.getObjectId() + ": " + e.getMessage());
    }
    List<Violation> violations = validator.validate(object);
    if (!violations.isEmpty()) {
      Violation v = violations.get(0);
      return CheckResult.rejected(
          "stix." + v.rule(),
          v.objectId()
              + " property "
              + v.property()
              + ": "
              + v.message()
              + (violations.size() > 1 ? " (and " + (violations.size() - 1) + " more)" : ""));
    }
    if (!"indicator".equals(object.path("type").asText())) {
      return CheckResult.rejected(
          "wire.not-an-indicator",
          s.getObjectId() + " is a " + object.path("type").asText() + ", not an indicator");
    }
    if (!s.getObjectId().equals(object.path("id").asText())) {
      return CheckResult.rejected(
          "wire.object-id-mismatch",
          "object_id "
              + s.getObjectId()
              + " differs from the STIX id "
              + object.path("id").asText());
    }
    if (!"stix".equals(object.path("pattern_type").asText())) {
      return CheckResult.rejected(
          "wire.unsupported-pattern-type",
          s.getObjectId()
              + " property pattern_type: only STIX patterns can be keyed, got '"
              + object.path("pattern_type").asText()
              + "'");
    }
    Pattern pattern;
    try {
      pattern = PatternParser.parse(object.path("pattern").asText());
    } catch (PatternException e) {
      return CheckResult.rejected(
          "stix.pattern." + e.code(), s.getObjectId() + " property pattern: " + e.getMessage());
    }
    ObservableKey derived;
    try {
      derived = canonicalizer.fromPattern(pattern);
    } catch (ObservableException e) {
      return CheckResult.rejected(
          "wire.pattern-value",
          s.getObjectId()
              + " property pattern: the observable value is invalid: "
              + e.getMessage());
    }
    if (!derived.equals(key)) {
      return CheckResult.rejected(
          "wire.key-pattern-mismatch",
          "key '" + s.getKey() + "' differs from the key of the pattern, '" + derived + "'");
    }
    if (!key.type().equals(s.getObservableType())) {
      return CheckResult.rejected(
          "wire.observable-type-mismatch",
          "observable_type '"
              + s.getObservableType()
              + "' differs from the key's '"
              + key.type()
              + "'");
    }
    return CheckResult.ok(key.isPatternHash() ? Patterns.normalise(pattern) : key.toPattern());
  }

  /**
   * Checks a sighting.
   *
   * @param recordKey the Kafka record key it was written under (null if none)
   * @param g the sighting
   * @return accepted, or the first problem found
   */
  public CheckResult check(@Nullable String recordKey, Sighting g) {
    Optional<CheckResult> envelope =
        first(
            keyMatches(recordKey, g.getKey()),
            required("member", g.getMember()),
            required("sighting_id", g.getSightingId()),
            recipients(g.getTlp(), g.getRecipients()),
            order("last_seen", g.getFirstSeen(), g.getLastSeen()));
    if (envelope.isPresent()) {
      return envelope.get();
    }
    if (g.getCount() < 0 || g.getCount() > MAX_SIGHTING_COUNT) {
      return CheckResult.rejected(
          "wire.count", "count " + g.getCount() + " is outside 0.." + MAX_SIGHTING_COUNT);
    }
    try {
      ObservableKey.parse(g.getKey());
    } catch (ObservableException e) {
      return CheckResult.rejected(
          "wire.key-not-canonical", "key '" + g.getKey() + "' is not canonical: " + e.getMessage());
    }
    return CheckResult.ok("");
  }

  @SafeVarargs
  private static Optional<CheckResult> first(Optional<CheckResult>... checks) {
    for (Optional<CheckResult> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }

  private static Optional<CheckResult> keyMatches(@Nullable String recordKey, String key) {
    if (recordKey == null || !recordKey.equals(key)) {
      return Optional.of(
          CheckResult.rejected(
              "wire.key-mismatch",
              "record key '" + recordKey + "' differs from the record's key field '" + key + "'"));
    }
    return Optional.empty();
  }

  private static Optional<CheckResult> required(String field, String value) {
    return value.isBlank()
        ? Optional.of(CheckResult.rejected("wire.required", field + " is empty"))
        : Optional.empty();
  }

  private static Optional<CheckResult> recipients(Tlp tlp, List<String> recipients) {
    if ((tlp == Tlp.AMBER_STRICT || tlp == Tlp.RED) && recipients.isEmpty()) {
      return Optional.of(
          CheckResult.rejected(
              "wire.no-recipients", tlp + " needs named recipients, and none were given"));
    }
    return Optional.empty();
  }

  private static Optional<CheckResult> confidence(@Nullable Integer confidence) {
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      return Optional.of(
          CheckResult.rejected(
              "wire.confidence", "confidence " + confidence + " is outside 0..100"));
    }
    return Optional.empty();
  }

  private static Optional<CheckResult> order(
      String laterField, @Nullable Instant earlier, @Nullable Instant later) {
    if (earlier != null && later != null && later.isBefore(earlier)) {
      return Optional.of(
          CheckResult.rejected(
              "wire.time-order", laterField + " " + later + " is before " + earlier));
    }
    return Optional.empty();
  }
}
