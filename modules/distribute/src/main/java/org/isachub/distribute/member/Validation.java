package org.isachub.distribute.member;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.isachub.stix.pattern.ObservableTypes;
import org.isachub.wire.Topics;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.MemberKind;
import org.jspecify.annotations.Nullable;

/**
 * Checks and normalises what administrators and members give: ids, names, kinds, clearances,
 * jurisdictions and subscription filters. Every refusal is a {@link MemberAdminException} with
 * reason {@code INVALID} whose message names each offending field and value.
 */
public final class Validation {

  /** Subscription ids: lower-case letters, digits and '-', 1-128 long. */
  public static final Pattern SUBSCRIPTION_ID =
      Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,126}[a-z0-9])?");

  /**
   * Jurisdictions: an ISO 3166-1 country code, optionally an ISO 3166-2 subdivision code, then
   * optionally a local name: {@code US}, {@code US-PA}, {@code US-PA-Dauphin}.
   */
  public static final Pattern JURISDICTION =
      Pattern.compile("[A-Z]{2}(?:-[A-Z0-9]{1,3}(?:-[A-Za-z0-9][A-Za-z0-9 .'-]{0,62})?)?");

  /** Source ids named in filters: lower-case letters, digits, '.', '_' and '-', 1-64 long. */
  public static final Pattern SOURCE_ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");

  /** Kill-chain phases as {@code kill_chain_name:phase_name}. */
  public static final Pattern KILL_CHAIN_PHASE =
      Pattern.compile("[a-z0-9][a-z0-9._-]{0,99}:[a-z0-9][a-z0-9._-]{0,99}");

  /** The delivery channels a subscription may name. */
  public static final Set<String> CHANNELS = Set.of("kafka", "taxii", "webhook", "blocklist");

  /** Most entries in any one filter list. */
  public static final int MAX_LIST = 100;

  private static final int MAX_NAME = 200;
  private static final int MAX_LABEL = 100;

  private Validation() {}

  /**
   * Checks a member spec.
   *
   * @param spec the spec
   * @return the spec, trimmed
   * @throws MemberAdminException naming every problem
   */
  public static MemberSpec member(MemberSpec spec) {
    List<String> problems = new ArrayList<>();
    checkMemberId("id", spec.id(), problems);
    String name = spec.displayName().strip();
    checkName("display_name", name, problems);
    String jurisdiction = spec.jurisdiction() == null ? null : spec.jurisdiction().strip();
    if (jurisdiction != null && jurisdiction.isEmpty()) {
      jurisdiction = null;
    }
    if (jurisdiction != null) {
      checkJurisdiction("jurisdiction", jurisdiction, problems);
    }
    if (spec.kind() == MemberKind.STATE || spec.kind() == MemberKind.LOCAL) {
      int parts = jurisdiction == null ? 0 : jurisdiction.split("-", 3).length;
      if (spec.kind() == MemberKind.STATE && parts != 2) {
        problems.add(
            "jurisdiction: a state member needs a country and subdivision such as US-PA, got "
                + quote(jurisdiction));
      }
      if (spec.kind() == MemberKind.LOCAL && parts < 2) {
        problems.add(
            "jurisdiction: a local member needs one such as US-PA-Dauphin, got "
                + quote(jurisdiction));
      }
    }
    fail(problems);
    return new MemberSpec(
        spec.id(), name, spec.kind(), jurisdiction, spec.clearance(), spec.anonymous());
  }

  /**
   * Checks and normalises a subscription: observable type aliases resolved, duplicates dropped, and
   * an empty channel list replaced by the default channels.
   *
   * @param spec the spec
   * @return the normalised spec
   * @throws MemberAdminException naming every problem
   */
  public static SubscriptionSpec subscription(SubscriptionSpec spec) {
    List<String> problems = new ArrayList<>();
    if (!SUBSCRIPTION_ID.matcher(spec.id()).matches()) {
      problems.add(
          "id: "
              + quote(spec.id())
              + " is not a subscription id (1-128 lower-case letters, digits and '-')");
    }
    checkMemberId("member", spec.member(), problems);
    String name = spec.name().strip();
    checkName("name", name, problems);

    List<String> types = new ArrayList<>();
    each(
        "observable_types",
        spec.observableTypes(),
        problems,
        (field, value) -> {
          Optional<String> canonical = ObservableTypes.canonicalName(value);
          if (canonical.isEmpty()) {
            return field
                + ": "
                + quote(value)
                + " is not a STIX cyber-observable type (one of "
                + String.join(", ", new TreeSet<>(ObservableTypes.STANDARD))
                + ", or a custom x- type)";
          }
          types.add(canonical.get());
          return null;
        });

    if (Double.isNaN(spec.minScore()) || spec.minScore() < 0 || spec.minScore() > 100) {
      problems.add("min_score: must be between 0 and 100, got " + spec.minScore());
    }
    if (spec.decisions().isEmpty()) {
      problems.add("decisions: name at least one of ACTIVE, SUPPRESSED");
    }
    for (Decision d : spec.decisions()) {
      if (d == Decision.EXPIRED || d == Decision.REVOKED) {
        problems.add(
            "decisions: "
                + d
                + " cannot be subscribed to (expired and revoked indicators are always delivered"
                + " as withdrawals); use ACTIVE and, to opt in, SUPPRESSED");
      }
    }
    each(
        "labels",
        spec.labels(),
        problems,
        (field, value) ->
            value.isBlank() || value.length() > MAX_LABEL || hasControl(value)
                ? field + ": " + quote(value) + " is not a label (1-100 printable characters)"
                : null);
    each(
        "kill_chain_phases",
        spec.killChainPhases(),
        problems,
        (field, value) ->
            KILL_CHAIN_PHASE.matcher(value).matches()
                ? null
                : field
                    + ": "
                    + quote(value)
                    + " is not kill_chain_name:phase_name in lower case (e.g."
                    + " lockheed-martin-cyber-kill-chain:delivery)");
    Pattern sourceId = SOURCE_ID;
    each(
        "sources_include",
        spec.sourcesIncluded(),
        problems,
        (field, value) -> sourceId.matcher(value).matches() ? null : notSource(field, value));
    each(
        "sources_exclude",
        spec.sourcesExcluded(),
        problems,
        (field, value) -> sourceId.matcher(value).matches() ? null : notSource(field, value));
    Set<String> both = new TreeSet<>(spec.sourcesIncluded());
    both.retainAll(spec.sourcesExcluded());
    if (!both.isEmpty()) {
      problems.add("sources_include and sources_exclude both name " + String.join(", ", both));
    }
    each(
        "jurisdictions",
        spec.jurisdictions(),
        problems,
        (field, value) -> {
          List<String> one = new ArrayList<>();
          checkJurisdiction(field, value, one);
          return one.isEmpty() ? null : one.get(0);
        });
    each(
        "channels",
        spec.channels(),
        problems,
        (field, value) ->
            CHANNELS.contains(value)
                ? null
                : field
                    + ": "
                    + quote(value)
                    + " is not a channel (one of "
                    + String.join(", ", new TreeSet<>(CHANNELS))
                    + ")");
    fail(problems);
    return new SubscriptionSpec(
        spec.id(),
        spec.member(),
        name,
        spec.enabled(),
        distinct(types),
        spec.minScore(),
        distinct(spec.decisions()),
        distinct(spec.labels()),
        distinct(spec.killChainPhases()),
        distinct(spec.sourcesIncluded()),
        distinct(spec.sourcesExcluded()),
        distinct(spec.jurisdictions()),
        spec.channels().isEmpty() ? SubscriptionSpec.DEFAULT_CHANNELS : distinct(spec.channels()));
  }

  /**
   * Reads a clearance.
   *
   * @param text {@code CLEAR}, {@code GREEN} or {@code AMBER}, in any case
   * @return the clearance
   * @throws MemberAdminException for anything else, including AMBER+STRICT and RED
   */
  public static Clearance clearance(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (Clearance c : Clearance.values()) {
      if (c.name().equals(t)) {
        return c;
      }
    }
    throw invalid(
        "clearance: "
            + quote(text)
            + " is not a clearance (CLEAR, GREEN or AMBER; AMBER+STRICT and RED go only to named"
            + " recipients)");
  }

  /**
   * Reads a member kind.
   *
   * @param text {@code state}, {@code local}, {@code vendor}, {@code analyst} or {@code admin}
   * @return the kind
   * @throws MemberAdminException for anything else
   */
  public static MemberKind kind(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (MemberKind k : MemberKind.values()) {
      if (k.name().equals(t)) {
        return k;
      }
    }
    throw invalid(
        "kind: " + quote(text) + " is not a member kind (state, local, vendor, analyst, admin)");
  }

  /**
   * Reads a decision.
   *
   * @param text {@code ACTIVE} or {@code SUPPRESSED}, in any case
   * @return the decision
   * @throws MemberAdminException for anything else
   */
  public static Decision decision(String text) {
    String t = text.strip().toUpperCase(Locale.ROOT);
    for (Decision d : Decision.values()) {
      if (d.name().equals(t)) {
        return d;
      }
    }
    throw invalid("decisions: " + quote(text) + " is not a decision (ACTIVE, SUPPRESSED)");
  }

  /**
   * Checks a member id.
   *
   * @param id the id
   * @return the id
   * @throws MemberAdminException if it cannot be a member id
   */
  public static String memberId(String id) {
    List<String> problems = new ArrayList<>();
    checkMemberId("member id", id, problems);
    fail(problems);
    return id;
  }

  static MemberAdminException invalid(String message) {
    return new MemberAdminException(MemberAdminException.Reason.INVALID, message);
  }

  private interface Check {
    @Nullable String problem(String field, String value);
  }

  private static void each(String field, List<String> values, List<String> problems, Check check) {
    if (values.size() > MAX_LIST) {
      problems.add(field + ": at most " + MAX_LIST + " entries, got " + values.size());
      return;
    }
    for (int i = 0; i < values.size(); i++) {
      String value = values.get(i);
      String problem =
          value == null ? field + "[" + i + "]: must not be null" : check.problem(field, value);
      if (problem != null) {
        problems.add(problem);
      }
    }
  }

  private static void checkMemberId(String field, String id, List<String> problems) {
    if (!Topics.MEMBER_ID.matcher(id).matches()) {
      problems.add(
          field
              + ": "
              + quote(id)
              + " is not a member id (1-64 lower-case letters, digits and '-', not starting or"
              + " ending with '-')");
    }
  }

  private static void checkName(String field, String name, List<String> problems) {
    if (name.isEmpty() || name.length() > MAX_NAME || hasControl(name)) {
      problems.add(field + ": must be 1-200 printable characters");
    }
  }

  private static void checkJurisdiction(String field, String value, List<String> problems) {
    if (!JURISDICTION.matcher(value).matches()) {
      problems.add(
          field
              + ": "
              + quote(value)
              + " is not a jurisdiction (country, subdivision and local name such as US,"
              + " US-PA or US-PA-Dauphin)");
    }
  }

  private static String notSource(String field, String value) {
    return field
        + ": "
        + quote(value)
        + " is not a source id (1-64 lower-case letters, digits, '.', '_' and '-')";
  }

  private static boolean hasControl(String s) {
    return s.chars().anyMatch(Character::isISOControl);
  }

  private static String quote(@Nullable String s) {
    if (s == null) {
      return "nothing";
    }
    String shown = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    return "'"
        + shown
            .chars()
            .mapToObj(c -> Character.isISOControl(c) ? "?" : Character.toString(c))
            .collect(Collectors.joining())
        + "'";
  }

  private static <T> List<T> distinct(List<T> values) {
    return List.copyOf(new LinkedHashSet<>(values));
  }

  private static void fail(List<String> problems) {
    if (!problems.isEmpty()) {
      throw invalid(String.join("; ", problems));
    }
  }
}
