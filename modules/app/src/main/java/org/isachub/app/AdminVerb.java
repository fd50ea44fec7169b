package org.isachub.app;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.distribute.member.MemberAdminException;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A {@code members} or {@code subscriptions} verb: connects, runs, and turns refusals into a clear
 * message and an exit status (2 invalid, 3 not found, 4 conflict, 1 Kafka unavailable).
 */
abstract class AdminVerb implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Spec CommandSpec spec;

  /**
   * Does the verb's work.
   *
   * @param session the connected clients
   * @param out standard output
   * @return the exit status
   * @throws Exception on failure
   */
  abstract int run(AdminSession session, PrintWriter out) throws Exception;

  @Override
  public Integer call() throws Exception {
    PrintWriter err = spec.commandLine().getErr();
    HubConfig config;
    try {
      config = options.toConfig();
    } catch (ConfigException e) {
      err.println("isachub: " + e.getMessage());
      return 2;
    }
    try (AdminSession session = AdminSession.open(config)) {
      int status = run(session, spec.commandLine().getOut());
      spec.commandLine().getOut().flush();
      return status;
    } catch (MemberAdminException e) {
      err.println("isachub: " + e.getMessage());
      return switch (e.reason()) {
        case INVALID -> 2;
        case NOT_FOUND -> 3;
        case CONFLICT, FORBIDDEN -> 4;
        case UNAVAILABLE -> 1;
      };
    }
  }
}
