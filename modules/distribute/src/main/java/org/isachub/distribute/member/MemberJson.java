package org.isachub.distribute.member;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.MemberKind;
import org.isachub.wire.avro.Subscription;
import org.isachub.wire.avro.TokenHash;
import org.jspecify.annotations.Nullable;

/**
 * The JSON shape of members and subscriptions, shared by the HTTP API, the demo file and the
 * command line: reading specs (unknown fields refused, wrong types named) and writing views (token
 * hashes and webhook secrets never shown).
 */
public final class MemberJson {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  /** Fields a member spec may have. */
  public static final Set<String> MEMBER_FIELDS =
      Set.of("id", "display_name", "kind", "jurisdiction", "clearance", "anonymous");

  /** Fields a subscription spec may have. */
  public static final Set<String> SUBSCRIPTION_FIELDS =
      Set.of(
          "id",
          "member",
          "name",
          "enabled",
          "observable_types",
          "min_score",
          "decisions",
          "labels",
          "kill_chain_phases",
          "sources_include",
          "sources_exclude",
          "jurisdictions",
          "channels");

  private MemberJson() {}

  /**
   * Reads a member spec (not yet validated).
   *
   * @param node a JSON object with {@link #MEMBER_FIELDS}
   * @return the spec
   * @throws MemberAdminException naming a missing, unknown or mistyped field
   */
  public static MemberSpec memberSpec(JsonNode node) {
    requireObject(node, "member", MEMBER_FIELDS);
    return new MemberSpec(
        requiredText(node, "id"),
        requiredText(node, "display_name"),
        Validation.kind(requiredText(node, "kind")),
        optionalText(node, "jurisdiction"),
        Validation.clearance(requiredText(node, "clearance")),
        bool(node, "anonymous", false));
  }

  /**
   * Reads a subscription spec (not yet validated). Absent lists mean "any"; absent decisions mean
   * {@code ACTIVE}; absent channels mean the default channels.
   *
   * @param node a JSON object with {@link #SUBSCRIPTION_FIELDS}
   * @param defaultId the id to use when the object has none, or null to require one
   * @param defaultMember the member to use when the object names none, or null to require one
   * @return the spec
   * @throws MemberAdminException naming a missing, unknown or mistyped field
   */
  public static SubscriptionSpec subscriptionSpec(
      JsonNode node, @Nullable String defaultId, @Nullable String defaultMember) {
    requireObject(node, "subscription", SUBSCRIPTION_FIELDS);
    String id = optionalText(node, "id");
    String member = optionalText(node, "member");
    if (id == null) {
      id = defaultId;
    }
    if (member == null) {
      member = defaultMember;
    }
    if (id == null) {
      throw Validation.invalid("id: required");
    }
    if (member == null) {
      throw Validation.invalid("member: required");
    }
    List<Decision> decisions = new ArrayList<>();
    for (String d : strings(node, "decisions")) {
      decisions.add(Validation.decision(d));
    }
    if (!node.has("decisions")) {
      decisions.add(Decision.ACTIVE);
    }
    JsonNode score = node.get("min_score");
    double minScore = 0.0;
    if (score != null && !score.isNull()) {
      if (!score.isNumber()) {
        throw Validation.invalid("min_score: must be a number between 0 and 100");
      }
      minScore = score.asDouble();
    }
    return new SubscriptionSpec(
        id,
        member,
        node.has("name") ? requiredText(node, "name") : id,
        bool(node, "enabled", true),
        strings(node, "observable_types"),
        minScore,
        decisions,
        strings(node, "labels"),
        strings(node, "kill_chain_phases"),
        strings(node, "sources_include"),
        strings(node, "sources_exclude"),
        strings(node, "jurisdictions"),
        strings(node, "channels"));
  }

