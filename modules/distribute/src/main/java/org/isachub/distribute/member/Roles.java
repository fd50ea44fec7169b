package org.isachub.distribute.member;

import org.isachub.wire.avro.MemberKind;

/** Maps a member's kind to its role. */
public final class Roles {

  private Roles() {}

  /**
   * The role of a kind of member.
   *
   * @param kind the member's kind
   * @return {@code admin}, {@code analyst}, {@code member} (state and local offices) or {@code
   *     vendor}
   */
  public static Role of(MemberKind kind) {
    return switch (kind) {
      case ADMIN -> Role.ADMIN;
      case ANALYST -> Role.ANALYST;
      case STATE, LOCAL -> Role.MEMBER;
      case VENDOR -> Role.VENDOR;
    };
  }
}
