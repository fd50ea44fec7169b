package org.isachub.distribute.feed;

import java.util.List;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Subscription;

/**
 * Whether one subscription wants one indicator, as its member may see it. Empty lists in a
 * subscription mean "any". EXPIRED and REVOKED never match: for a subscriber they are withdrawals.
 */
public final class SubscriptionFilter {

  private SubscriptionFilter() {}

  /**
   * Tests a subscription against the member's view of an indicator.
   *
   * @param sub the subscription (its member's clearance was already applied by choosing the view)
   * @param state the indicator
   * @param view what the member may see of it
   * @return true when the subscription matches
   */
  public static boolean matches(Subscription sub, IndicatorState state, AudienceView view) {
    if (!sub.getEnabled()) {
      return false;
    }
    Decision decision = view.getDecision();
    if (decision == Decision.EXPIRED || decision == Decision.REVOKED) {
      return false;
    }
    if (!sub.getDecisions().contains(decision)) {
      return false;
    }
    if (view.getScore().getValue() < sub.getMinScore()) {
      return false;
    }
    if (!sub.getObservableTypes().isEmpty()
        && !sub.getObservableTypes().contains(state.getObservableType())) {
      return false;
    }
    if (!anyOrIntersects(sub.getLabels(), view.getLabels())) {
      return false;
    }
    if (!anyOrIntersects(sub.getKillChainPhases(), view.getKillChainPhases())) {
      return false;
    }
    if (!anyOrIntersects(sub.getSourcesInclude(), view.getSources())) {
      return false;
    }
    if (!sub.getSourcesExclude().isEmpty()
        && sub.getSourcesExclude().containsAll(view.getSources())) {
      // Every visible source is one the member ignores.
      return false;
    }
    return inScope(sub.getJurisdictions(), view.getJurisdictions());
  }

  /**
   * Whether an indicator's jurisdictions fall in a subscription's scope. An indicator with no
   * jurisdiction concerns everyone; otherwise a scope matches the same jurisdiction, one inside it
   * ({@code US-PA} covers {@code US-PA-Dauphin}) or one containing it (a state-wide indicator
   * concerns every county in the state).
   *
   * @param scope the subscription's jurisdictions (empty: any)
   * @param concerns the indicator's jurisdictions (empty: everywhere)
   * @return true when in scope
   */
  public static boolean inScope(List<String> scope, List<String> concerns) {
    if (scope.isEmpty() || concerns.isEmpty()) {
      return true;
    }
    for (String s : scope) {
      for (String j : concerns) {
        if (j.equals(s) || j.startsWith(s + "-") || s.startsWith(j + "-")) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean anyOrIntersects(List<String> wanted, List<String> present) {
    if (wanted.isEmpty()) {
      return true;
    }
    for (String w : wanted) {
      if (present.contains(w)) {
        return true;
      }
    }
    return false;
  }
}