  /**
   * A member as the API shows it: no token hashes, no webhook secret.
   *
   * @param m the member
   * @param now the time, to tell which tokens are active
   * @return the JSON object
   */
  public static ObjectNode view(Member m, Instant now) {
    ObjectNode o = NODES.objectNode();
    o.put("id", m.getId());
    o.put("display_name", m.getDisplayName());
    o.put("kind", m.getKind().name().toLowerCase(Locale.ROOT));
    o.put("role", Roles.of(m.getKind()).wireName());
    if (m.getJurisdiction() == null) {
      o.putNull("jurisdiction");
    } else {
      o.put("jurisdiction", m.getJurisdiction());
    }
    o.put("clearance", m.getClearance().name());
    o.put("enabled", m.getEnabled());
    o.put("anonymous", m.getAnonymous());
    ArrayNode tokens = o.putArray("tokens");
    for (TokenHash t : m.getTokens()) {
      ObjectNode tn = tokens.addObject();
      tn.put("token_id", t.getTokenId());
      tn.put("created_at", t.getCreatedAt().toString());
      putInstant(tn, "expires_at", t.getExpiresAt());
      putInstant(tn, "revoked_at", t.getRevokedAt());
      boolean active =
          (t.getRevokedAt() == null || now.isBefore(t.getRevokedAt()))
              && (t.getExpiresAt() == null || now.isBefore(t.getExpiresAt()));
      tn.put("active", active);
    }
    if (m.getWebhook() == null) {
      o.putNull("webhook");
    } else {
      ObjectNode w = o.putObject("webhook");
      w.put("url", m.getWebhook().getUrl());
      w.put("enabled", m.getWebhook().getEnabled());
    }
    o.put("created_at", m.getCreatedAt().toString());
    o.put("updated_at", m.getUpdatedAt().toString());
    return o;
  }

  /**
   * A subscription as the API shows it.
   *
   * @param s the subscription
   * @return the JSON object
   */
  public static ObjectNode view(Subscription s) {
    ObjectNode o = NODES.objectNode();
    o.put("id", s.getId());
    o.put("member", s.getMember());
    o.put("name", s.getName());
    o.put("enabled", s.getEnabled());
    strings(o.putArray("observable_types"), s.getObservableTypes());
    o.put("min_score", s.getMinScore());
    ArrayNode decisions = o.putArray("decisions");
    s.getDecisions().forEach(d -> decisions.add(d.name()));
    strings(o.putArray("labels"), s.getLabels());
    strings(o.putArray("kill_chain_phases"), s.getKillChainPhases());
    strings(o.putArray("sources_include"), s.getSourcesInclude());
    strings(o.putArray("sources_exclude"), s.getSourcesExclude());
    strings(o.putArray("jurisdictions"), s.getJurisdictions());
    strings(o.putArray("channels"), s.getChannels());
    o.put("created_at", s.getCreatedAt().toString());
    o.put("updated_at", s.getUpdatedAt().toString());
    return o;
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void putInstant(ObjectNode o, String field, @Nullable Instant value) {
    if (value == null) {
      o.putNull(field);
    } else {
      o.put(field, value.toString());
    }
  }

  private static void requireObject(JsonNode node, String what, Set<String> fields) {
    if (!node.isObject()) {
      throw Validation.invalid("the " + what + " must be a JSON object");
    }
    Iterator<String> names = node.fieldNames();
    List<String> unknown = new ArrayList<>();
    while (names.hasNext()) {
      String name = names.next();
      if (!fields.contains(name)) {
        unknown.add(name.length() > 40 ? name.substring(0, 40) + "..." : name);
      }
    }
    if (!unknown.isEmpty()) {
      throw Validation.invalid(
          "unknown field(s) "
              + String.join(", ", unknown)
              + "; a "
              + what
              + " has "
              + String.join(", ", new java.util.TreeSet<>(fields)));
    }
  }

  private static String requiredText(JsonNode node, String field) {
    String text = optionalText(node, field);
    if (text == null) {
      throw Validation.invalid(field + ": required");
    }
    return text;
  }

  private static @Nullable String optionalText(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw Validation.invalid(field + ": must be a string");
    }
    return v.asText();
  }

  private static boolean bool(JsonNode node, String field, boolean absent) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return absent;
    }
    if (!v.isBoolean()) {
      throw Validation.invalid(field + ": must be true or false");
    }
    return v.asBoolean();
  }

  private static List<String> strings(JsonNode node, String field) {
    JsonNode v = node.get(field);
    if (v == null || v.isNull()) {
      return List.of();
    }
    if (!v.isArray()) {
      throw Validation.invalid(field + ": must be an array of strings");
    }
    if (v.size() > Validation.MAX_LIST) {
      throw Validation.invalid(
          field + ": at most " + Validation.MAX_LIST + " entries, got " + v.size());
    }
    List<String> out = new ArrayList<>();
    for (JsonNode e : v) {
      if (!e.isTextual()) {
        throw Validation.invalid(field + ": must be an array of strings");
      }
      out.add(e.asText());
    }
    return out;
  }

  /**
   * The kind of a member as the JSON spells it.
   *
   * @param kind the kind
   * @return e.g. {@code state}
   */
  public static String kindName(MemberKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }
}
