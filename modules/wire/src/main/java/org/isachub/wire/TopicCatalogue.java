package org.isachub.wire;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Makes a cluster's topics match the catalogue, idempotently: creates what is missing, corrects
 * managed settings that drifted, and reports (never changes) partition counts that differ, since
 * repartitioning would move keys.
 *
 * <p>Thread-safe if the {@link Admin} is.
 */
public final class TopicCatalogue {

  private static final long TIMEOUT_SECONDS = 60;

  private final Admin admin;
  private final short replicationFactor;
  private final int partitionFactor;

  /**
   * Creates a catalogue applier.
   *
   * @param admin the admin client of the cluster
   * @param replicationFactor replicas per partition (1 on a single node, 3 on a cluster)
   * @param partitionFactor multiplier of each topic's single-node partition count (1 for the
   *     embedded broker; more for clusters with more processes)
   */
  public TopicCatalogue(Admin admin, short replicationFactor, int partitionFactor) {
    if (replicationFactor < 1) {
      throw new IllegalArgumentException("replication factor must be at least 1");
    }
    if (partitionFactor < 1) {
      throw new IllegalArgumentException("partition factor must be at least 1");
    }
    this.admin = admin;
    this.replicationFactor = replicationFactor;
    this.partitionFactor = partitionFactor;
  }

  /** What {@link #apply} did to one topic. */
  public enum Action {
    /** The topic was missing and was created. */
    CREATED,
    /** The topic existed and matched the catalogue. */
    UNCHANGED,
    /** Managed settings had drifted and were corrected. */
    CONFIG_UPDATED,
    /** The partition count differs from the catalogue; left as it is. */
    PARTITIONS_DIFFER
  }

  /**
   * The outcome for one topic.
   *
   * @param topic topic name
   * @param action what was done
   * @param detail a sentence for people
   */
  public record Result(String topic, Action action, String detail) {}

  /**
   * The state of one topic on the cluster.
   *
   * @param topic name
   * @param exists whether it exists
   * @param partitions partition count on the cluster (0 if missing)
   * @param cleanupPolicy {@code cleanup.policy} on the cluster (empty if missing)
   * @param expectedPartitions partition count the catalogue asks for
   * @param expectedCleanupPolicy cleanup policy the catalogue asks for
   */
  public record Status(
      String topic,
      boolean exists,
      int partitions,
      String cleanupPolicy,
      int expectedPartitions,
      String expectedCleanupPolicy) {}

  /**
   * The partition count this applier gives a topic.
   *
   * @param spec the topic
   * @return its partitions on this cluster
   */
  public int partitionsFor(TopicSpec<?, ?> spec) {
    // Per-member feeds stay single-partition at any scale: their order is their contract.
    return Topics.isFeed(spec.name()) ? spec.partitions() : spec.partitions() * partitionFactor;
  }

