package org.isachub.distribute.feed;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.isachub.stix.model.IndicatorBuilder;
import org.isachub.stix.model.StixIds;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.IndicatorState;

/**
 * Renders an indicator as one member may see it: a STIX 2.1 indicator with the hub's deterministic
 * id, the score as {@code confidence}, the TLP marking of what the member sees, the visible sources
 * (anonymous ones as "a member"), and the score's components; for a withdrawal the same object with
 * {@code revoked: true}.
 *
 * <p>Thread-safe.
 */
public final class FeedRenderer {

  /** Deterministic id of the hub's own identity, the {@code created_by_ref} of what it authors. */
  public static final String HUB_IDENTITY = StixIds.deterministic("identity", "isachub");

  private FeedRenderer() {}

  /**
   * Renders the member's view.
   *
   * @param state the indicator
   * @param view what the member may see of it
   * @param revoked true for a withdrawal
   * @param modified the version time of this rendering
   * @return the STIX object as JSON
   */
  public static ObjectNode render(
      IndicatorState state, AudienceView view, boolean revoked, Instant modified) {
    Instant created = state.getCreated();
    Instant validFrom = state.getValidFrom();
    IndicatorBuilder b =
        IndicatorBuilder.forKey(state.getKey())
            .pattern(state.getPattern())
            .name(state.getObservableType() + " " + state.getValue())
            .created(created)
            .modified(modified.isBefore(created) ? created : modified)
            .validFrom(validFrom)
            .confidence((int) Math.round(Math.max(0, Math.min(100, view.getScore().getValue()))))
            .createdByRef(HUB_IDENTITY)
            .tlp(Tlp.valueOf(view.getTlp().name()))
            .revoked(revoked);
    if (state.getValidUntil() != null && state.getValidUntil().isAfter(validFrom)) {
      b.validUntil(state.getValidUntil());
    }
    for (String label : view.getLabels()) {
      b.label(label);
    }
    for (String phase : view.getKillChainPhases()) {
      int colon = phase.indexOf(':');
      if (colon > 0 && colon < phase.length() - 1) {
        b.killChainPhase(phase.substring(0, colon), phase.substring(colon + 1));
      }
    }
    ObjectNode json = b.build().toJson();
    ArrayNode sources = json.putArray("x_isachub_sources");
    view.getSources().forEach(sources::add);
    json.put("x_isachub_decision", view.getDecision().name());
    json.put("x_isachub_sightings", view.getSightingCount());
    json.put("x_isachub_false_positives", view.getFalsePositiveCount());
    ObjectNode score = json.putObject("x_isachub_score");
    score.put("model_version", view.getScore().getModelVersion());
    score.put("value", view.getScore().getValue());
    score.put("corroboration", view.getScore().getCorroboration());
    score.put("sighting_factor", view.getScore().getSightingFactor());
    score.put("false_positive_factor", view.getScore().getFalsePositiveFactor());
    score.put("base", view.getScore().getBase());
    score.put("decay", view.getScore().getDecay());
    score.put("lifetime_days", view.getScore().getLifetimeDays());
    score.put("decay_speed", view.getScore().getDecaySpeed());
    score.put("reference_time", view.getScore().getReferenceTime().toString());
    if (!view.getJurisdictions().isEmpty()) {
      ArrayNode j = json.putArray("x_isachub_jurisdictions");
      view.getJurisdictions().forEach(j::add);
    }
    return json;
  }
}
