package org.isachub.distribute.member;

import org.jspecify.annotations.Nullable;

/**
 * The outcome of authenticating a credential: a principal, or why not.
 *
 * @param principal who the caller is, when authenticated
 * @param failure why the caller is not authenticated, when not
 * @param claimedMember the member id the credential named or matched, if any (for the audit trail;
 *     never proof of identity)
 */
public record AuthResult(
    @Nullable Principal principal, @Nullable Failure failure, @Nullable String claimedMember) {

  /** Why a credential was refused. The caller is told only "unauthorized"; the audit trail more. */
  public enum Failure {
    /** The credential is not shaped like a token or a member id. */
    MALFORMED,
    /** No member holds a token with this hash. */
    UNKNOWN_TOKEN,
    /** No member has the id given with the token. */
    UNKNOWN_MEMBER,
    /** The member exists, but the token is not one of its tokens. */
    WRONG_TOKEN,
    /** The token was revoked. */
    REVOKED,
    /** The token has expired. */
    EXPIRED,
    /** The member is disabled. */
    DISABLED,
    /** The directory has not yet read the members topic to its end. */
    NOT_READY;

    /**
     * The reason as the audit trail spells it.
     *
     * @return e.g. {@code unknown-token}
     */
    public String wireName() {
      return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
  }

  /** Checks that exactly one of principal and failure is present. */
  public AuthResult {
    if ((principal == null) == (failure == null)) {
      throw new IllegalArgumentException("exactly one of principal and failure must be given");
    }
  }

  /**
   * A successful authentication.
   *
   * @param principal the caller
   * @return the result
   */
  public static AuthResult success(Principal principal) {
    return new AuthResult(principal, null, principal.memberId());
  }

  /**
   * A refused credential.
   *
   * @param failure why
   * @param claimedMember the member it named or matched, if any
   * @return the result
   */
  public static AuthResult failure(Failure failure, @Nullable String claimedMember) {
    return new AuthResult(null, failure, claimedMember);
  }

  /**
   * Tells whether the caller is authenticated.
   *
   * @return true with a principal
   */
  public boolean ok() {
    return principal != null;
  }
}
