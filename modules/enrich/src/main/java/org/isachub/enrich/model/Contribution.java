package org.isachub.enrich.model;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.jspecify.annotations.Nullable;

/**
 * One source's report of an indicator, as merged by the enrich stage.
 *
 * @param sourceId the stable id of the source (a member or feed); never shown when {@code
 *     anonymous}
 * @param reliability the source's Admiralty grade as submitted, or null to use the configured one
 * @param confidence the STIX confidence 0..100, or null to use the source's default
 * @param firstSeen when this source first saw the observable
 * @param lastSeen when this source last saw it; not before {@code firstSeen}
 * @param tlp the TLP marking of this contribution
 * @param recipients the member ids a AMBER+STRICT or RED contribution is shared with; ignored for
 *     other markings
 * @param anonymous whether the source asks to be shown as "a member"
 * @param withdrawn whether the source has withdrawn (revoked) this contribution
 * @param validUntil the STIX {@code valid_until} of this contribution, or null for no limit
 */
public record Contribution(
    String sourceId,
    @Nullable Admiralty reliability,
    @Nullable Integer confidence,
    Instant firstSeen,
    Instant lastSeen,
    Tlp tlp,
    Set<String> recipients,
    boolean anonymous,
    boolean withdrawn,
    @Nullable Instant validUntil) {

  /** Validates the fields and makes the recipients an immutable sorted set. */
  public Contribution {
    if (sourceId.isBlank()) {
      throw new IllegalArgumentException("contribution source id must not be blank");
    }
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      throw new IllegalArgumentException(
          "contribution confidence must be in [0, 100], got " + confidence + " from " + sourceId);
    }
    if (lastSeen.isBefore(firstSeen)) {
      throw new IllegalArgumentException(
          "contribution from "
              + sourceId
              + " has last seen "
              + lastSeen
              + " before first seen "
              + firstSeen);
    }
    recipients = sortedCopy(recipients, "contribution from " + sourceId);
  }

  /** Whether {@code memberId} is a named recipient of this recipient-restricted contribution. */
  public boolean names(String memberId) {
    return tlp.isRecipientRestricted() && recipients.contains(memberId);
  }

  /** A builder for a contribution from {@code sourceId}, GREEN, seen at the epoch by default. */
  public static Builder builder(String sourceId) {
    return new Builder(sourceId);
  }

  static Set<String> sortedCopy(Set<String> ids, String what) {
    TreeSet<String> copy = new TreeSet<>();
    for (String id : ids) {
      if (Objects.requireNonNull(id, what + ": null recipient").isBlank()) {
        throw new IllegalArgumentException(what + ": recipient ids must not be blank");
      }
      copy.add(id);
    }
    return java.util.Collections.unmodifiableSortedSet(copy);
  }

  /** Builds {@link Contribution}s step by step; not thread-safe. */
  public static final class Builder {
    private final String sourceId;
    private @Nullable Admiralty reliability;
    private @Nullable Integer confidence;
    private Instant firstSeen = Instant.EPOCH;
    private Instant lastSeen = Instant.EPOCH;
    private Tlp tlp = Tlp.GREEN;
    private Set<String> recipients = Set.of();
    private boolean anonymous;
    private boolean withdrawn;
    private @Nullable Instant validUntil;

    private Builder(String sourceId) {
      this.sourceId = sourceId;
    }

    /** Sets the submitted Admiralty grade. */
    public Builder reliability(@Nullable Admiralty value) {
      this.reliability = value;
      return this;
    }

    /** Sets the STIX confidence. */
    public Builder confidence(@Nullable Integer value) {
      this.confidence = value;
      return this;
    }

    /** Sets first and last seen to the same instant. */
    public Builder seen(Instant at) {
      this.firstSeen = at;
      this.lastSeen = at;
      return this;
    }

    /** Sets first and last seen. */
    public Builder seen(Instant first, Instant last) {
      this.firstSeen = first;
      this.lastSeen = last;
      return this;
    }

    /** Sets the TLP marking. */
    public Builder tlp(Tlp value) {
      this.tlp = value;
      return this;
    }

    /** Sets the named recipients. */
    public Builder recipients(String... ids) {
      this.recipients = Set.of(ids);
      return this;
    }

    /** Sets the named recipients. */
    public Builder recipients(Set<String> ids) {
      this.recipients = ids;
      return this;
    }

    /** Sets whether the source asks to stay anonymous. */
    public Builder anonymous(boolean value) {
      this.anonymous = value;
      return this;
    }

    /** Sets whether the source withdrew the contribution. */
    public Builder withdrawn(boolean value) {
      this.withdrawn = value;
      return this;
    }

    /** Sets the {@code valid_until}. */
    public Builder validUntil(@Nullable Instant value) {
      this.validUntil = value;
      return this;
    }

    /** Builds the contribution, validating it. */
    public Contribution build() {
      return new Contribution(
          sourceId,
          reliability,
          confidence,
          firstSeen,
          lastSeen,
          tlp,
          recipients,
          anonymous,
          withdrawn,
          validUntil);
    }
  }
}
