package org.isachub.ingest;

/** Why a whole request was refused, as an HTTP layer maps it to a status. */
public enum RequestProblem {
  /** The input cannot be read (bad JSON, not a bundle, a missing CSV column): 400. */
  MALFORMED,
  /** The input exceeds a size limit (bytes, objects, depth, string length): 413. */
  TOO_LARGE,
  /** The content type or format names no adapter: 415. */
  UNSUPPORTED
}
