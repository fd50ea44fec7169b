package org.isachub.enrich;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigException;
import org.isachub.enrich.model.Admiralty;
import org.isachub.enrich.score.ScoringConfig;
import org.junit.jupiter.api.Test;

class EnrichConfigTest {

  @Test
  void shouldCarryOperatorSettingsIntoTheScoringModel() {
    ScoringConfig scoring =
        new EnrichConfig(
                Map.of(
                    EnrichConfig.SOURCE_RELIABILITY_CONFIG, "feodo=B, urlhaus=A",
                    EnrichConfig.DEFAULT_RELIABILITY_CONFIG, "D",
                    EnrichConfig.EXPIRY_FLOOR_CONFIG, "15",
                    EnrichConfig.DECAY_CONFIG, "url=30:1.2",
                    EnrichConfig.BANDS_CONFIG, "0,25,50,75"))
            .scoring();
    assertThat(scoring.sourceGrades())
        .containsEntry("feodo", Admiralty.B)
        .containsEntry("urlhaus", Admiralty.A);
    assertThat(scoring.defaultGrade()).isEqualTo(Admiralty.D);
    assertThat(scoring.expiryFloor()).isEqualTo(15.0);
    assertThat(scoring.decayFor("url").lifetime()).isEqualTo(Duration.ofDays(30));
    assertThat(scoring.decayFor("url").speed()).isEqualTo(1.2);
    assertThat(scoring.decayFor("domain-name"))
        .isEqualTo(ScoringConfig.defaults().decayFor("domain-name"));
    assertThat(scoring.bands()).isEqualTo(List.of(0.0, 25.0, 50.0, 75.0));
  }

  @Test
  void shouldRejectMalformedSettingsNamingTheKey() {
    assertThatThrownBy(
            () -> new EnrichConfig(Map.of(EnrichConfig.SOURCE_RELIABILITY_CONFIG, "feodo")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EnrichConfig.SOURCE_RELIABILITY_CONFIG);
    assertThatThrownBy(
            () -> new EnrichConfig(Map.of(EnrichConfig.SOURCE_RELIABILITY_CONFIG, "feodo=Z")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("Admiralty");
    assertThatThrownBy(() -> new EnrichConfig(Map.of(EnrichConfig.DECAY_CONFIG, "url=30")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EnrichConfig.DECAY_CONFIG);
    assertThatThrownBy(() -> new EnrichConfig(Map.of(EnrichConfig.BANDS_CONFIG, "0,50,40")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("bands");
    assertThatThrownBy(() -> new EnrichConfig(Map.of(EnrichConfig.EXPIRY_FLOOR_CONFIG, "120")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(EnrichConfig.EXPIRY_FLOOR_CONFIG);
  }
}
