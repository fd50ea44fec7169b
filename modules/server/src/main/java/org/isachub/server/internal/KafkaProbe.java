package org.isachub.server.internal;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Tells whether the Kafka cluster answers, asking at most once every two seconds so that a busy
 * {@code /health} cannot hammer the cluster.
 *
 * <p>Thread-safe.
 */
public final class KafkaProbe implements AutoCloseable {

  private static final long INTERVAL_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final int TIMEOUT_MS = 2_000;

  private final Admin admin;
  private long checkedAt;
  private boolean reachable;
  private boolean checked;

  /**
   * Creates the probe.
   *
   * @param kafka Kafka client settings
   * @param clientId the admin client's id
   */
  public KafkaProbe(Map<String, Object> kafka, String clientId) {
    Map<String, Object> settings = new HashMap<>(kafka);
    settings.put(CommonClientConfigs.CLIENT_ID_CONFIG, clientId);
    // A health check must answer quickly, whatever the cluster does.
    settings.put(CommonClientConfigs.REQUEST_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    settings.put(CommonClientConfigs.DEFAULT_API_TIMEOUT_MS_CONFIG, TIMEOUT_MS);
    this.admin = Admin.create(settings);
  }

  /**
   * Tells whether the cluster answered the last time it was asked.
   *
   * @return true if it describes itself within two seconds
   */
  public synchronized boolean reachable() {
    long now = System.nanoTime();
    if (checked && now - checkedAt < INTERVAL_NANOS) {
      return reachable;
    }
    try {
      reachable =
          !admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(TIMEOUT_MS))
              .nodes()
              .get(TIMEOUT_MS, TimeUnit.MILLISECONDS)
              .isEmpty();
    } catch (Exception e) {
      if (e instanceof InterruptedException) {
        Thread.currentThread().interrupt();
      }
      reachable = false;
    }
    checked = true;
    checkedAt = System.nanoTime();
    return reachable;
  }

  @Override
  public void close() {
    admin.close();
  }
}
