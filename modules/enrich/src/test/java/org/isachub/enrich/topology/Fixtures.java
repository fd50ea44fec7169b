package org.isachub.enrich.topology;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.isachub.stix.observable.Canonicalizer;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.stix.pattern.PatternParser;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.isachub.wire.avro.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * Builds submissions the way the ingest stage does: the source's own STIX indicator, keyed by the
 * canonical key of its pattern, so differently spelled reports of one observable share a key.
 */
final class Fixtures {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Canonicalizer CANONICALIZER = new Canonicalizer();

  private Fixtures() {}

  /**
   * An indicator with a single-comparison pattern on {@code type:value} as the source spelled it.
   */
  static Submission indicator(
      String source,
      String type,
      String rawValue,
      Tlp tlp,
      @Nullable Integer confidence,
      Instant at) {
    String property = type.equals("file") ? "hashes.'SHA-256'" : "value";
    String pattern = "[" + type + ":" + property + " = '" + rawValue.replace("'", "\\'") + "']";
    return submission(
        source, pattern, tlp, List.of(), confidence, at, SubmissionKind.INDICATOR, null);
  }

  static Submission submission(
      String source,
      String pattern,
      Tlp tlp,
      List<String> recipients,
      @Nullable Integer confidence,
      Instant at,
      SubmissionKind kind,
      @Nullable String objectId) {
    String key;
    try {
      key = CANONICALIZER.fromPattern(PatternParser.parse(pattern)).toString();
    } catch (Exception e) {
      throw new AssertionError("fixture pattern does not canonicalise: " + pattern, e);
    }
    String id = objectId != null ? objectId : "indicator--" + UUID.randomUUID();
    ObjectNode stix = JSON.createObjectNode();
    stix.put("type", "indicator");
    stix.put("spec_version", "2.1");
    stix.put("id", id);
    stix.put("created", org.isachub.stix.model.StixTimestamps.format(at));
    stix.put("modified", org.isachub.stix.model.StixTimestamps.format(at));
    stix.put("pattern", pattern);
    stix.put("pattern_type", "stix");
    stix.put("valid_from", at.toString());
    if (confidence != null) {
      stix.put("confidence", confidence);
    }
    if (kind == SubmissionKind.REVOCATION) {
      stix.put("revoked", true);
    }
    return Submission.newBuilder()
        .setSubmissionId(UUID.randomUUID().toString())
        .setObjectId(id)
        .setKind(kind)
        .setKey(key)
        .setObservableType(key.substring(0, key.indexOf(':')))
        .setSource(source)
        .setSubmittedBy(source)
        .setAdapter("stix")
        .setTlp(tlp)
        .setRecipients(recipients)
        .setConfidence(confidence)
        .setValidFrom(at)
        .setSubmittedAt(at)
        .setStix(stix.toString())
        .build();
  }

  /** The same source withdrawing its indicator. */
  static Submission revocation(Submission original, Instant at) {
    String pattern;
    try {
      pattern = JSON.readTree(original.getStix()).path("pattern").asText();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
    return submission(
        original.getSource(),
        pattern,
        original.getTlp(),
        original.getRecipients(),
        original.getConfidence(),
        at,
        SubmissionKind.REVOCATION,
        original.getObjectId());
  }

  static Sighting sighting(String member, String key, boolean falsePositive, Instant at) {
    return Sighting.newBuilder()
        .setSightingId("sighting--" + UUID.randomUUID())
        .setSubmissionId(UUID.randomUUID().toString())
        .setKey(key)
        .setMember(member)
        .setTlp(Tlp.GREEN)
        .setCount(1)
        .setFalsePositive(falsePositive)
        .setFirstSeen(at)
        .setLastSeen(at)
        .setSubmittedAt(at)
        .build();
  }

  static String key(String type, String raw) {
    try {
      return CANONICALIZER.canonical(type, raw).toString();
    } catch (Exception e) {
      throw new AssertionError(e);
    }
  }

  static ObservableKey parse(String key) throws Exception {
    return ObservableKey.parse(key);
  }
}
