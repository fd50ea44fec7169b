package org.isachub.stix.model;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A STIX cyber-observable object (SCO): a fact about a network or host artefact. */
public abstract class CyberObservable extends StixObject {

  CyberObservable(ObjectNode node) {
    super(node);
  }

  /** Returns whether the object is defanged; false when absent. */
  public boolean defanged() {
    return bool("defanged").orElse(false);
  }

  /** Returns the {@code value} property that most observables key on, if present. */
  public Optional<String> value() {
    return string("value");
  }
}
