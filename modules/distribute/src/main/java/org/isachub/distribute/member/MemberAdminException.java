package org.isachub.distribute.member;

/**
 * An administrative request was refused. The message is meant for the person who made the request:
 * it names the field and the problem and reveals nothing internal.
 */
public final class MemberAdminException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Why a request was refused. */
  public enum Reason {
    /** The request is malformed or a value is out of range. */
    INVALID,
    /** The member or subscription does not exist. */
    NOT_FOUND,
    /** It exists already, or conflicts with what exists. */
    CONFLICT,
    /** The caller may not touch it. */
    FORBIDDEN,
    /** Kafka did not acknowledge the write in time. */
    UNAVAILABLE
  }

  private final Reason reason;

  /**
   * Creates the exception.
   *
   * @param reason why
   * @param message what, for the requester
   */
  public MemberAdminException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  /**
   * Why the request was refused.
   *
   * @return the reason
   */
  public Reason reason() {
    return reason;
  }
}
