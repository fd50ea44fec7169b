package org.isachub.distribute.member;

import java.util.Objects;
import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.MemberKind;
import org.jspecify.annotations.Nullable;

/**
 * What an administrator gives to add a member; checked by {@link Validation#member(MemberSpec)}.
 *
 * @param id the member id (lower-case letters, digits and '-')
 * @param displayName the name shown to people
 * @param kind state, local, vendor, analyst or admin
 * @param jurisdiction e.g. {@code US-PA} or {@code US-PA-Dauphin}; null for national members
 * @param clearance the highest TLP tier it may receive
 * @param anonymous whether its contributions are shown to others only as "a member"
 */
public record MemberSpec(
    String id,
    String displayName,
    MemberKind kind,
    @Nullable String jurisdiction,
    Clearance clearance,
    boolean anonymous) {

  /** Checks that nothing required is missing. */
  public MemberSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(clearance, "clearance");
  }
}
