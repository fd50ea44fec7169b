package org.isachub.ingest.adapt;

import java.util.Optional;

/**
 * Resolves the id of an indicator the hub already holds to its canonical key, so a sighting of an
 * indicator that is not in the same request can be filed under the right key.
 *
 * <p>Implementations must be thread-safe.
 */
@FunctionalInterface
public interface IndicatorIndex {

  /** An index that knows no indicator. */
  IndicatorIndex EMPTY = id -> Optional.empty();

  /**
   * Looks an indicator id up.
   *
   * @param indicatorId a STIX indicator id: the hub's id, or an id a source used
   * @return the canonical key, or empty when the hub does not know the id
   */
  Optional<String> keyOf(String indicatorId);
}
