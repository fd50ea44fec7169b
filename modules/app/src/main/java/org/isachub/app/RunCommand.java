package org.isachub.app;

import java.io.PrintWriter;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.distribute.member.DemoSeed;
import org.isachub.wire.TopicCatalogue;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code isachub run}: start the hub and keep it running until Ctrl-C. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    description = {
      "Start the hub. With no options: an embedded Kafka broker on 127.0.0.1:9092 with its data"
          + " under ./var, the topics, and every stage.",
      "Ctrl-C stops it cleanly; the next run finds its data again."
    })
public final class RunCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    HubConfig config;
    try {
      config = options.toConfig();
    } catch (ConfigException e) {
      spec.commandLine().getErr().println("isachub: " + e.getMessage());
      return 2;
    }
    Hub hub = new Hub(config, StageRegistry.factories());
    Thread hook = new Thread(() -> stop(hub, out), "isachub-shutdown");
    Runtime.getRuntime().addShutdownHook(hook);
    try {
      hub.start();
    } catch (Exception e) {
      spec.commandLine().getErr().println("isachub: cannot start: " + e.getMessage());
      return 1;
    }
    banner(hub, config, out);
    hub.awaitStop();
    return 0;
  }

  private static void stop(Hub hub, PrintWriter out) {
    out.println("isachub: stopping");
    out.flush();
    hub.close();
    out.println("isachub: stopped cleanly");
    out.flush();
  }

  private static void banner(Hub hub, HubConfig config, PrintWriter out) {
    out.println("isachub is running");
    out.println(
        "  kafka    "
            + hub.bootstrapServers()
            + (hub.brokerLogDir() == null
                ? " (cluster)"
                : " (embedded broker, data in " + hub.brokerLogDir() + ")"));
    Map<TopicCatalogue.Action, Long> counts = new EnumMap<>(TopicCatalogue.Action.class);
    for (TopicCatalogue.Result r : hub.topicResults()) {
      counts.merge(r.action(), 1L, Long::sum);
    }
    out.println(
        "  topics   "
            + counts.entrySet().stream()
                .map(e -> e.getValue() + " " + e.getKey().name().toLowerCase().replace('_', ' '))
                .collect(Collectors.joining(", ")));
    for (TopicCatalogue.Result r : hub.topicResults()) {
      if (r.action() == TopicCatalogue.Action.PARTITIONS_DIFFER) {
        out.println("  warning  " + r.topic() + " " + r.detail());
      }
    }
    for (Stage stage : hub.stages()) {
      out.println("  " + pad(stage.role()) + " running " + stage.endpoint());
    }
    if (!hub.unavailableRoles().isEmpty()) {
      out.println(
          "  not yet  "
              + String.join(", ", hub.unavailableRoles())
              + " (not part of this build yet; see the README's feature table)");
    }
    for (Stage stage : hub.stages()) {
      if (stage.role().equals("server")) {
        out.println("  http     " + stage.endpoint());
      }
    }
    DemoSeed.Result demo = hub.demo();
    if (demo != null) {
      out.println(
          "  demo     members seeded; tokens also in "
              + demo.file().toAbsolutePath()
              + " (owner-only)");
      for (Map.Entry<String, String> e : demo.credentials().entrySet()) {
        out.println("  demo     " + String.format("%-15s", e.getKey()) + " " + e.getValue());
      }
    }
    out.println("  data     " + config.dataDir().toAbsolutePath());
    out.println("isachub ready (Ctrl-C to stop)");
    out.flush();
  }

  private static String pad(String role) {
    return String.format("%-8s", role);
  }
}
