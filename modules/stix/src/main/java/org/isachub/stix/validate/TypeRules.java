package org.isachub.stix.validate;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-type property table, transcribed from the STIX 2.1 specification (sections 3, 4, 5, 6 and
 * 7): which properties each type defines, of what kind, and which are required.
 */
final class TypeRules {

  /** Where a type sits in the specification; decides its common properties. */
  enum Category {
    SDO,
    SRO,
    SCO,
    MARKING,
    META,
    CUSTOM
  }

  /** One type's table. */
  record TypeSpec(Category category, Set<String> required, Map<String, PropKind> props) {}

  static final Set<String> SDO_TYPES =
      Set.of(
          "attack-pattern",
          "campaign",
          "course-of-action",
          "grouping",
          "identity",
          "incident",
          "indicator",
          "infrastructure",
          "intrusion-set",
          "location",
          "malware",
          "malware-analysis",
          "note",
          "observed-data",
          "opinion",
          "report",
          "threat-actor",
          "tool",
          "vulnerability");
  static final Set<String> SRO_TYPES = Set.of("relationship", "sighting");
  static final Set<String> SCO_TYPES =
      Set.of(
          "artifact",
          "autonomous-system",
          "directory",
          "domain-name",
          "email-addr",
          "email-message",
          "file",
          "ipv4-addr",
          "ipv6-addr",
          "mac-addr",
          "mutex",
          "network-traffic",
          "process",
          "software",
          "url",
          "user-account",
          "windows-registry-key",
          "x509-certificate");
  static final Set<String> META_TYPES =
      Set.of("marking-definition", "language-content", "extension-definition");

  /** Object types that only describe or connect others and so cannot be a relationship end. */
  static final Set<String> NOT_RELATABLE =
      Set.of(
          "relationship",
          "sighting",
          "bundle",
          "marking-definition",
          "language-content",
          "extension-definition");

  private static final PropKind STR = new PropKind.Str();
  private static final PropKind BOOL = new PropKind.Bool();
  private static final PropKind TS = new PropKind.Timestamp(false);
  private static final PropKind TS_MS = new PropKind.Timestamp(true);
  private static final PropKind STRS = new PropKind.StrList();
  private static final PropKind INT = new PropKind.Int(null, null);
  private static final PropKind KCP = new PropKind.KillChainPhases();
  private static final PropKind ANY_REF = new PropKind.Ref(Set.of(), Set.of());
  private static final PropKind ANY_REFS = new PropKind.RefList(Set.of(), Set.of());
  private static final PropKind ANY_SCO_REFS = new PropKind.ScoRefList(SCO_TYPES);

  static final Map<String, PropKind> SDO_COMMON = new LinkedHashMap<>();
  static final Map<String, PropKind> SCO_COMMON = new LinkedHashMap<>();

  static {
    SDO_COMMON.put("type", STR);
    SDO_COMMON.put("spec_version", STR);
    SDO_COMMON.put("id", STR);
    SDO_COMMON.put("created_by_ref", ref("identity"));
    SDO_COMMON.put("created", TS_MS);
    SDO_COMMON.put("modified", TS_MS);
    SDO_COMMON.put("revoked", BOOL);
    SDO_COMMON.put("labels", STRS);
    SDO_COMMON.put("confidence", new PropKind.Int(0L, 100L));
    SDO_COMMON.put("lang", STR);
    SDO_COMMON.put("external_references", new PropKind.ExternalReferences());
    SDO_COMMON.put("object_marking_refs", refs("marking-definition"));
    SDO_COMMON.put("granular_markings", new PropKind.GranularMarkings());
    SDO_COMMON.put("extensions", new PropKind.Extensions(false));

    SCO_COMMON.put("type", STR);
    SCO_COMMON.put("spec_version", STR);
    SCO_COMMON.put("id", STR);
    SCO_COMMON.put("object_marking_refs", refs("marking-definition"));
    SCO_COMMON.put("granular_markings", new PropKind.GranularMarkings());
    SCO_COMMON.put("defanged", BOOL);
    SCO_COMMON.put("extensions", new PropKind.Extensions(false));
  }

  private static final Map<String, TypeSpec> TYPES = new LinkedHashMap<>();

