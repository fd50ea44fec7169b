package org.isachub.server;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import java.net.URI;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.isachub.distribute.member.Principal;
import org.isachub.server.auth.Authenticator;
import org.isachub.server.internal.ErrorResponses;
import org.isachub.server.internal.JsonErrorHandler;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hub's HTTP server (Javalin on Jetty): one connector, HTTPS when a keystore is configured,
 * request and header limits and timeouts, authentication on every route except {@code /health},
 * role checks, JSON error answers, and the routes of its {@link ServerModule}s.
 *
 * <p>Start once, close once; {@link #close()} may be called from another thread.
 */
public final class HubServer implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(HubServer.class);

  private final ServerContext context;
  private final Authenticator authenticator;
  private final List<ServerModule> modules;
  private final ServerMetrics metrics;
  private @Nullable Javalin app;
  private @Nullable ServerConnector connector;

  /**
   * Creates a server that is not yet started.
   *
   * @param context what the modules share
   * @param authenticator checks credentials
   * @param metrics where errors are counted
   * @param modules the route groups, registered in order
   */
  public HubServer(
      ServerContext context,
      Authenticator authenticator,
      ServerMetrics metrics,
      List<ServerModule> modules) {
    this.context = context;
    this.authenticator = authenticator;
    this.metrics = metrics;
    this.modules = List.copyOf(modules);
  }

  /**
   * Starts listening.
   *
   * @return this server
   */
  public synchronized HubServer start() {
    ServerConfig config = context.config();
    long maxBytes = config.getLong(ServerConfig.MAX_REQUEST_BYTES_CONFIG);
    app =
        Javalin.create(
                cfg -> {
                  cfg.startup.showJavalinBanner = false;
                  cfg.startup.showOldJavalinVersionWarning = false;
                  cfg.http.maxRequestSize = maxBytes;
                  cfg.http.prefer405over404 = true;
                  cfg.jsonMapper(new JavalinJackson(context.json(), false));
                  cfg.jetty.modifyServer(s -> s.setErrorHandler(new JsonErrorHandler(maxBytes)));
                  cfg.jetty.addConnector(this::connector);
                  cfg.routes.before(ctx -> guard(ctx, maxBytes));
                  cfg.routes.beforeMatched(this::authenticate);
                  cfg.routes.get("/health", this::health, Access.PUBLIC);
                  for (ServerModule module : modules) {
                    module.register(cfg.routes, context);
                  }
                  ErrorResponses.install(cfg.routes, context.json(), metrics, maxBytes);
                })
            .start();
    LOG.info("event=http-started url={}", baseUri());
    return this;
  }

  /**
   * The port the server listens on.
   *
   * @return the bound port
   * @throws IllegalStateException if not started
   */
  public int port() {
    ServerConnector c = connector;
    if (c == null) {
      throw new IllegalStateException("not started");
    }
    return c.getLocalPort();
  }

  /**
   * The server's base address.
   *
   * @return e.g. {@code http://127.0.0.1:8080/}
   */
  public URI baseUri() {
    String host = context.config().getString(ServerConfig.HOST_CONFIG);
    if (host.contains(":")) {
      host = "[" + host + "]";
    }
    return URI.create(
        (context.config().tls() ? "https" : "http") + "://" + host + ":" + port() + "/");
  }

  private Connector connector(Server server, HttpConfiguration http) {
    ServerConfig config = context.config();
    http.setRequestHeaderSize(config.getInt(ServerConfig.MAX_HEADER_BYTES_CONFIG));
    // Say nothing about the software behind the hub.
    http.setSendServerVersion(false);
    http.setSendXPoweredBy(false);
    http.setMinRequestDataRate(config.getLong(ServerConfig.MIN_REQUEST_RATE_CONFIG));
    http.setMinResponseDataRate(config.getLong(ServerConfig.MIN_RESPONSE_RATE_CONFIG));
    ServerConnector c;
    if (config.tls()) {
      SslContextFactory.Server tls = new SslContextFactory.Server();
      tls.setKeyStorePath(config.getString(ServerConfig.KEYSTORE_PATH_CONFIG));
      String password = config.keystorePassword();
      if (password != null) {
        tls.setKeyStorePassword(password);
      }
      tls.setKeyStoreType(config.getString(ServerConfig.KEYSTORE_TYPE_CONFIG));
      tls.setIncludeProtocols("TLSv1.3", "TLSv1.2");
      HttpConfiguration https = new HttpConfiguration(http);
      SecureRequestCustomizer secure = new SecureRequestCustomizer();
      // Members reach the hub by address as often as by name; the certificate still decides.
      secure.setSniHostCheck(false);
      secure.setStsMaxAge(365L * 24 * 3600);
      https.addCustomizer(secure);
      c =
          new ServerConnector(
              server, new SslConnectionFactory(tls, "http/1.1"), new HttpConnectionFactory(https));
    } else {
      c = new ServerConnector(server, new HttpConnectionFactory(http));
    }
    c.setHost(config.getString(ServerConfig.HOST_CONFIG));
    c.setPort(config.getInt(ServerConfig.PORT_CONFIG));
    c.setIdleTimeout(config.getLong(ServerConfig.IDLE_TIMEOUT_MS_CONFIG));
    connector = c;
    return c;
  }

  /** Runs before every request: refuses declared oversized bodies before anything is read. */
  private void guard(Context ctx, long maxBytes) {
    ctx.header("X-Content-Type-Options", "nosniff");
    if (ctx.path().startsWith("/api/")) {
      ctx.header("Cache-Control", "no-store");
    }
    String length = ctx.header("Content-Length");
    if (length != null) {
      long declared;
      try {
        declared = Long.parseLong(length.strip());
      } catch (NumberFormatException e) {
        throw ApiError.badRequest("Content-Length is not a number");
      }
      if (declared > maxBytes) {
        // Read and drop a modestly oversized body first: answering while the client still sends
        // makes the connection reset and the client may never see the 413. Beyond the bound the
        // answer goes out at once and the connection closes.
        if (declared <= drainLimit(maxBytes)) {
          try (java.io.InputStream in = ctx.req().getInputStream()) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
          } catch (java.io.IOException | RuntimeException e) {
            // The client went away: nothing more to read.
          }
        }
        ctx.header("Connection", "close");
        throw new ApiError(413, "the request body is larger than " + maxBytes + " bytes");
      }
    }
  }

  private static long drainLimit(long maxBytes) {
    return Math.min(64L * 1024 * 1024, Math.max(1024 * 1024, maxBytes * 4));
  }

  /** Runs before every matched route: authentication and role check, unless public. */
  private void authenticate(Context ctx) {
    java.util.Set<RouteRole> roles = ctx.routeRoles();
    if (roles.contains(Access.PUBLIC)) {
      return;
    }
    Principal principal = authenticator.authenticate(ctx);
    ctx.attribute(Requests.PRINCIPAL_ATTRIBUTE, principal);
    if (!Access.allows(roles, principal.role())) {
      throw ApiError.forbidden("the " + principal.role().wireName() + " role may not do this");
    }
  }

  private void health(Context ctx) {
    Map<String, Boolean> checks = context.health().evaluate();
    boolean ready = !checks.containsValue(Boolean.FALSE);
    ObjectNode body = context.json().createObjectNode();
    body.put("status", ready ? "ready" : "not-ready");
    body.put("live", true);
    ObjectNode detail = body.putObject("checks");
    checks.forEach((name, ok) -> detail.put(name, ok ? "ready" : "not-ready"));
    ctx.header("Cache-Control", "no-store");
    ctx.status(ready ? 200 : 503);
    ctx.contentType("application/json");
    ctx.result(body.toString());
  }

  /** Stops listening and waits for requests in flight. Safe to call twice. */
  @Override
  public synchronized void close() {
    Javalin a = app;
    app = null;
    if (a != null) {
      a.stop();
      LOG.info("event=http-stopped");
    }
  }
}
