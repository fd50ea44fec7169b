package org.isachub.app;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.wire.TopicCatalogue;
import org.isachub.wire.TopicSpec;
import org.isachub.wire.Topics;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code isachub topics}: compare the cluster's topics with the catalogue, or apply it. */
@Command(
    name = "topics",
    mixinStandardHelpOptions = true,
    description = "List the hub's topics as they are on the cluster, or create and correct them.")
public final class TopicsCommand implements Callable<Integer> {

  @Mixin ConfigOptions options = new ConfigOptions();

  @ArgGroup(multiplicity = "1")
  Mode mode;

  @Spec CommandSpec spec;

  static final class Mode {
    @Option(
        names = "--list",
        required = true,
        description = "Show each topic against the catalogue.")
    boolean list;

    @Option(
        names = "--apply",
        required = true,
        description = "Create missing topics and correct drifted settings (idempotent).")
    boolean apply;
  }

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
    String bootstrap =
        config.usesEmbeddedBroker()
            ? config.getString(HubConfig.BROKER_HOST_CONFIG)
                + ":"
                + config.getInt(HubConfig.BROKER_PORT_CONFIG)
            : config.getString(HubConfig.BOOTSTRAP_SERVERS_CONFIG);
    Map<String, Object> settings = new java.util.HashMap<>(config.kafkaClientOverrides());
    settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, 15_000);
    try (Admin admin = Admin.create(settings)) {
      TopicCatalogue catalogue = Hub.catalogue(admin, config);
      List<TopicSpec<?, ?>> specs = new ArrayList<>(Topics.fixed());
      for (String name : admin.listTopics().names().get(30, TimeUnit.SECONDS)) {
        if (Topics.isFeed(name)) {
          specs.add(Topics.feed(name.substring("isac.feed.".length(), name.length() - 3)));
        }
      }
      if (mode.apply) {
        for (TopicCatalogue.Result r : catalogue.apply(specs)) {
          out.printf("%-36s %-18s %s%n", r.topic(), r.action().name().toLowerCase(), r.detail());
        }
        return 0;
      }
      out.printf(
          "%-36s %-8s %-10s %-15s %s%n", "TOPIC", "EXISTS", "PARTITIONS", "CLEANUP", "MATCHES");
      boolean allMatch = true;
      for (TopicCatalogue.Status s : catalogue.status(specs)) {
        boolean matches =
            s.exists()
                && s.partitions() == s.expectedPartitions()
                && s.cleanupPolicy().equals(s.expectedCleanupPolicy());
        allMatch &= matches;
        out.printf(
            "%-36s %-8s %-10s %-15s %s%n",
            s.topic(),
            s.exists() ? "yes" : "no",
            s.exists()
                ? s.partitions() + "/" + s.expectedPartitions()
                : "-/" + s.expectedPartitions(),
            s.exists() ? s.cleanupPolicy() : "-",
            matches ? "yes" : "no (run topics --apply)");
      }
      return allMatch ? 0 : 3;
    } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
      spec.commandLine()
          .getErr()
          .println("isachub: cannot reach Kafka at " + bootstrap + ": " + e.getMessage());
      return 1;
    }
  }
}
