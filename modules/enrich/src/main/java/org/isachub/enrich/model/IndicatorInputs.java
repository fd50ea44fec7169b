package org.isachub.enrich.model;

import java.util.List;
import java.util.function.Predicate;

/**
 * Everything the enrich stage has merged for one canonical key: all contributions and sightings.
 *
 * @param key the canonical observable key, e.g. {@code ipv4-addr:198.51.100.7}
 * @param contributions every source's contribution, withdrawn ones included
 * @param sightings every sighting report
 */
public record IndicatorInputs(
    String key, List<Contribution> contributions, List<Sighting> sightings) {

  /** Validates the key and copies the lists. */
  public IndicatorInputs {
    ObservableKey.parse(key);
    contributions = List.copyOf(contributions);
    sightings = List.copyOf(sightings);
  }

  /** The observable type of the key, e.g. {@code file} for {@code file:sha256:…}. */
  public String observableType() {
    return ObservableKey.parse(key).type();
  }

  /** The same key with only the contributions and sightings the predicates accept. */
  public IndicatorInputs filter(
      Predicate<Contribution> keepContribution, Predicate<Sighting> keepSighting) {
    return new IndicatorInputs(
        key,
        contributions.stream().filter(keepContribution).toList(),
        sightings.stream().filter(keepSighting).toList());
  }
}
