package org.isachub.ingest.read;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One observable as a feed gave it, before canonicalisation: the raw value is kept exactly as read
 * (defanged forms included) so the canonicaliser and the dead-letter record see the original.
 *
 * @param type the type the input states or implies, or {@code null} to detect it from the value
 * @param value the raw value, never empty, not canonicalised
 * @param firstSeen when the source first saw it, if it says
 * @param lastSeen when the source last saw it, if it says
 * @param labels free-form labels and tags, in input order, without duplicates
 * @param confidence the source's confidence 0-100, if it says
 * @param tlp the TLP level the input suggests, if any
 * @param indicator {@code true} for an indicator to act on, {@code false} for context only
 * @param location where in the input it came from, e.g. {@code line 17} or {@code attribute 5c1f…}
 * @param context small extra facts from the input (malware family, port, reporter, …)
 */
public record RawObservable(
    @Nullable ObservableType type,
    String value,
    @Nullable Instant firstSeen,
    @Nullable Instant lastSeen,
    List<String> labels,
    @Nullable Integer confidence,
    @Nullable TlpHint tlp,
    boolean indicator,
    String location,
    Map<String, String> context) {

  /** Checks the invariants and takes immutable copies of the collections. */
  public RawObservable {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(location, "location");
    if (value.isEmpty()) {
      throw new IllegalArgumentException("value must not be empty");
    }
    if (confidence != null && (confidence < 0 || confidence > 100)) {
      throw new IllegalArgumentException("confidence must be 0-100, was " + confidence);
    }
    labels = List.copyOf(labels);
    context = Map.copyOf(context);
  }
}
