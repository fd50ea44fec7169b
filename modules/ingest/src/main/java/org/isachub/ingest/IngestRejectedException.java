package org.isachub.ingest;

import org.jspecify.annotations.Nullable;

/**
 * The whole request was refused before any of its objects was accepted; nothing of it reached the
 * submission topics. When thrown by {@link Ingestor}, the request has been written to the
 * dead-letter topic with the same code and reason.
 */
public final class IngestRejectedException extends Exception {

  private static final long serialVersionUID = 1L;

  private final String code;
  private final String reason;
  private final RequestProblem problem;
  private final @Nullable String submissionId;

  /**
   * Creates the exception.
   *
   * @param code a stable code from {@link IngestCodes} or the readers' codes
   * @param reason what is wrong, in a sentence
   * @param problem the kind of fault, for the HTTP status
   * @param submissionId the submission id the dead letter carries, if one was written
   */
  public IngestRejectedException(
      String code, String reason, RequestProblem problem, @Nullable String submissionId) {
    super(code + ": " + reason);
    this.code = code;
    this.reason = reason;
    this.problem = problem;
    this.submissionId = submissionId;
  }

  /** Returns the stable code, e.g. {@code limit.request-bytes}. */
  public String code() {
    return code;
  }

  /** Returns the reason sentence. */
  public String reason() {
    return reason;
  }

  /** Returns the kind of fault. */
  public RequestProblem problem() {
    return problem;
  }

  /** Returns the submission id of the dead letter, or null when none was written. */
  public @Nullable String submissionId() {
    return submissionId;
  }

  /**
   * Returns a copy that names the submission id of the dead letter written for it.
   *
   * @param id the submission id
   * @return the copy
   */
  public IngestRejectedException withSubmissionId(String id) {
    return new IngestRejectedException(code, reason, problem, id);
  }
}
