package org.isachub.distribute.member;

import java.util.Objects;

/**
 * Who makes an administrative change, and through which channel, for the audit trail.
 *
 * @param id a member id, or a description such as {@code cli:alice} or {@code demo-seed}
 * @param channel {@code api} or {@code cli}
 */
public record Actor(String id, String channel) {

  /** Checks that nothing is missing. */
  public Actor {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
  }
}
