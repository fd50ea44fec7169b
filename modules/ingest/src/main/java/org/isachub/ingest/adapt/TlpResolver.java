package org.isachub.ingest.adapt;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;
import org.isachub.ingest.IngestCodes;
import org.isachub.stix.model.Tlp;
import org.jspecify.annotations.Nullable;

/**
 * Decides the TLP of one object: the strictest TLP among its object markings (standard TLP 2.0 and
 * 1.0 ids, or TLP marking-definitions in the same request), else the request's TLP, else the
 * source's default. A marking it cannot resolve refuses the object: guessing could show a RED
 * report to everyone.
 */
final class TlpResolver {

  private final Map<String, JsonNode> markings;

  /**
   * @param markings the marking-definition objects of the request, by id
   */
  TlpResolver(Map<String, JsonNode> markings) {
    this.markings = markings;
  }

  Tlp resolve(String objectId, List<String> markingRefs, @Nullable Tlp requestTlp, Tlp defaultTlp)
      throws Refusal {
    Tlp strictest = null;
    for (String ref : markingRefs) {
      Tlp level = levelOf(objectId, ref);
      if (level != null && (strictest == null || level.compareTo(strictest) > 0)) {
        strictest = level;
      }
    }
    if (strictest != null) {
      return strictest;
    }
    return requestTlp != null ? requestTlp : defaultTlp;
  }

  /** The level a marking stands for, or null for a marking that is not about TLP. */
  private @Nullable Tlp levelOf(String objectId, String ref) throws Refusal {
    var standard = Tlp.fromMarkingRef(ref);
    if (standard.isPresent()) {
      return standard.get();
    }
    JsonNode marking = markings.get(ref);
    if (marking == null) {
      throw new Refusal(
          IngestCodes.TLP_UNKNOWN_MARKING,
          objectId
              + " property object_marking_refs: "
              + ref
              + " is neither a standard TLP marking nor a marking-definition in this request");
    }
    String named = null;
    if ("tlp".equals(marking.path("definition_type").asText())) {
      named = marking.path("definition").path("tlp").asText("");
    }
    JsonNode tlp2 = marking.path("extensions").path(Tlp.TLP2_EXTENSION_ID).path("tlp_2_0");
    if (tlp2.isTextual()) {
      named = tlp2.asText();
    }
    if (named == null) {
      return null; // a statement or other non-TLP marking
    }
    try {
      return Tlp.fromName(named);
    } catch (IllegalArgumentException e) {
      throw new Refusal(
          IngestCodes.TLP_UNKNOWN_LEVEL,
          objectId
              + " property object_marking_refs: marking "
              + ref
              + " names TLP level '"
              + named
              + "', which does not exist");
    }
  }
}
