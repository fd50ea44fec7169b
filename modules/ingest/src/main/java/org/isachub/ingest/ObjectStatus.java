package org.isachub.ingest;

/** What became of one object of a request. */
public enum ObjectStatus {
  /** Written to the submissions or sightings topic. */
  ACCEPTED,
  /** The same key from the same source earlier in the request: merged into it, sent once. */
  DUPLICATE,
  /** Refused; written to the dead-letter topic with its code and reason. */
  REJECTED
}
