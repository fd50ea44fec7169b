package org.isachub.enrich.internal;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.model.Clearance;
import org.isachub.enrich.model.IndicatorInputs;
import org.isachub.enrich.model.Tlp;
import org.isachub.enrich.policy.Audience;
import org.isachub.enrich.policy.ClearancePolicy;
import org.isachub.enrich.policy.ClearanceView;
import org.isachub.enrich.policy.Decider;
import org.isachub.enrich.policy.Decision;
import org.isachub.enrich.policy.VisibleSource;
import org.isachub.enrich.score.Score;
import org.isachub.enrich.score.ScoringModel;
import org.isachub.enrich.warninglist.Warninglists;
import org.isachub.stix.model.StixIds;
import org.isachub.stix.observable.ObservableKey;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.Contribution;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.SightingSummary;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.SubmissionKind;
import org.jspecify.annotations.Nullable;

/**
 * Merges submissions and sightings into an indicator's stored state and evaluates what every
 * audience may see of it, using the domain's scoring model, decider and clearance policy.
 *
 * <p>Not thread-safe: one per stream task.
 */
public final class StateAssembler {

  private final ScoringModel model;
  private final Decider decider;
  private final ClearancePolicy policy;
  private final Warninglists warninglists;

  /**
   * Creates an assembler.
   *
   * @param model the scoring model
   * @param warninglists the lists that suppress noise
   */
  public StateAssembler(ScoringModel model, Warninglists warninglists) {
    this.model = model;
    this.decider = new Decider(model.config());
    this.policy = new ClearancePolicy(model);
    this.warninglists = warninglists;
  }

  /**
   * Applies one submission to the stored state (or starts a new one).
   *
   * @param previous the stored state, or null for a new key
   * @param pattern the normalised pattern of the submission
   * @param s the submission
   * @param now processing time
   * @return the merged state; views not yet evaluated
   */
  public IndicatorState merge(
      @Nullable IndicatorState previous, String pattern, Submission s, Instant now) {
    IndicatorState state = previous == null ? fresh(s.getKey(), pattern, now) : copy(previous);
    List<Contribution> contributions = new ArrayList<>(state.getContributions());
    Contribution existing = null;
    for (Contribution c : contributions) {
      if (c.getSource().equals(s.getSource())) {
        existing = c;
      }
    }
    Instant seenFirst = s.getFirstSeen() != null ? s.getFirstSeen() : s.getSubmittedAt();
    Instant seenLast = s.getLastSeen() != null ? s.getLastSeen() : s.getSubmittedAt();
    boolean withdrawn = s.getKind() == SubmissionKind.REVOCATION;
    if (existing == null) {
      if (withdrawn) {
        // A revocation of something this source never contributed changes nothing visible,
        // but is kept so that a late original cannot resurrect it.
        contributions.add(contribution(s, seenFirst, seenLast, true, 1));
      } else {
        contributions.add(contribution(s, seenFirst, seenLast, false, 1));
      }
    } else {
      contributions.remove(existing);
      Instant first = min(existing.getFirstSeen(), seenFirst);
      Instant last = max(existing.getLastSeen(), seenLast);
      contributions.add(contribution(s, first, last, withdrawn, existing.getReports() + 1));
    }
    contributions.sort((a, b) -> a.getSource().compareTo(b.getSource()));
    state.setContributions(contributions);
    state.setPublishedAt(s.getSubmittedAt());
    return state;
  }

