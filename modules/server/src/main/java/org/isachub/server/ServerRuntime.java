package org.isachub.server;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.isachub.distribute.member.AuditLog;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberDirectory;
import org.isachub.server.admin.AccountModule;
import org.isachub.server.admin.AdminModule;
import org.isachub.server.auth.Authenticator;
import org.isachub.server.auth.FailureLimiter;
import org.isachub.server.internal.KafkaProbe;
import org.jspecify.annotations.Nullable;

/**
 * The server role of a hub process, assembled: the member directory, the audit log, the admin
 * writer, the Kafka probe and the {@link HubServer} with the admin and account routes plus any
 * further modules. Start once, close once.
 *
 * <p>Not thread-safe, except that {@link #close()} may be called from a shutdown hook.
 */
public final class ServerRuntime implements AutoCloseable {

  /** Most remote addresses whose failed attempts are tracked one by one. */
  private static final int MAX_TRACKED_ADDRESSES = 100_000;

  private final MemberDirectory directory;
  private final AuditLog audit;
  private final MemberAdmin admin;
  private final KafkaProbe probe;
  private final HubServer server;
  private final ServerContext context;
  private boolean closed;

  /**
   * Assembles the server role; nothing runs until {@link #start()}.
   *
   * @param config the server configuration
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param metrics the meter registry
   * @param clock the time source
   * @param extraModules route groups beyond the admin and account routes
   */
  public ServerRuntime(
      ServerConfig config,
      Map<String, Object> kafka,
      MeterRegistry metrics,
      Clock clock,
      List<ServerModule> extraModules) {
    this(config, kafka, metrics, clock, extraModules, new Health());
  }

  /**
   * Assembles the server role with a health registry shared with other parts of the process, so
   * that {@code /health} also reports their checks (e.g. the Streams stages).
   *
   * @param config the server configuration
   * @param kafka Kafka client settings (bootstrap servers and pass-through settings)
   * @param metrics the meter registry
   * @param clock the time source
   * @param extraModules route groups beyond the admin and account routes
   * @param health the checks {@code /health} reports; the server adds {@code members} and {@code
   *     kafka}
   */
  public ServerRuntime(
      ServerConfig config,
      Map<String, Object> kafka,
      MeterRegistry metrics,
      Clock clock,
      List<ServerModule> extraModules,
      Health health) {
    String instance = "isachub-server-" + UUID.randomUUID().toString().substring(0, 8);
    Duration timeout = Duration.ofMillis(config.getLong(ServerConfig.KAFKA_TIMEOUT_MS_CONFIG));
    this.directory = new MemberDirectory(kafka, instance + "-directory");
    this.audit = new AuditLog(kafka, instance + "-audit");
    this.admin = new MemberAdmin(kafka, instance + "-admin", directory, audit, clock, timeout);
    this.probe = new KafkaProbe(kafka, instance + "-probe");
    health.register("members", directory::isReady);
    health.register("kafka", probe::reachable);
    this.context =
        new ServerContext(
            config, directory, admin, audit, jsonMapper(), clock, metrics, kafka, health);
    ServerMetrics serverMetrics = new ServerMetrics(metrics);
    FailureLimiter limiter =
        new FailureLimiter(
            config.getInt(ServerConfig.AUTH_FAILURE_BURST_CONFIG),
            config.getDouble(ServerConfig.AUTH_FAILURE_PER_MINUTE_CONFIG),
            System::nanoTime,
            MAX_TRACKED_ADDRESSES);
    Authenticator authenticator =
        new Authenticator(directory, limiter, audit, serverMetrics, clock);
    List<ServerModule> modules = new ArrayList<>();
    modules.add(new AdminModule());
    modules.add(new AccountModule());
    modules.addAll(extraModules);
    this.server = new HubServer(context, authenticator, serverMetrics, modules);
  }

  /**
   * The JSON mapper the server reads and writes with: limits on nesting, numbers and strings so
   * that a hostile body cannot exhaust memory or time.
   *
   * @return a new mapper
   */
  public static ObjectMapper jsonMapper() {
    JsonMapper mapper = JsonMapper.builder().build();
    mapper
        .getFactory()
        .setStreamReadConstraints(
            StreamReadConstraints.builder()
                .maxNestingDepth(64)
                .maxNumberLength(64)
                .maxStringLength(1_000_000)
                .maxNameLength(1_000)
                .build());
    return mapper;
  }

  /**
   * Starts the directory, then the HTTP server. Requests that need credentials get 503 until the
   * directory has caught up; {@code /health} says when it has.
   *
   * @throws Exception if the server cannot listen
   */
  public void start() throws Exception {
    try {
      directory.start();
      server.start();
    } catch (Exception | Error e) {
      close();
      throw e;
    }
  }

  /**
   * The server's base address.
   *
   * @return e.g. {@code http://127.0.0.1:8080/}
   */
  public URI baseUri() {
    return server.baseUri();
  }

  /**
   * What the modules share, for tests and embedding.
   *
   * @return the context
   */
  public ServerContext context() {
    return context;
  }

  /** Stops the server, then the Kafka clients. Safe to call twice. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    server.close();
    closeQuietly(admin);
    closeQuietly(audit);
    closeQuietly(probe);
    closeQuietly(directory);
  }

  private static void closeQuietly(@Nullable AutoCloseable c) {
    if (c == null) {
      return;
    }
    try {
      c.close();
    } catch (Exception e) {
      // Closing is best effort; each client logs its own trouble.
    }
  }
}
