package org.isachub.ingest;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * The outcome of one object of a request.
 *
 * @param ref where the object was: its STIX id, or a location such as {@code line 17}
 * @param status accepted, duplicate or rejected
 * @param objectId the STIX id of the record written (the source's id, or the hub-authored id of a
 *     feed row); for a duplicate, the id of the object it was merged into; null when rejected
 * @param key the canonical key the object is filed under; null when rejected before it had one
 * @param code for a rejection, the stable code; null otherwise
 * @param reason for a rejection, the sentence naming object, property and rule; for a duplicate,
 *     what it was merged into; null when accepted
 */
public record ObjectOutcome(
    String ref,
    ObjectStatus status,
    @Nullable String objectId,
    @Nullable String key,
    @Nullable String code,
    @Nullable String reason) {

  /** Checks the fields. */
  public ObjectOutcome {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(status, "status");
    if ((status == ObjectStatus.REJECTED) != (code != null)) {
      throw new IllegalArgumentException("a code is given exactly for rejections");
    }
  }

  /** An accepted object. */
  public static ObjectOutcome accepted(String ref, String objectId, String key) {
    return new ObjectOutcome(ref, ObjectStatus.ACCEPTED, objectId, key, null, null);
  }

  /** A duplicate merged into {@code intoObjectId}. */
  public static ObjectOutcome duplicate(String ref, String intoObjectId, String key, String into) {
    return new ObjectOutcome(
        ref,
        ObjectStatus.DUPLICATE,
        intoObjectId,
        key,
        null,
        "same key " + key + " as " + into + " from the same source: merged, sent once");
  }

  /** A rejected object. */
  public static ObjectOutcome rejected(
      String ref, @Nullable String key, String code, String reason) {
    return new ObjectOutcome(ref, ObjectStatus.REJECTED, null, key, code, reason);
  }
}