  /**
   * Applies one sighting report to the stored state; a sighting of an unknown key starts a state
   * with no contributions, which no audience can see until a source reports the indicator.
   *
   * @param previous the stored state, or null
   * @param g the sighting
   * @param now processing time
   * @return the merged state
   */
  public IndicatorState sight(@Nullable IndicatorState previous, Sighting g, Instant now) {
    IndicatorState state =
        previous == null ? fresh(g.getKey(), patternOf(g.getKey()), now) : copy(previous);
    List<SightingSummary> sightings = new ArrayList<>(state.getSightings());
    SightingSummary match = null;
    for (SightingSummary s : sightings) {
      if (s.getMember().equals(g.getMember())
          && s.getTlp() == g.getTlp()
          && new HashSet<>(s.getRecipients()).equals(new HashSet<>(g.getRecipients()))) {
        match = s;
      }
    }
    if (match == null) {
      sightings.add(
          SightingSummary.newBuilder()
              .setMember(g.getMember())
              .setTlp(g.getTlp())
              .setRecipients(List.copyOf(new TreeSet<>(g.getRecipients())))
              .setAnonymous(g.getAnonymous())
              .setCount(g.getCount())
              .setFalsePositive(g.getFalsePositive())
              .setFirstSeen(g.getFirstSeen())
              .setLastSeen(g.getLastSeen())
              .build());
    } else {
      sightings.remove(match);
      sightings.add(
          SightingSummary.newBuilder(match)
              .setCount(saturatedAdd(match.getCount(), g.getCount()))
              .setFalsePositive(g.getFalsePositive())
              .setAnonymous(match.getAnonymous() || g.getAnonymous())
              .setFirstSeen(min(match.getFirstSeen(), g.getFirstSeen()))
              .setLastSeen(max(match.getLastSeen(), g.getLastSeen()))
              .build());
    }
    sightings.sort(
        (a, b) -> (a.getMember() + "|" + a.getTlp()).compareTo(b.getMember() + "|" + b.getTlp()));
    state.setSightings(sightings);
    state.setPublishedAt(g.getSubmittedAt());
    return state;
  }

  /**
   * Evaluates the state at a time: overall decision, every audience's view, and when it next
   * changes by itself.
   *
   * @param state the merged state (modified in place)
   * @param now evaluation time
   * @return the same state, evaluated
   */
  public IndicatorState evaluate(IndicatorState state, Instant now) {
    IndicatorInputs inputs = inputs(state);
    Optional<String> hit = warninglists.match(state.getKey());
    List<AudienceView> views = new ArrayList<>();
    Instant next = null;
    if (!inputs.contributions().isEmpty()) {
      Score all = model.score(inputs, now);
      Decision overall = decider.decide(inputs.contributions(), all, now, hit);
      state.setDecision(decision(overall));
      state.setSuppressedBy(overall.warninglist());
      for (Clearance tier : Clearance.values()) {
        Optional<ClearanceView> view = policy.view(inputs, Audience.tier(tier), now, hit);
        if (view.isPresent()) {
          views.add(view(state, view.get(), AudienceKind.TIER, tier, null));
          next = earliest(next, view.get().nextCrossing());
        }
      }
      for (String recipient : namedRecipients(state)) {
        for (Clearance tier : Clearance.values()) {
          Optional<ClearanceView> view =
              policy.view(inputs, Audience.recipient(recipient, tier), now, hit);
          if (view.isPresent()) {
            views.add(view(state, view.get(), AudienceKind.RECIPIENT, tier, recipient));
            next = earliest(next, view.get().nextCrossing());
          }
        }
      }
      state.setValidFrom(validFrom(state));
      state.setValidUntil(all.validUntil());
    } else {
      state.setDecision(org.isachub.wire.avro.Decision.EXPIRED);
      state.setSuppressedBy(null);
    }
    state.setViews(views);
    state.setNextEvaluation(next);
    return state;
  }

  /**
   * What a subscriber could see of a state: everything in its views but the exact score value and
   * times, plus the overall decision. Two states with equal fingerprints need not be re-sent.
   *
   * @param state an evaluated state, or null
   * @return the fingerprint
   */
  public static List<Object> visible(@Nullable IndicatorState state) {
    if (state == null) {
      return List.of();
    }
    List<Object> out = new ArrayList<>();
    out.add(state.getDecision());
    out.add(Objects.toString(state.getSuppressedBy()));
    out.add(Objects.toString(state.getValidUntil()));
    for (AudienceView v : state.getViews()) {
      out.add(
          List.of(
              v.getAudience(),
              v.getTier(),
              Objects.toString(v.getRecipient()),
              v.getTlp(),
              v.getDecision(),
              v.getSources(),
              v.getSightingCount(),
              v.getSightingMembers(),
              v.getFalsePositiveCount(),
              v.getLabels(),
              v.getKillChainPhases(),
              v.getJurisdictions(),
              v.getScore().getBand()));
    }
    return out;
  }

