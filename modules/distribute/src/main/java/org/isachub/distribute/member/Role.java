package org.isachub.distribute.member;

import java.util.Locale;

/** What an authenticated member may do on the hub's API; decided by its {@code MemberKind}. */
public enum Role {
  /** Operators: manage members and subscriptions. */
  ADMIN,
  /**
   * The analysis centre: publishes on behalf of granted sources, reads everything it is cleared
   * for.
   */
  ANALYST,
  /** State and local election offices. */
  MEMBER,
  /** Partner vendors. */
  VENDOR;

  /**
   * The role's name as the API and the documentation spell it.
   *
   * @return e.g. {@code admin}
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
