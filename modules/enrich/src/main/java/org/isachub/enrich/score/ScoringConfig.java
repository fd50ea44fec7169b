package org.isachub.enrich.score;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.isachub.enrich.model.Admiralty;
import org.jspecify.annotations.Nullable;

/**
 * Every parameter of scoring model v1; {@link #defaults()} documents the defaults.
 *
 * <p>Instances are immutable and thread-safe. The constructor rejects out-of-range values with a
 * message naming the parameter, the allowed range and the value given.
 *
 * @param reliabilityByGrade the reliability {@code r} in [0, 1] of each Admiralty grade; all six
 *     grades, A ≥ B ≥ C ≥ D ≥ E (F, "cannot be judged", may sit anywhere). Default A 0.95, B 0.80,
 *     C 0.60, D 0.40, E 0.20, F 0.50
 * @param defaultGrade the grade of a contribution that names none and whose source has no override.
 *     Default F
 * @param sourceGrades per-source grade overrides, winning over the grade a contribution names.
 *     Default none
 * @param defaultConfidence the confidence used when a contribution has none and its source has no
 *     default, in [0, 100]. Default 50
 * @param sourceDefaultConfidence per-source default confidence in [0, 100]. Default none
 * @param sightingBoost how much each distinct sighting member multiplies the base by, in [0, 1]:
 *     factor {@code 1 + boost·min(members, cap)}. Default 0.10
 * @param sightingCap the most distinct sighting members that count, at least 0. Default 5
 * @param falsePositivePenalty the share each distinct false-positive member removes, in [0, 1]:
 *     factor {@code (1 − penalty)^members}. Default 0.50
 * @param decayByType decay profiles by observable type. Default ipv4-addr, ipv6-addr and url 47
 *     days δ 1.65; domain-name 300 days δ 2.1; file 460 days δ 0.9
 * @param defaultDecay the decay of every other type. Default 470 days δ 1.05
 * @param expiryFloor a score below this is EXPIRED, in [0, 100). Default 10
 * @param bands the lower bounds of the score bands; a change of band is worth emitting. Starts at
 *     0, strictly increasing, below 100. Default 0, 20, 40, 60, 80
 */
