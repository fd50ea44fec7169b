package org.isachub.distribute.feed;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Subscription;

/**
 * Decides which members an indicator reaches and why: the members whose clearance lets them see it
 * and whose subscriptions match what they see. Plain logic over a {@link SubscriptionIndex}; the
 * topology turns the plan into feed entries.
 *
 * <p>Thread-safe.
 */
public final class FeedPlanner {

  /**
   * One member an indicator reaches.
   *
   * @param member the member
   * @param view what it may see
   * @param subscriptions ids of its subscriptions that matched, in index order
   */
  public record Match(Member member, AudienceView view, List<String> subscriptions) {}

  private FeedPlanner() {}

  /**
   * Every member an indicator reaches.
   *
   * @param state the indicator with its views
   * @param index the subscriptions
   * @return matches by member id
   */
  public static Map<String, Match> plan(IndicatorState state, SubscriptionIndex index) {
    Map<String, Match> out = new LinkedHashMap<>();
    for (AudienceView v : state.getViews()) {
      if (v.getAudience() != AudienceKind.RECIPIENT || v.getRecipient() == null) {
        continue;
      }
      Member m = index.member(v.getRecipient());
      if (m != null && m.getEnabled() && v.getTier() == m.getClearance()) {
        match(state, v, m, index.ofMember(m.getId()), out);
      }
    }
    for (AudienceView v : state.getViews()) {
      if (v.getAudience() != AudienceKind.TIER) {
        continue;
      }
      List<Subscription> candidates =
          index.candidates(state.getObservableType(), v.getTier(), v.getScore().getValue());
      for (Subscription sub : candidates) {
        Member m = index.member(sub.getMember());
        // The index holds only enabled members, bucketed by clearance, so this view is theirs,
        // unless a submitter named them and they get their own recipient view instead.
        if (m == null || MemberView.hasRecipientView(state, m)) {
          continue;
        }
        if (SubscriptionFilter.matches(sub, state, v)) {
          out.computeIfAbsent(m.getId(), k -> new Match(m, v, new ArrayList<>()))
              .subscriptions()
              .add(sub.getId());
        }
      }
    }
    return out;
  }

  /**
   * The members among some that an indicator reaches (after their subscriptions or clearance
   * changed).
   *
   * @param state the indicator
   * @param index the subscriptions
   * @param memberIds the members to consider
   * @return matches by member id
   */
  public static Map<String, Match> plan(
      IndicatorState state, SubscriptionIndex index, Collection<String> memberIds) {
    Map<String, Match> out = new LinkedHashMap<>();
    for (String id : memberIds) {
      Member m = index.member(id);
      if (m == null) {
        continue;
      }
      Optional<AudienceView> view = MemberView.of(state, m);
      view.ifPresent(v -> match(state, v, m, index.ofMember(id), out));
    }
    return out;
  }

  /**
   * Explains for one member whether an indicator would reach it, for the "who would receive this?"
   * check.
   *
   * @param state the indicator
   * @param index the subscriptions
   * @param member the member
   * @return a sentence: the matching subscriptions, or the reason it does not reach the member
   */
  public static String explain(IndicatorState state, SubscriptionIndex index, Member member) {
    if (!member.getEnabled()) {
      return "member is disabled";
    }
    Optional<AudienceView> view = MemberView.of(state, member);
    if (view.isEmpty()) {
      return "nothing of it is visible at clearance " + member.getClearance();
    }
    List<Subscription> subs = index.ofMember(member.getId());
    if (subs.isEmpty()) {
      return "member has no enabled subscription";
    }
    List<String> matched = new ArrayList<>();
    for (Subscription s : subs) {
      if (SubscriptionFilter.matches(s, state, view.get())) {
        matched.add(s.getId());
      }
    }
    if (matched.isEmpty()) {
      return "no subscription matches its view (decision "
          + view.get().getDecision()
          + ", score "
          + Math.round(view.get().getScore().getValue())
          + ", type "
          + state.getObservableType()
          + ")";
    }
    return "matched by " + String.join(", ", matched) + " at " + view.get().getTlp();
  }

  private static void match(
      IndicatorState state,
      AudienceView view,
      Member m,
      List<Subscription> subs,
      Map<String, Match> out) {
    List<String> matched = new ArrayList<>();
    for (Subscription s : subs) {
      if (SubscriptionFilter.matches(s, state, view)) {
        matched.add(s.getId());
      }
    }
    if (!matched.isEmpty()) {
      out.put(m.getId(), new Match(m, view, matched));
    }
  }
}
