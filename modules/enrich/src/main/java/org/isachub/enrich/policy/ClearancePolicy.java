package org.isachub.enrich.policy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Function;
import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.Contribution;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Sighting;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.score.Score;
import org.isachub.enrich.score.ScoringModel;

/**
 * Computes what each audience may see of an indicator (TLP 2.0 applied to derived data).
 *
 * <p>Every view is computed from the inputs filtered to what its audience may see (see {@link
 * Audience#maySee}), so no source, sighting or score component of a view can depend on material the
 * audience may not see. Immutable and thread-safe.
 */
public final class ClearancePolicy {

  /** The label shown instead of the id of a source that asks for anonymity. */
  public static final String ANONYMOUS_LABEL = "a member";

  private static final Comparator<VisibleSource> SOURCE_ORDER =
      Comparator.comparing(VisibleSource::label)
          .thenComparing(Comparator.comparingDouble(VisibleSource::evidence).reversed())
          .thenComparing(VisibleSource::tlp)
          .thenComparing(VisibleSource::reliability)
          .thenComparing(VisibleSource::confidence)
          .thenComparing(VisibleSource::firstSeen)
          .thenComparing(VisibleSource::lastSeen)
          .thenComparing(VisibleSource::withdrawn);

  private final ScoringModel model;
  private final Decider decider;

  /** A policy scoring with {@code model} and deciding with its configuration. */
  public ClearancePolicy(ScoringModel model) {
    this.model = model;
    this.decider = new Decider(model.config());
  }

  /**
   * The view of one audience, or empty when it sees no contribution (the indicator does not exist
   * for it).
   *
   * @param inputs everything merged for the key
   * @param audience who is looking
   * @param now the evaluation time
   * @param warninglistHit the warninglist the key matches, if any
   */
  public Optional<ClearanceView> view(
      IndicatorInputs inputs, Audience audience, Instant now, Optional<String> warninglistHit) {
    IndicatorInputs visible = inputs.filter(audience::maySee, audience::maySee);
    if (visible.contributions().isEmpty()) {
      return Optional.empty();
    }
    Score score = model.score(visible, now);
    Decision decision = decider.decide(visible.contributions(), score, now, warninglistHit);
    Instant next = decision.isActive() ? model.nextCrossing(score, now).orElse(null) : null;

    Tlp marking = Tlp.CLEAR;
    Instant first = null;
    Instant last = null;
    for (Contribution c : visible.contributions()) {
      marking = marking.max(c.tlp());
      first = first == null || c.firstSeen().isBefore(first) ? c.firstSeen() : first;
      last = last == null || c.lastSeen().isAfter(last) ? c.lastSeen() : last;
    }
    for (Sighting s : visible.sightings()) {
      marking = marking.max(s.tlp());
      if (!s.falsePositive()) {
        first = s.firstSeen().isBefore(first) ? s.firstSeen() : first;
        last = s.lastSeen().isAfter(last) ? s.lastSeen() : last;
      }
    }
    return Optional.of(
        new ClearanceView(
            inputs.key(),
            audience,
            marking,
            sources(visible.contributions()),
            summary(visible.sightings()),
            first,
            last,
            score,
            decision,
            next));
  }

  /**
   * Every view of an indicator: the CLEAR, GREEN and AMBER tiers, and each member named as a
   * recipient of AMBER+STRICT or RED contributions or sightings.
   *
   * @param clearanceOf the clearance of a member; an unknown member (empty) is treated as CLEAR, so
   *     it sees only CLEAR material besides what names it
   */
  public ClearanceViews views(
      IndicatorInputs inputs,
      Instant now,
      Optional<String> warninglistHit,
      Function<String, Optional<Clearance>> clearanceOf) {
    Map<Clearance, ClearanceView> tiers = new EnumMap<>(Clearance.class);
    for (Clearance clearance : Clearance.values()) {
      view(inputs, Audience.tier(clearance), now, warninglistHit)
          .ifPresent(v -> tiers.put(clearance, v));
    }
    TreeSet<String> named = new TreeSet<>();
    for (Contribution c : inputs.contributions()) {
      if (c.tlp().isRecipientRestricted()) {
        named.addAll(c.recipients());
      }
    }
    for (Sighting s : inputs.sightings()) {
      if (s.tlp().isRecipientRestricted()) {
        named.addAll(s.recipients());
      }
    }
    Map<String, ClearanceView> recipients = new LinkedHashMap<>();
    for (String memberId : named) {
      Clearance own = clearanceOf.apply(memberId).orElse(Clearance.CLEAR);
      view(inputs, Audience.recipient(memberId, own), now, warninglistHit)
          .ifPresent(v -> recipients.put(memberId, v));
    }
    return new ClearanceViews(inputs.key(), tiers, recipients);
  }

  private List<VisibleSource> sources(List<Contribution> visible) {
    Map<String, List<Contribution>> bySource = new LinkedHashMap<>();
    for (Contribution c : visible) {
      bySource.computeIfAbsent(c.sourceId(), k -> new ArrayList<>()).add(c);
    }
    List<VisibleSource> sources = new ArrayList<>();
    for (List<Contribution> own : bySource.values()) {
      List<Contribution> live = own.stream().filter(c -> !c.withdrawn()).toList();
      Comparator<Contribution> strength = Comparator.comparingDouble(model::evidence);
      Contribution strongest = (live.isEmpty() ? own : live).stream().max(strength).orElseThrow();
      Tlp tlp = Tlp.CLEAR;
      Instant first = strongest.firstSeen();
      Instant last = strongest.lastSeen();
      boolean anonymous = false;
      for (Contribution c : own) {
        tlp = tlp.max(c.tlp());
        first = c.firstSeen().isBefore(first) ? c.firstSeen() : first;
        last = c.lastSeen().isAfter(last) ? c.lastSeen() : last;
        anonymous |= c.anonymous();
      }
      sources.add(
          new VisibleSource(
              anonymous ? ANONYMOUS_LABEL : strongest.sourceId(),
              tlp,
              model.reliability(strongest),
              model.config().confidenceFor(strongest.sourceId(), strongest.confidence()),
              live.isEmpty() ? 0.0 : model.evidence(strongest),
              first,
              last,
              live.isEmpty()));
    }
    sources.sort(SOURCE_ORDER);
    return sources;
  }

  private static SightingSummary summary(List<Sighting> visible) {
    int falsePositives = 0;
    long observations = 0;
    Instant first = null;
    Instant last = null;
    for (Sighting s : visible) {
      if (s.falsePositive()) {
        falsePositives++;
        continue;
      }
      observations += s.count();
      first = first == null || s.firstSeen().isBefore(first) ? s.firstSeen() : first;
      last = last == null || s.lastSeen().isAfter(last) ? s.lastSeen() : last;
    }
    return new SightingSummary(visible.size(), observations, falsePositives, first, last);
  }
}
