package org.isachub.server;

import io.javalin.config.RoutesConfig;

/**
 * A group of HTTP routes that plugs into the {@link HubServer}: the admin API, and later
 * submissions, TAXII, blocklists and the portal.
 *
 * <p>Every route requires authentication unless it is registered with {@link Access#PUBLIC}; give
 * roles to restrict it further (see {@link Access}). Handlers read the caller with {@link
 * Requests#principal(io.javalin.http.Context)}, read JSON bodies with {@link
 * Requests#jsonBody(io.javalin.http.Context, ServerContext)} (which enforces the content type and
 * the size limit), and refuse requests by throwing {@link ApiError}; anything else they throw
 * becomes a 500 that reveals nothing.
 */
@FunctionalInterface
public interface ServerModule {

  /**
   * Registers the module's routes.
   *
   * @param routes the server's route table
   * @param context what routes may use
   */
  void register(RoutesConfig routes, ServerContext context);
}
