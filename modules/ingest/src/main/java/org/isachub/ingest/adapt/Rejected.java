package org.isachub.ingest.adapt;

import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One object an adapter refused, with everything its dead letter needs.
 *
 * @param ref the object's STIX id or its location in the input ({@code line 17}, {@code
 *     objects[3]})
 * @param objectId the STIX id, when the object had one
 * @param key the canonical key, when one was derived before the refusal
 * @param code the stable reason code
 * @param reason the sentence naming object, property and rule
 * @param original the object's original text (for feed rows, the start of the line)
 */
public record Rejected(
    String ref,
    @Nullable String objectId,
    @Nullable String key,
    String code,
    String reason,
    String original) {

  /** Checks the fields. */
  public Rejected {
    Objects.requireNonNull(ref, "ref");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(reason, "reason");
    Objects.requireNonNull(original, "original");
  }
}