  private AudienceView view(
      IndicatorState state,
      ClearanceView v,
      AudienceKind kind,
      Clearance tier,
      @Nullable String recipient) {
    Audience audience = v.audience();
    Set<String> labels = new TreeSet<>();
    Set<String> phases = new TreeSet<>();
    Set<String> jurisdictions = new TreeSet<>();
    for (Contribution c : state.getContributions()) {
      if (!c.getWithdrawn() && audience.maySee(tlp(c.getTlp()), Set.copyOf(c.getRecipients()))) {
        labels.addAll(c.getLabels());
        phases.addAll(c.getKillChainPhases());
        jurisdictions.addAll(c.getJurisdictions());
      }
    }
    List<String> sources = new ArrayList<>();
    for (VisibleSource s : v.sources()) {
      if (!s.withdrawn()) {
        sources.add(s.label());
      }
    }
    Score score = v.score();
    return AudienceView.newBuilder()
        .setAudience(kind)
        .setTier(org.isachub.wire.avro.Clearance.valueOf(tier.name()))
        .setRecipient(recipient)
        .setTlp(org.isachub.wire.avro.Tlp.valueOf(v.marking().name()))
        .setDecision(decision(v.decision()))
        .setSources(sources)
        .setSourceCount(sources.size())
        .setSightingCount((int) Math.min(Integer.MAX_VALUE, v.sightings().observations()))
        .setSightingMembers(v.sightings().reports())
        .setFalsePositiveCount(v.sightings().falsePositiveReports())
        .setFirstSeen(v.firstSeen())
        .setLastSeen(v.lastSeen())
        .setLabels(List.copyOf(labels))
        .setKillChainPhases(List.copyOf(phases))
        .setJurisdictions(List.copyOf(jurisdictions))
        .setScore(score(score))
        .build();
  }

  private org.isachub.wire.avro.Score score(Score s) {
    return org.isachub.wire.avro.Score.newBuilder()
        .setModelVersion(s.modelVersion())
        .setValue(s.value())
        .setBand(model.band(s.value()))
        .setCorroboration(s.corroboration())
        .setSightingFactor(s.sightingFactor())
        .setFalsePositiveFactor(s.falsePositiveFactor())
        .setBase(s.base())
        .setDecay(s.decayFactor())
        .setReferenceTime(s.referenceTime())
        .setLifetimeDays(s.lifetime().toMillis() / 86_400_000.0)
        .setDecaySpeed(s.speed())
        .setEvaluatedAt(s.evaluatedAt())
        .build();
  }

  /**
   * The domain inputs of a stored state.
   *
   * @param state the state
   * @return contributions and sightings as the domain model sees them
   */
  public static IndicatorInputs inputs(IndicatorState state) {
    List<org.isachub.enrich.model.Contribution> contributions = new ArrayList<>();
    for (Contribution c : state.getContributions()) {
      contributions.add(
          org.isachub.enrich.model.Contribution.builder(c.getSource())
              .confidence(c.getConfidence())
              .seen(c.getFirstSeen(), c.getLastSeen())
              .tlp(tlp(c.getTlp()))
              .recipients(Set.copyOf(c.getRecipients()))
              .anonymous(c.getAnonymous())
              .withdrawn(c.getWithdrawn())
              .validUntil(c.getValidUntil())
              .build());
    }
    List<org.isachub.enrich.model.Sighting> sightings = new ArrayList<>();
    for (SightingSummary s : state.getSightings()) {
      sightings.add(
          new org.isachub.enrich.model.Sighting(
              s.getMember(),
              tlp(s.getTlp()),
              Set.copyOf(s.getRecipients()),
              s.getCount(),
              s.getFalsePositive(),
              s.getFirstSeen(),
              s.getLastSeen()));
    }
    return new IndicatorInputs(state.getKey(), contributions, sightings);
  }

