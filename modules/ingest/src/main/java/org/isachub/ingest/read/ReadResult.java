package org.isachub.ingest.read;

import java.util.List;

/**
 * What a reader made of one input.
 *
 * @param observables the observables read, in input order
 * @param rejections the parts refused, in input order
 * @param skipped how many parts were passed over on purpose (comments, blank lines, header lines,
 *     attribute types that carry no observable we map); counted, not rejected
 */
public record ReadResult(List<RawObservable> observables, List<Rejection> rejections, int skipped) {

  /** Takes immutable copies of the lists. */
  public ReadResult {
    observables = List.copyOf(observables);
    rejections = List.copyOf(rejections);
    if (skipped < 0) {
      throw new IllegalArgumentException("skipped must not be negative");
    }
  }

  /**
   * Counts the observables flagged as indicators.
   *
   * @return how many observables have {@link RawObservable#indicator()} set
   */
  public long indicatorCount() {
    return observables.stream().filter(RawObservable::indicator).count();
  }

  /**
   * Counts the context-only observables.
   *
   * @return how many observables have {@link RawObservable#indicator()} clear
   */
  public long contextCount() {
    return observables.size() - indicatorCount();
  }
}