public record ScoringConfig(
    Map<Admiralty, Double> reliabilityByGrade,
    Admiralty defaultGrade,
    Map<String, Admiralty> sourceGrades,
    int defaultConfidence,
    Map<String, Integer> sourceDefaultConfidence,
    double sightingBoost,
    int sightingCap,
    double falsePositivePenalty,
    Map<String, DecayProfile> decayByType,
    DecayProfile defaultDecay,
    double expiryFloor,
    List<Double> bands) {

  /** The version of the scoring model these parameters belong to. */
  public static final String MODEL_VERSION = "v1";

  private static final Pattern TYPE = Pattern.compile("[a-z0-9][a-z0-9-]*");

  /** Validates every parameter and copies the collections. */
  public ScoringConfig {
    reliabilityByGrade = validGrades(reliabilityByGrade);
    sourceGrades = validSourceKeys(sourceGrades, "sourceGrades");
    inRange("defaultConfidence", defaultConfidence, 0, 100);
    sourceDefaultConfidence = validSourceKeys(sourceDefaultConfidence, "sourceDefaultConfidence");
    sourceDefaultConfidence.forEach(
        (source, c) -> inRange("sourceDefaultConfidence[" + source + "]", c, 0, 100));
    inRange("sightingBoost", sightingBoost, 0, 1);
    if (sightingCap < 0) {
      throw new IllegalArgumentException(
          "scoring config: sightingCap must be at least 0, got " + sightingCap);
    }
    inRange("falsePositivePenalty", falsePositivePenalty, 0, 1);
    for (String type : decayByType.keySet()) {
      if (!TYPE.matcher(type).matches()) {
        throw new IllegalArgumentException(
            "scoring config: decayByType has a malformed observable type '" + type + "'");
      }
    }
    decayByType = Map.copyOf(decayByType);
    if (!(expiryFloor >= 0 && expiryFloor < 100)) {
      throw new IllegalArgumentException(
          "scoring config: expiryFloor must be in [0, 100), got " + fmt(expiryFloor));
    }
    bands = validBands(bands);
  }

  /** The default parameters of model v1 (see the record description for each value). */
  public static ScoringConfig defaults() {
    return builder().build();
  }

  /** A builder starting from the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** A builder starting from this configuration. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /** The decay profile of an observable type, falling back to {@link #defaultDecay()}. */
  public DecayProfile decayFor(String observableType) {
    return decayByType.getOrDefault(observableType, defaultDecay);
  }

  /** The grade a contribution of {@code sourceId} gets: override, then submitted, then default. */
  public Admiralty gradeFor(String sourceId, @Nullable Admiralty submitted) {
    Admiralty override = sourceGrades.get(sourceId);
    if (override != null) {
      return override;
    }
    return submitted != null ? submitted : defaultGrade;
  }

  /** The confidence a contribution gets: its own, then the source default, then the default. */
  public int confidenceFor(String sourceId, @Nullable Integer submitted) {
    if (submitted != null) {
      return submitted;
    }
    return sourceDefaultConfidence.getOrDefault(sourceId, defaultConfidence);
  }

  /** The index of the band {@code score} falls in: the last bound not above it. */
  public int bandOf(double score) {
    int band = 0;
    for (int i = 0; i < bands.size(); i++) {
      if (bands.get(i) <= score) {
        band = i;
      }
    }
    return band;
  }

  private static Map<Admiralty, Double> validGrades(Map<Admiralty, Double> grades) {
    EnumMap<Admiralty, Double> copy = new EnumMap<>(Admiralty.class);
    for (Admiralty grade : Admiralty.values()) {
      Double r = grades.get(grade);
      if (r == null) {
        throw new IllegalArgumentException(
            "scoring config: reliabilityByGrade has no value for grade " + grade);
      }
      inRange("reliabilityByGrade[" + grade + "]", r, 0, 1);
      copy.put(grade, r);
    }
    Admiralty[] ordered = {Admiralty.A, Admiralty.B, Admiralty.C, Admiralty.D, Admiralty.E};
    for (int i = 1; i < ordered.length; i++) {
      if (copy.get(ordered[i]) > copy.get(ordered[i - 1])) {
        throw new IllegalArgumentException(
            "scoring config: reliabilityByGrade must not increase from A to E, but "
                + ordered[i]
                + " ("
                + copy.get(ordered[i])
                + ") is above "
                + ordered[i - 1]
                + " ("
                + copy.get(ordered[i - 1])
                + ")");
      }
    }
    return java.util.Collections.unmodifiableMap(copy);
  }

  private static <V> Map<String, V> validSourceKeys(Map<String, V> map, String name) {
    for (String source : map.keySet()) {
      if (source.isBlank()) {
        throw new IllegalArgumentException("scoring config: " + name + " has a blank source id");
      }
    }
    return Map.copyOf(map);
  }

  private static List<Double> validBands(List<Double> bands) {
    if (bands.isEmpty() || bands.get(0) != 0.0) {
      throw new IllegalArgumentException("scoring config: bands must start at 0, got " + bands);
    }
    for (int i = 1; i < bands.size(); i++) {
      double b = bands.get(i);
      if (!(b > bands.get(i - 1)) || !(b < 100)) {
        throw new IllegalArgumentException(
            "scoring config: bands must be strictly increasing and below 100, got " + bands);
      }
    }
    return List.copyOf(bands);
  }

  private static void inRange(String name, double value, double min, double max) {
    if (!(value >= min && value <= max)) {
      throw new IllegalArgumentException(
          "scoring config: "
              + name
              + " must be in ["
              + fmt(min)
              + ", "
              + fmt(max)
              + "], got "
              + fmt(value));
    }
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && !Double.isInfinite(d)
        ? Long.toString((long) d)
        : Double.toString(d);
  }

  /** Builds {@link ScoringConfig}s from the defaults; not thread-safe. */
  public static final class Builder {
    private final Map<Admiralty, Double> reliabilityByGrade = new EnumMap<>(Admiralty.class);
    private Admiralty defaultGrade = Admiralty.F;
    private final Map<String, Admiralty> sourceGrades = new LinkedHashMap<>();
    private int defaultConfidence = 50;
    private final Map<String, Integer> sourceDefaultConfidence = new LinkedHashMap<>();
    private double sightingBoost = 0.10;
    private int sightingCap = 5;
    private double falsePositivePenalty = 0.50;
    private final Map<String, DecayProfile> decayByType = new LinkedHashMap<>();
    private DecayProfile defaultDecay = DecayProfile.ofDays(470, 1.05);
    private double expiryFloor = 10;
    private List<Double> bands = List.of(0.0, 20.0, 40.0, 60.0, 80.0);

    private Builder() {
      reliabilityByGrade.put(Admiralty.A, 0.95);
      reliabilityByGrade.put(Admiralty.B, 0.80);
      reliabilityByGrade.put(Admiralty.C, 0.60);
      reliabilityByGrade.put(Admiralty.D, 0.40);
      reliabilityByGrade.put(Admiralty.E, 0.20);
      reliabilityByGrade.put(Admiralty.F, 0.50);
      DecayProfile network = DecayProfile.ofDays(47, 1.65);
      decayByType.put("ipv4-addr", network);
      decayByType.put("ipv6-addr", network);
      decayByType.put("url", network);
      decayByType.put("domain-name", DecayProfile.ofDays(300, 2.1));
      decayByType.put("file", DecayProfile.ofDays(460, 0.9));
    }

    private Builder(ScoringConfig c) {
      reliabilityByGrade.putAll(c.reliabilityByGrade);
      defaultGrade = c.defaultGrade;
      sourceGrades.putAll(c.sourceGrades);
      defaultConfidence = c.defaultConfidence;
      sourceDefaultConfidence.putAll(c.sourceDefaultConfidence);
      sightingBoost = c.sightingBoost;
      sightingCap = c.sightingCap;
      falsePositivePenalty = c.falsePositivePenalty;
      decayByType.putAll(c.decayByType);
      defaultDecay = c.defaultDecay;
      expiryFloor = c.expiryFloor;
      bands = c.bands;
    }

    /** Sets the reliability of one grade. */
    public Builder reliability(Admiralty grade, double r) {
      reliabilityByGrade.put(grade, r);
      return this;
    }

    /** Sets the grade used when neither an override nor the contribution names one. */
    public Builder defaultGrade(Admiralty grade) {
      this.defaultGrade = grade;
      return this;
    }

    /** Overrides the grade of one source. */
    public Builder sourceGrade(String sourceId, Admiralty grade) {
      sourceGrades.put(sourceId, grade);
      return this;
    }

    /** Sets the default confidence. */
    public Builder defaultConfidence(int value) {
      this.defaultConfidence = value;
      return this;
    }

    /** Sets one source's default confidence. */
    public Builder sourceDefaultConfidence(String sourceId, int value) {
      sourceDefaultConfidence.put(sourceId, value);
      return this;
    }

    /** Sets the per-member sighting boost. */
    public Builder sightingBoost(double value) {
      this.sightingBoost = value;
      return this;
    }

    /** Sets the cap on counted sighting members. */
    public Builder sightingCap(int value) {
      this.sightingCap = value;
      return this;
    }

    /** Sets the per-member false-positive penalty. */
    public Builder falsePositivePenalty(double value) {
      this.falsePositivePenalty = value;
      return this;
    }

    /** Sets the decay profile of one observable type. */
    public Builder decay(String observableType, DecayProfile profile) {
      decayByType.put(observableType, profile);
      return this;
    }

    /** Sets the decay profile of every type without its own. */
    public Builder defaultDecay(DecayProfile profile) {
      this.defaultDecay = profile;
      return this;
    }

    /** Sets the expiry floor. */
    public Builder expiryFloor(double value) {
      this.expiryFloor = value;
      return this;
    }

    /** Sets the band lower bounds. */
    public Builder bands(List<Double> values) {
      this.bands = new ArrayList<>(values);
      return this;
    }

    /** Builds and validates the configuration. */
    public ScoringConfig build() {
      return new ScoringConfig(
          reliabilityByGrade,
          defaultGrade,
          sourceGrades,
          defaultConfidence,
          sourceDefaultConfidence,
          sightingBoost,
          sightingCap,
          falsePositivePenalty,
          decayByType,
          defaultDecay,
          expiryFloor,
          bands);
    }
  }
}