  /**
   * Creates missing topics and corrects drifted settings.
   *
   * @param specs the topics to apply
   * @return one result per topic, in the given order
   * @throws CatalogueException if the cluster cannot be reached or refuses a change
   */
  public List<Result> apply(Collection<? extends TopicSpec<?, ?>> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<NewTopic> toCreate = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (!existing.contains(spec.name())) {
          toCreate.add(
              new NewTopic(spec.name(), partitionsFor(spec), replicationFactor)
                  .configs(spec.topicConfigs()));
        }
      }
      createAll(toCreate);
      Set<String> created = toCreate.stream().map(NewTopic::name).collect(Collectors.toSet());
      List<TopicSpec<?, ?>> present = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (!created.contains(spec.name())) {
          present.add(spec);
        }
      }
      Map<String, TopicDescription> descriptions = describe(present);
      Map<ConfigResource, Config> configs = configs(present);
      List<Result> results = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        if (created.contains(spec.name())) {
          results.add(
              new Result(
                  spec.name(),
                  Action.CREATED,
                  "created with "
                      + partitionsFor(spec)
                      + " partitions, cleanup "
                      + spec.cleanup().policy()));
          continue;
        }
        results.add(reconcile(spec, descriptions.get(spec.name()), configs.get(resource(spec))));
      }
      return results;
    } catch (ExecutionException | TimeoutException e) {
      throw new CatalogueException("cannot apply the topic catalogue: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogueException("interrupted while applying the topic catalogue", e);
    }
  }

  /**
   * Reads how the cluster's topics compare with the catalogue.
   *
   * @param specs the topics to look at
   * @return one status per topic, in the given order
   */
  public List<Status> status(Collection<? extends TopicSpec<?, ?>> specs) {
    try {
      Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      List<TopicSpec<?, ?>> present =
          specs.stream().filter(s -> existing.contains(s.name())).collect(Collectors.toList());
      Map<String, TopicDescription> descriptions = describe(present);
      Map<ConfigResource, Config> configs = configs(present);
      List<Status> out = new ArrayList<>();
      for (TopicSpec<?, ?> spec : specs) {
        TopicDescription d = descriptions.get(spec.name());
        Config c = configs.get(resource(spec));
        ConfigEntry policy = c == null ? null : c.get("cleanup.policy");
        out.add(
            new Status(
                spec.name(),
                d != null,
                d == null ? 0 : d.partitions().size(),
                policy == null ? "" : policy.value(),
                partitionsFor(spec),
                spec.cleanup().policy()));
      }
      return out;
    } catch (ExecutionException | TimeoutException e) {
      throw new CatalogueException("cannot read the topics: " + rootMessage(e), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new CatalogueException("interrupted while reading the topics", e);
    }
  }

  private Result reconcile(TopicSpec<?, ?> spec, TopicDescription description, Config config)
      throws ExecutionException, InterruptedException, TimeoutException {
    List<AlterConfigOp> ops = new ArrayList<>();
    for (Map.Entry<String, String> wanted : spec.topicConfigs().entrySet()) {
      ConfigEntry actual = config == null ? null : config.get(wanted.getKey());
      if (actual == null || !wanted.getValue().equals(actual.value())) {
        ops.add(
            new AlterConfigOp(
                new ConfigEntry(wanted.getKey(), wanted.getValue()), AlterConfigOp.OpType.SET));
      }
    }
    int actualPartitions = description.partitions().size();
    if (!ops.isEmpty()) {
      admin
          .incrementalAlterConfigs(Map.of(resource(spec), ops))
          .all()
          .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    }
    if (actualPartitions != partitionsFor(spec)) {
      return new Result(
          spec.name(),
          Action.PARTITIONS_DIFFER,
          "has "
              + actualPartitions
              + " partitions, catalogue says "
              + partitionsFor(spec)
              + "; left unchanged because repartitioning moves keys"
              + (ops.isEmpty() ? "" : "; settings corrected"));
    }
    if (!ops.isEmpty()) {
      String names =
          ops.stream().map(o -> o.configEntry().name()).collect(Collectors.joining(", "));
      return new Result(spec.name(), Action.CONFIG_UPDATED, "corrected " + names);
    }
    return new Result(spec.name(), Action.UNCHANGED, "matches the catalogue");
  }

  private void createAll(List<NewTopic> toCreate)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (toCreate.isEmpty()) {
      return;
    }
    try {
      admin.createTopics(toCreate).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      // Another process applying the catalogue at the same time created it first: that is fine.
      if (!(e.getCause() instanceof TopicExistsException)) {
        throw e;
      }
    }
  }

  private Map<String, TopicDescription> describe(List<TopicSpec<?, ?>> specs)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (specs.isEmpty()) {
      return Map.of();
    }
    return admin
        .describeTopics(specs.stream().map(TopicSpec::name).collect(Collectors.toList()))
        .allTopicNames()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private Map<ConfigResource, Config> configs(List<TopicSpec<?, ?>> specs)
      throws ExecutionException, InterruptedException, TimeoutException {
    if (specs.isEmpty()) {
      return Map.of();
    }
    return admin
        .describeConfigs(specs.stream().map(TopicCatalogue::resource).collect(Collectors.toList()))
        .all()
        .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
  }

  private static ConfigResource resource(TopicSpec<?, ?> spec) {
    return new ConfigResource(ConfigResource.Type.TOPIC, spec.name());
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getClass().getSimpleName() + ": " + t.getMessage();
  }
}
