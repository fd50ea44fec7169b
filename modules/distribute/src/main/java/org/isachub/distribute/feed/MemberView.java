package org.isachub.distribute.feed;

import java.util.Optional;
import org.isachub.wire.avro.AudienceKind;
import org.isachub.wire.avro.AudienceView;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Member;

/**
 * Picks what one member may see of an indicator: its own recipient view when a submitter named it
 * on AMBER+STRICT or RED material (at its own clearance), else the view of its clearance tier. A
 * disabled member sees nothing.
 */
public final class MemberView {

  private MemberView() {}

  /**
   * The view a member may see.
   *
   * @param state the indicator state with its per-audience views
   * @param member the member
   * @return the view, or empty when the member may see nothing of the indicator
   */
  public static Optional<AudienceView> of(IndicatorState state, Member member) {
    if (!member.getEnabled()) {
      return Optional.empty();
    }
    AudienceView tier = null;
    for (AudienceView v : state.getViews()) {
      if (v.getTier() != member.getClearance()) {
        continue;
      }
      if (v.getAudience() == AudienceKind.RECIPIENT && member.getId().equals(v.getRecipient())) {
        return Optional.of(v);
      }
      if (v.getAudience() == AudienceKind.TIER) {
        tier = v;
      }
    }
    return Optional.ofNullable(tier);
  }

  /**
   * Tells whether a state names the member as a recipient at its clearance.
   *
   * @param state the state
   * @param member the member
   * @return true when the state holds a recipient view for it
   */
  public static boolean hasRecipientView(IndicatorState state, Member member) {
    for (AudienceView v : state.getViews()) {
      if (v.getAudience() == AudienceKind.RECIPIENT
          && member.getId().equals(v.getRecipient())
          && v.getTier() == member.getClearance()) {
        return true;
      }
    }
    return false;
  }
}
