package org.isachub.stix.model;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Builds the indicators the hub authors: STIX 2.1, {@code pattern_type: stix}, with a deterministic
 * id derived from the canonical observable key, so the same indicator has the same id on every node
 * and in every member feed. A withdrawal is the same indicator with {@link #revoked(boolean)
 * revoked} set.
 *
 * <p>Not thread-safe; build one indicator per instance or per thread.
 */
public final class IndicatorBuilder {

  private final String canonicalKey;
  private @Nullable String pattern;
  private @Nullable String name;
  private @Nullable String description;
  private @Nullable Instant created;
  private @Nullable Instant modified;
  private @Nullable Instant validFrom;
  private @Nullable Instant validUntil;
  private @Nullable Integer confidence;
  private @Nullable String createdByRef;
  private boolean revoked;
  private final List<String> indicatorTypes = new ArrayList<>();
  private final List<String> labels = new ArrayList<>();
  private final Set<String> markingRefs = new LinkedHashSet<>();
  private final List<KillChainPhase> killChainPhases = new ArrayList<>();

  private IndicatorBuilder(String canonicalKey) {
    this.canonicalKey = canonicalKey;
  }

  /**
   * Starts an indicator for one canonical key.
   *
   * @param canonicalKey the canonical observable key (e.g. {@code ipv4-addr:198.51.100.7}) or, for
   *     a compound pattern, the hub's key for the normalised pattern
   * @return a builder
   */
  public static IndicatorBuilder forKey(String canonicalKey) {
    if (canonicalKey.isBlank()) {
      throw new IllegalArgumentException("canonical key must not be blank");
    }
    return new IndicatorBuilder(canonicalKey);
  }

  /** Returns the id every indicator built for {@code canonicalKey} gets. */
  public static String idFor(String canonicalKey) {
    return StixIds.deterministic("indicator", canonicalKey);
  }

  /** Sets the STIX pattern (required). */
  public IndicatorBuilder pattern(String pattern) {
    this.pattern = pattern;
    return this;
  }

  /** Sets the name. */
  public IndicatorBuilder name(String name) {
    this.name = name;
    return this;
  }

  /** Sets the description. */
  public IndicatorBuilder description(String description) {
    this.description = description;
    return this;
  }

  /** Sets the creation time of the first version (required). */
  public IndicatorBuilder created(Instant created) {
    this.created = created;
    return this;
  }

  /** Sets the time of this version; defaults to {@code created}. */
  public IndicatorBuilder modified(Instant modified) {
    this.modified = modified;
    return this;
  }

  /** Sets the start of validity (required). */
  public IndicatorBuilder validFrom(Instant validFrom) {
    this.validFrom = validFrom;
    return this;
  }

  /** Sets the end of validity; must be after {@code valid_from}. */
  public IndicatorBuilder validUntil(Instant validUntil) {
    this.validUntil = validUntil;
    return this;
  }

  /** Sets the confidence, 0..100. */
  public IndicatorBuilder confidence(int confidence) {
    this.confidence = confidence;
    return this;
  }

  /** Sets the identity that authored the indicator, usually the hub's identity. */
  public IndicatorBuilder createdByRef(String identityId) {
    this.createdByRef = identityId;
    return this;
  }

  /** Marks the indicator revoked (a withdrawal), or not. */
  public IndicatorBuilder revoked(boolean revoked) {
    this.revoked = revoked;
    return this;
  }

  /** Adds an indicator type, e.g. {@code malicious-activity}. */
  public IndicatorBuilder indicatorType(String type) {
    indicatorTypes.add(type);
    return this;
  }

  /** Adds a label. */
  public IndicatorBuilder label(String label) {
    labels.add(label);
    return this;
  }

  /** Adds the standard TLP 2.0 marking for a level to {@code object_marking_refs}. */
  public IndicatorBuilder tlp(Tlp tlp) {
    markingRefs.add(tlp.markingId());
    return this;
  }

  /** Adds any marking-definition id to {@code object_marking_refs}. */
  public IndicatorBuilder markingRef(String markingDefinitionId) {
    markingRefs.add(markingDefinitionId);
    return this;
  }

  /** Adds a kill chain phase. */
  public IndicatorBuilder killChainPhase(String killChainName, String phaseName) {
    killChainPhases.add(new KillChainPhase(killChainName, phaseName));
    return this;
  }

  /**
   * Builds the indicator.
   *
   * @return the indicator, with properties in a fixed order
   * @throws IllegalStateException when pattern, created or valid_from is missing, confidence is
   *     outside 0..100, modified is before created, valid_until is not after valid_from, or a
   *     reference has the wrong object type
   */
  public Indicator build() {
    if (pattern == null || pattern.isBlank()) {
      throw new IllegalStateException("indicator needs a pattern");
    }
    if (created == null) {
      throw new IllegalStateException("indicator needs a created time");
    }
    if (validFrom == null) {
      throw new IllegalStateException("indicator needs valid_from");
    }
    Instant mod = modified == null ? created : modified;
    if (mod.isBefore(created)) {
      throw new IllegalStateException("modified " + mod + " is before created " + created);
    }
    if (validUntil != null && !validUntil.isAfter(validFrom)) {
      throw new IllegalStateException(
          "valid_until " + validUntil + " must be after valid_from " + validFrom);
    }
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      throw new IllegalStateException("confidence must be 0..100, got " + confidence);
    }
    if (createdByRef != null && !StixIds.typeOf(createdByRef).equals("identity")) {
      throw new IllegalStateException("created_by_ref must be an identity id: " + createdByRef);
    }
    for (String ref : markingRefs) {
      if (!StixIds.typeOf(ref).equals("marking-definition")) {
        throw new IllegalStateException("not a marking-definition id: " + ref);
      }
    }
    JsonNodeFactory f = JsonNodeFactory.instance;
    ObjectNode n = f.objectNode();
    n.put("type", "indicator");
    n.put("spec_version", "2.1");
    n.put("id", idFor(canonicalKey));
    if (createdByRef != null) {
      n.put("created_by_ref", createdByRef);
    }
    n.put("created", StixTimestamps.format(created));
    n.put("modified", StixTimestamps.format(mod));
    if (name != null) {
      n.put("name", name);
    }
    if (description != null) {
      n.put("description", description);
    }
    putStrings(n, "indicator_types", indicatorTypes);
    n.put("pattern", pattern);
    n.put("pattern_type", "stix");
    n.put("pattern_version", "2.1");
    n.put("valid_from", StixTimestamps.format(validFrom));
    if (validUntil != null) {
      n.put("valid_until", StixTimestamps.format(validUntil));
    }
    if (!killChainPhases.isEmpty()) {
      ArrayNode phases = n.putArray("kill_chain_phases");
      for (KillChainPhase p : killChainPhases) {
        phases
            .addObject()
            .put("kill_chain_name", p.killChainName())
            .put("phase_name", p.phaseName());
      }
    }
    if (revoked) {
      n.put("revoked", true);
    }
    putStrings(n, "labels", labels);
    if (confidence != null) {
      n.put("confidence", confidence.intValue());
    }
    putStrings(n, "object_marking_refs", new ArrayList<>(markingRefs));
    return new Indicator(n);
  }

  private static void putStrings(ObjectNode n, String field, List<String> values) {
    if (!values.isEmpty()) {
      ArrayNode arr = n.putArray(field);
      values.forEach(arr::add);
    }
  }
}
