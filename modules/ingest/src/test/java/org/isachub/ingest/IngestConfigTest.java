package org.isachub.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.ingest.taxii.TaxiiAuth;
import org.isachub.ingest.taxii.TaxiiSource;
import org.isachub.stix.model.Tlp;
import org.junit.jupiter.api.Test;

class IngestConfigTest {

  @Test
  void shouldMakeEveryProducerIdempotentWithAcksAllAndBoundedByTheAckTimeout() {
    IngestConfig c = new IngestConfig(Map.of(IngestConfig.ACK_TIMEOUT_MS_CONFIG, "4000"));
    Map<String, Object> p = c.producerProperties(Map.of("bootstrap.servers", "h:1"), "x");
    assertThat(p)
        .containsEntry("acks", "all")
        .containsEntry("enable.idempotence", true)
        .containsEntry("max.block.ms", 4000L)
        .containsEntry("delivery.timeout.ms", 4000)
        .containsEntry("bootstrap.servers", "h:1");
    assertThat((int) p.get("request.timeout.ms") + (int) p.get("linger.ms"))
        .isLessThanOrEqualTo(4000);
  }

  @Test
  void shouldReadTaxiiPollersAndSourceTlps() {
    IngestConfig c =
        new IngestConfig(
            Map.ofEntries(
                Map.entry(IngestConfig.SOURCE_TLP_CONFIG, "cisa=CLEAR"),
                Map.entry(IngestConfig.TAXII_POLLERS_CONFIG, "cisa,vendor"),
                Map.entry(
                    "isachub.ingest.taxii.poller.cisa.api.root", "https://taxii.example.org/api1/"),
                Map.entry("isachub.ingest.taxii.poller.cisa.collection", "c1"),
                Map.entry("isachub.ingest.taxii.poller.cisa.auth", "bearer"),
                Map.entry("isachub.ingest.taxii.poller.cisa.token", "t0ken"),
                Map.entry(
                    "isachub.ingest.taxii.poller.vendor.api.root", "https://v.example/taxii2/root"),
                Map.entry("isachub.ingest.taxii.poller.vendor.collection", "feed"),
                Map.entry("isachub.ingest.taxii.poller.vendor.auth", "basic"),
                Map.entry("isachub.ingest.taxii.poller.vendor.username", "hub"),
                Map.entry("isachub.ingest.taxii.poller.vendor.password", "pw"),
                Map.entry("isachub.ingest.taxii.poller.vendor.tlp", "amber"),
                Map.entry("isachub.ingest.taxii.poller.vendor.interval.ms", "60000")));
    TaxiiSource cisa = c.taxiiSources().get(0);
    assertThat(cisa.source()).isEqualTo("cisa");
    assertThat(cisa.defaultTlp()).isEqualTo(Tlp.CLEAR);
    assertThat(cisa.auth()).isEqualTo(TaxiiAuth.bearer("t0ken"));
    assertThat(cisa.auth().toString()).doesNotContain("t0ken");
    TaxiiSource vendor = c.taxiiSources().get(1);
    assertThat(vendor.objectsUri().toString())
        .isEqualTo("https://v.example/taxii2/root/collections/feed/objects/");
    assertThat(vendor.defaultTlp()).isEqualTo(Tlp.AMBER);
    assertThat(vendor.interval()).isEqualTo(Duration.ofMinutes(1));
    assertThat(vendor.auth().header()).contains("Basic aHViOnB3");
    assertThat(c.defaultTlpFor("anyone")).isEqualTo(Tlp.GREEN);
  }

  @Test
  void shouldRefuseABadTlpAndAnIncompletePoller() {
    assertThatThrownBy(() -> new IngestConfig(Map.of(IngestConfig.DEFAULT_TLP_CONFIG, "purple")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("not a TLP level: 'purple'");
    assertThatThrownBy(() -> new IngestConfig(Map.of(IngestConfig.TAXII_POLLERS_CONFIG, "x")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("api.root");
  }
}
