package org.isachub.distribute.member;

import java.util.Objects;
import org.isachub.wire.avro.Clearance;

/**
 * An authenticated caller: which member, in which role, cleared for what, with which token.
 *
 * @param memberId the member id
 * @param role the member's role
 * @param clearance the highest TLP tier the member may receive
 * @param tokenId the public id of the token it presented
 */
public record Principal(String memberId, Role role, Clearance clearance, String tokenId) {

  /** Checks that nothing is missing. */
  public Principal {
    Objects.requireNonNull(memberId, "memberId");
    Objects.requireNonNull(role, "role");
    Objects.requireNonNull(clearance, "clearance");
    Objects.requireNonNull(tokenId, "tokenId");
  }
}
