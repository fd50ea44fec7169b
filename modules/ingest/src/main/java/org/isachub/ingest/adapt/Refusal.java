package org.isachub.ingest.adapt;

/** An object refused while adapting it; becomes a {@link Rejected}. */
final class Refusal extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String reason;

  Refusal(String code, String reason) {
    super(code + ": " + reason, null, false, false);
    this.code = code;
    this.reason = reason;
  }

  String code() {
    return code;
  }

  String reason() {
    return reason;
  }
}
