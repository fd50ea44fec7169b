package org.isachub.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Map;
import org.isachub.distribute.member.AuditLog;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberDirectory;

/**
 * What the server's modules share: configuration, the member directory and admin writer, the audit
 * log, the JSON mapper, the clock, metrics, Kafka client settings and the health checks.
 *
 * @param config the server configuration
 * @param directory members and subscriptions, kept current
 * @param admin the administrative writer
 * @param audit the audit log
 * @param json the JSON mapper, with read limits
 * @param clock the time source
 * @param metrics the meter registry
 * @param kafka Kafka client settings for modules that need their own clients
 * @param health the health checks {@code /health} reports; modules may add theirs
 */
public record ServerContext(
    ServerConfig config,
    MemberDirectory directory,
    MemberAdmin admin,
    AuditLog audit,
    ObjectMapper json,
    Clock clock,
    MeterRegistry metrics,
    Map<String, Object> kafka,
    Health health) {

  /** Copies the Kafka settings. */
  public ServerContext {
    kafka = Map.copyOf(kafka);
  }
}
