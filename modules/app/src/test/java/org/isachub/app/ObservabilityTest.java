package org.isachub.app;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Metrics;
import java.util.Arrays;
import org.apache.kafka.streams.KafkaStreams;
import org.isachub.server.Health;
import org.junit.jupiter.api.Test;

class ObservabilityTest {

  @Test
  void shouldCountOnlyRunningAndRebalancingStreamsAsReady() {
    assertThat(Arrays.stream(KafkaStreams.State.values()).filter(Observability::streamsReady))
        .containsExactlyInAnyOrder(KafkaStreams.State.RUNNING, KafkaStreams.State.REBALANCING);
  }

  @Test
  void shouldReportAStageWithoutStreamsAsNotReady() {
    Health health = new Health();
    Observability.registerStreamsHealth(health, "enrich", () -> null);
    assertThat(health.evaluate()).containsEntry("enrich", false);
  }

  @Test
  void shouldAddOnePrometheusRegistryWithJvmMetersToTheGlobalRegistry() {
    var first = Observability.prometheus();
    assertThat(Observability.prometheus()).isSameAs(first);
    assertThat(Metrics.globalRegistry.getRegistries()).containsOnlyOnce(first);
    assertThat(first.find("jvm.memory.used").gauges()).isNotEmpty();
    assertThat(first.scrape()).contains("process_uptime_seconds");
  }
}
