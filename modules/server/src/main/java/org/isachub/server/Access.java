package org.isachub.server;

import io.javalin.security.RouteRole;
import java.util.Set;
import org.isachub.distribute.member.Role;
import org.jspecify.annotations.Nullable;

/**
 * Who may call a route, given as the route's roles when it is registered. A route with no roles is
 * open to every authenticated member; {@link #PUBLIC} opens it to everyone without credentials
 * (only {@code /health} does that today); any other roles restrict it to members in them.
 *
 * <pre>{@code
 * routes.get("/api/v1/admin/members", this::list, Access.ADMIN);
 * routes.get("/api/v1/me", this::me);                 // any authenticated member
 * }</pre>
 */
public enum Access implements RouteRole {
  /** No authentication at all. */
  PUBLIC(null),
  /** Operators. */
  ADMIN(Role.ADMIN),
  /** The analysis centre. */
  ANALYST(Role.ANALYST),
  /** State and local offices. */
  MEMBER(Role.MEMBER),
  /** Partner vendors. */
  VENDOR(Role.VENDOR);

  private final @Nullable Role role;

  Access(@Nullable Role role) {
    this.role = role;
  }

  /**
   * Tells whether a role is let in by a route's roles.
   *
   * @param routeRoles the route's roles (none means any authenticated member)
   * @param role the caller's role
   * @return true if the caller may call the route
   */
  public static boolean allows(Set<RouteRole> routeRoles, Role role) {
    if (routeRoles.isEmpty()) {
      return true;
    }
    for (RouteRole r : routeRoles) {
      if (r == PUBLIC || (r instanceof Access a && a.role == role)) {
        return true;
      }
    }
    return false;
  }
}