  static {
    // Domain objects (section 4).
    sdo("attack-pattern", "name")
        .p("name", STR)
        .p("description", STR)
        .p("aliases", STRS)
        .p("kill_chain_phases", KCP);
    sdo("campaign", "name")
        .p("name", STR)
        .p("description", STR)
        .p("aliases", STRS)
        .p("first_seen", TS)
        .p("last_seen", TS)
        .p("objective", STR);
    sdo("course-of-action", "name").p("name", STR).p("description", STR);
    sdo("grouping", "context", "object_refs")
        .p("name", STR)
        .p("description", STR)
        .p("context", STR)
        .p("object_refs", ANY_REFS);
    sdo("identity", "name")
        .p("name", STR)
        .p("description", STR)
        .p("roles", STRS)
        .p("identity_class", STR)
        .p("sectors", STRS)
        .p("contact_information", STR);
    sdo("incident", "name").p("name", STR).p("description", STR);
    sdo("indicator", "pattern", "pattern_type", "valid_from")
        .p("name", STR)
        .p("description", STR)
        .p("indicator_types", STRS)
        .p("pattern", STR)
        .p("pattern_type", STR)
        .p("pattern_version", STR)
        .p("valid_from", TS)
        .p("valid_until", TS)
        .p("kill_chain_phases", KCP);
    sdo("infrastructure", "name")
        .p("name", STR)
        .p("description", STR)
        .p("infrastructure_types", STRS)
        .p("aliases", STRS)
        .p("kill_chain_phases", KCP)
        .p("first_seen", TS)
        .p("last_seen", TS);
    sdo("intrusion-set", "name")
        .p("name", STR)
        .p("description", STR)
        .p("aliases", STRS)
        .p("first_seen", TS)
        .p("last_seen", TS)
        .p("goals", STRS)
        .p("resource_level", STR)
        .p("primary_motivation", STR)
        .p("secondary_motivations", STRS);
    sdo("location")
        .p("name", STR)
        .p("description", STR)
        .p("latitude", new PropKind.Num(-90.0, 90.0))
        .p("longitude", new PropKind.Num(-180.0, 180.0))
        .p("precision", new PropKind.Num(null, null))
        .p("region", STR)
        .p("country", STR)
        .p("administrative_area", STR)
        .p("city", STR)
        .p("street_address", STR)
        .p("postal_code", STR);
    sdo("malware", "is_family")
        .p("name", STR)
        .p("description", STR)
        .p("malware_types", STRS)
        .p("is_family", BOOL)
        .p("aliases", STRS)
        .p("kill_chain_phases", KCP)
        .p("first_seen", TS)
        .p("last_seen", TS)
        .p("operating_system_refs", refs("software"))
        .p("architecture_execution_envs", STRS)
        .p("implementation_languages", STRS)
        .p("capabilities", STRS)
        .p("sample_refs", new PropKind.ScoRefList(Set.of("file", "artifact")));
    sdo("malware-analysis", "product")
        .p("product", STR)
        .p("version", STR)
        .p("host_vm_ref", ref("software"))
        .p("operating_system_ref", ref("software"))
        .p("installed_software_refs", refs("software"))
        .p("configuration_version", STR)
        .p("modules", STRS)
        .p("analysis_engine_version", STR)
        .p("analysis_definition_version", STR)
        .p("submitted", TS)
        .p("analysis_started", TS)
        .p("analysis_ended", TS)
        .p("result_name", STR)
        .p("result", STR)
        .p("analysis_sco_refs", ANY_REFS)
        .p("sample_ref", ref("file", "artifact", "network-traffic"));
    sdo("note", "content", "object_refs")
        .p("abstract", STR)
        .p("content", STR)
        .p("authors", STRS)
        .p("object_refs", ANY_REFS);
    Set<String> notObservable = new LinkedHashSet<>(SDO_TYPES);
    notObservable.addAll(Set.of("marking-definition", "language-content", "extension-definition"));
    notObservable.add("bundle");
    sdo("observed-data", "first_observed", "last_observed", "number_observed")
        .p("first_observed", TS)
        .p("last_observed", TS)
        .p("number_observed", new PropKind.Int(1L, 999_999_999L))
        .p("objects", new PropKind.AnyObject())
        .p("object_refs", new PropKind.RefList(Set.of(), notObservable));
    sdo("opinion", "opinion", "object_refs")
        .p("explanation", STR)
        .p("authors", STRS)
        .p(
            "opinion",
            new PropKind.Choice(
                Set.of("strongly-disagree", "disagree", "neutral", "agree", "strongly-agree")))
        .p("object_refs", ANY_REFS);
    sdo("report", "name", "published", "object_refs")
        .p("name", STR)
        .p("description", STR)
        .p("report_types", STRS)
        .p("published", TS)
        .p("object_refs", ANY_REFS);
    sdo("threat-actor", "name")
        .p("name", STR)
        .p("description", STR)
        .p("threat_actor_types", STRS)
        .p("aliases", STRS)
        .p("first_seen", TS)
        .p("last_seen", TS)
        .p("roles", STRS)
        .p("goals", STRS)
        .p("sophistication", STR)
        .p("resource_level", STR)
        .p("primary_motivation", STR)
        .p("secondary_motivations", STRS)
        .p("personal_motivations", STRS);
    sdo("tool", "name")
        .p("name", STR)
        .p("description", STR)
        .p("tool_types", STRS)
        .p("aliases", STRS)
        .p("kill_chain_phases", KCP)
        .p("tool_version", STR);
    sdo("vulnerability", "name").p("name", STR).p("description", STR);

    // Relationship objects (section 5).
    Builder rel = of("relationship", Category.SRO, "relationship_type", "source_ref", "target_ref");
    rel.p("relationship_type", new PropKind.Formatted(Pattern.compile("[a-z0-9-]+"), "lowercase"))
        .p("description", STR)
        .p("source_ref", new PropKind.Ref(Set.of(), NOT_RELATABLE))
        .p("target_ref", new PropKind.Ref(Set.of(), NOT_RELATABLE))
        .p("start_time", TS)
        .p("stop_time", TS);
    Set<String> notSightable = new LinkedHashSet<>(NOT_RELATABLE);
    notSightable.addAll(SCO_TYPES);
    of("sighting", Category.SRO, "sighting_of_ref")
        .p("description", STR)
        .p("first_seen", TS)
        .p("last_seen", TS)
        .p("count", new PropKind.Int(0L, 999_999_999L))
        .p("sighting_of_ref", new PropKind.Ref(Set.of(), notSightable))
        .p("observed_data_refs", refs("observed-data"))
        .p("where_sighted_refs", refs("identity", "location"))
        .p("summary", BOOL);

    // Cyber-observable objects (section 6).
    Pattern ipv4 =
        Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)"
                + "(/(3[0-2]|[12]?\\d))?");
    sco("ipv4-addr", "value")
        .p("value", new PropKind.Formatted(ipv4, "an IPv4 address or CIDR block"))
        .p("resolves_to_refs", new PropKind.ScoRefList(Set.of("mac-addr")))
        .p("belongs_to_refs", new PropKind.ScoRefList(Set.of("autonomous-system")));
    sco("ipv6-addr", "value")
        .p("value", STR)
        .p("resolves_to_refs", new PropKind.ScoRefList(Set.of("mac-addr")))
        .p("belongs_to_refs", new PropKind.ScoRefList(Set.of("autonomous-system")));
    sco("domain-name", "value")
        .p("value", STR)
        .p(
            "resolves_to_refs",
            new PropKind.ScoRefList(Set.of("ipv4-addr", "ipv6-addr", "domain-name")));
    sco("url", "value").p("value", STR);
    sco("mac-addr", "value")
        .p(
            "value",
            new PropKind.Formatted(
                Pattern.compile("([0-9a-f]{2}:){5}[0-9a-f]{2}"),
                "a lowercase colon-separated MAC address"));
    sco("email-addr", "value")
        .p("value", STR)
        .p("display_name", STR)
        .p("belongs_to_ref", new PropKind.ScoRef(Set.of("user-account")));
    sco("autonomous-system", "number").p("number", INT).p("name", STR).p("rir", STR);
    sco("file")
        .p("hashes", new PropKind.Hashes())
        .p("size", new PropKind.Int(0L, null))
        .p("name", STR)
        .p("name_enc", STR)
        .p("magic_number_hex", STR)
        .p("mime_type", STR)
        .p("ctime", TS)
        .p("mtime", TS)
        .p("atime", TS)
        .p("parent_directory_ref", new PropKind.ScoRef(Set.of("directory")))
        .p("contains_refs", ANY_SCO_REFS)
        .p("content_ref", new PropKind.ScoRef(Set.of("artifact")));
    sco("directory", "path")
        .p("path", STR)
        .p("path_enc", STR)
        .p("ctime", TS)
        .p("mtime", TS)
        .p("atime", TS)
        .p("contains_refs", new PropKind.ScoRefList(Set.of("file", "directory")));
    sco("windows-registry-key")
        .p("key", STR)
        .p("values", new PropKind.AnyList())
        .p("modified_time", TS)
        .p("creator_user_ref", new PropKind.ScoRef(Set.of("user-account")))
        .p("number_of_subkeys", INT);
    sco("email-message", "is_multipart")
        .p("is_multipart", BOOL)
        .p("date", TS)
        .p("content_type", STR)
        .p("from_ref", new PropKind.ScoRef(Set.of("email-addr")))
        .p("sender_ref", new PropKind.ScoRef(Set.of("email-addr")))
        .p("to_refs", new PropKind.ScoRefList(Set.of("email-addr")))
        .p("cc_refs", new PropKind.ScoRefList(Set.of("email-addr")))
        .p("bcc_refs", new PropKind.ScoRefList(Set.of("email-addr")))
        .p("message_id", STR)
        .p("subject", STR)
        .p("received_lines", STRS)
        .p("additional_header_fields", new PropKind.Dictionary())
        .p("body", STR)
        .p("body_multipart", new PropKind.AnyList())
        .p("raw_email_ref", new PropKind.ScoRef(Set.of("artifact")));
    sco("user-account")
        .p("user_id", STR)
        .p("credential", STR)
        .p("account_login", STR)
        .p("account_type", STR)
        .p("display_name", STR)
        .p("is_service_account", BOOL)
        .p("is_privileged", BOOL)
        .p("can_escalate_privs", BOOL)
        .p("is_disabled", BOOL)
        .p("account_created", TS)
        .p("account_expires", TS)
        .p("credential_last_changed", TS)
        .p("account_first_login", TS)
        .p("account_last_login", TS);
    sco("mutex", "name").p("name", STR);
    sco("software", "name")
        .p("name", STR)
        .p("cpe", STR)
        .p("swid", STR)
        .p("languages", STRS)
        .p("vendor", STR)
        .p("version", STR);

    // Meta objects (section 7).
    Builder md =
        of("marking-definition", Category.MARKING, "type", "spec_version", "id", "created");
    md.props.clear();
    md.p("type", STR)
        .p("spec_version", STR)
        .p("id", STR)
        .p("created_by_ref", ref("identity"))
        .p("created", TS)
        .p("external_references", new PropKind.ExternalReferences())
        .p("object_marking_refs", refs("marking-definition"))
        .p("granular_markings", new PropKind.GranularMarkings())
        .p("extensions", new PropKind.Extensions(true))
        .p("name", STR)
        .p("definition_type", STR)
        .p("definition", new PropKind.AnyObject());
    of("language-content", Category.META, "object_ref", "contents")
        .p("object_ref", new PropKind.Ref(Set.of(), Set.of("bundle", "language-content")))
        .p("object_modified", TS)
        .p("contents", new PropKind.Dictionary());
    of("extension-definition", Category.META, "name", "schema", "version", "extension_types")
        .p("name", STR)
        .p("description", STR)
        .p("schema", STR)
        .p("version", STR)
        .p(
            "extension_types",
            new PropKind.EnumList(
                Set.of(
                    "new-sdo",
                    "new-sco",
                    "new-sro",
                    "property-extension",
                    "toplevel-property-extension")))
        .p("extension_properties", STRS);
  }

  private TypeRules() {}

  /** Returns the table for a type; unknown types get the custom-object table. */
  static TypeSpec forType(String type) {
    TypeSpec spec = TYPES.get(type);
    if (spec != null) {
      return spec;
    }
    return new TypeSpec(Category.CUSTOM, Set.of(), SDO_COMMON);
  }

  /** Returns whether the type has its own table. */
  static boolean isKnown(String type) {
    return TYPES.containsKey(type);
  }

  private static PropKind ref(String... allowed) {
    return new PropKind.Ref(Set.of(allowed), Set.of());
  }

  private static PropKind refs(String... allowed) {
    return new PropKind.RefList(Set.of(allowed), Set.of());
  }

  private static Builder sdo(String type, String... required) {
    return of(type, Category.SDO, required);
  }

  private static Builder sco(String type, String... required) {
    return of(type, Category.SCO, required);
  }

  private static Builder of(String type, Category category, String... required) {
    Builder b = new Builder(category, required);
    TYPES.put(type, new TypeSpec(category, b.required, b.props));
    return b;
  }

  /** Fills one type's table in place. */
  private static final class Builder {
    final Set<String> required = new LinkedHashSet<>();
    final Map<String, PropKind> props = new LinkedHashMap<>();

    Builder(Category category, String... required) {
      this.required.addAll(Set.of(required));
      props.putAll(category == Category.SCO ? SCO_COMMON : SDO_COMMON);
    }

    Builder p(String name, PropKind kind) {
      props.put(name, kind);
      return this;
    }
  }
}
