package org.isachub.app;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.isachub.distribute.member.Actor;
import org.isachub.distribute.member.AuditLog;
import org.isachub.distribute.member.MemberAdmin;
import org.isachub.distribute.member.MemberAdminException;
import org.isachub.distribute.member.MemberDirectory;

/**
 * The Kafka clients a {@code members} or {@code subscriptions} command needs: a member directory
 * read to the end, an audit log and an admin writer, talking to the same Kafka as {@code topics}
 * (the embedded broker's address by default, or {@code --bootstrap-servers}).
 */
final class AdminSession implements AutoCloseable {

  private static final Duration TIMEOUT = Duration.ofSeconds(30);

  private final MemberDirectory directory;
  private final AuditLog audit;
  private final MemberAdmin admin;
  private final String bootstrap;

  private AdminSession(Map<String, Object> kafka, String bootstrap) {
    this.bootstrap = bootstrap;
    this.directory = new MemberDirectory(kafka, "isachub-cli-directory").start();
    this.audit = new AuditLog(kafka, "isachub-cli-audit");
    this.admin =
        new MemberAdmin(kafka, "isachub-cli-admin", directory, audit, Clock.systemUTC(), TIMEOUT);
  }

  /**
   * Connects and reads the directory to its end.
   *
   * @param config the hub configuration
   * @return the session
   * @throws MemberAdminException if Kafka does not answer in time
   * @throws InterruptedException if interrupted while waiting
   */
  static AdminSession open(HubConfig config) throws InterruptedException {
    String bootstrap =
        config.usesEmbeddedBroker()
            ? config.getString(HubConfig.BROKER_HOST_CONFIG)
                + ":"
                + config.getInt(HubConfig.BROKER_PORT_CONFIG)
            : config.getString(HubConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> kafka = new HashMap<>(config.kafkaClientOverrides());
    kafka.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    AdminSession session = new AdminSession(kafka, bootstrap);
    if (!session.directory.awaitReady(TIMEOUT)) {
      session.close();
      throw new MemberAdminException(
          MemberAdminException.Reason.UNAVAILABLE,
          "cannot read the members from Kafka at "
              + bootstrap
              + " (is the hub running, or --bootstrap-servers right?)");
    }
    return session;
  }

  MemberDirectory directory() {
    return directory;
  }

  MemberAdmin admin() {
    return admin;
  }

  String bootstrap() {
    return bootstrap;
  }

  /** The person at the command line, for the audit trail. */
  static Actor actor() {
    return new Actor("cli:" + System.getProperty("user.name", "unknown"), "cli");
  }

  @Override
  public void close() {
    admin.close();
    audit.close();
    directory.close();
  }
}