  private Contribution contribution(
      Submission s, Instant first, Instant last, boolean withdrawn, int reports) {
    Integer confidence = s.getConfidence();
    Admiralty grade = model.config().gradeFor(s.getSource(), null);
    int effective =
        confidence != null ? confidence : model.config().confidenceFor(s.getSource(), null);
    double reliability = model.config().reliabilityByGrade().get(grade);
    return Contribution.newBuilder()
        .setSource(s.getSource())
        .setSubmissionId(s.getSubmissionId())
        .setObjectId(s.getObjectId())
        .setTlp(s.getTlp())
        .setRecipients(List.copyOf(new TreeSet<>(s.getRecipients())))
        .setAnonymous(s.getAnonymous())
        .setConfidence(effective)
        .setReliability(reliability)
        .setEvidence(reliability * effective / 100.0)
        .setFirstSeen(first)
        .setLastSeen(last)
        .setReports(reports)
        .setLabels(List.copyOf(new LinkedHashSet<>(s.getLabels())))
        .setKillChainPhases(List.copyOf(new LinkedHashSet<>(s.getKillChainPhases())))
        .setJurisdictions(List.copyOf(new LinkedHashSet<>(s.getJurisdictions())))
        .setValidUntil(s.getValidUntil())
        .setWithdrawn(withdrawn)
        .build();
  }

  private static IndicatorState fresh(String key, String pattern, Instant now) {
    String value = key.substring(key.indexOf(':') + 1);
    return IndicatorState.newBuilder()
        .setKey(key)
        .setIndicatorId(StixIds.deterministic("indicator", key))
        .setObservableType(key.substring(0, key.indexOf(':')))
        .setValue(value)
        .setPattern(pattern)
        .setVersion(0)
        .setCreated(now)
        .setModified(now)
        .setValidFrom(now)
        .setValidUntil(null)
        .setDecision(org.isachub.wire.avro.Decision.EXPIRED)
        .setSuppressedBy(null)
        .setContributions(new ArrayList<>())
        .setSightings(new ArrayList<>())
        .setViews(new ArrayList<>())
        .setModelVersion(org.isachub.enrich.score.ScoringConfig.MODEL_VERSION)
        .setNextEvaluation(null)
        .setPublishedAt(now)
        .build();
  }

  /**
   * The pattern the hub publishes for a key that names one observable.
   *
   * @param key a canonical observable key
   * @return its pattern, or the key itself for hashed pattern keys (until a source supplies one)
   */
  static String patternOf(String key) {
    try {
      return ObservableKey.parse(key).toPattern();
    } catch (Exception e) {
      return key;
    }
  }

  private static IndicatorState copy(IndicatorState state) {
    return IndicatorState.newBuilder(state).build();
  }

  private static Instant validFrom(IndicatorState state) {
    Instant from = null;
    for (Contribution c : state.getContributions()) {
      if (!c.getWithdrawn()) {
        from = from == null ? c.getFirstSeen() : min(from, c.getFirstSeen());
      }
    }
    return from == null ? state.getValidFrom() : min(from, state.getValidFrom());
  }

  private static Collection<String> namedRecipients(IndicatorState state) {
    TreeSet<String> named = new TreeSet<>();
    for (Contribution c : state.getContributions()) {
      if (!c.getWithdrawn() && tlp(c.getTlp()).isRecipientRestricted()) {
        named.addAll(c.getRecipients());
      }
    }
    for (SightingSummary s : state.getSightings()) {
      if (tlp(s.getTlp()).isRecipientRestricted()) {
        named.addAll(s.getRecipients());
      }
    }
    return named;
  }

  static Tlp tlp(org.isachub.wire.avro.Tlp tlp) {
    return Tlp.valueOf(tlp.name());
  }

  static org.isachub.wire.avro.Decision decision(Decision d) {
    return org.isachub.wire.avro.Decision.valueOf(d.status().name());
  }

  private static @Nullable Instant earliest(@Nullable Instant a, @Nullable Instant b) {
    if (a == null) {
      return b;
    }
    return b == null || a.isBefore(b) ? a : b;
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }

  private static Instant max(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static int saturatedAdd(int a, int b) {
    long sum = (long) a + b;
    return (int) Math.min(Integer.MAX_VALUE, sum);
  }
}
