package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class IndicatorBuilderTest {

  private static final Instant T = Instant.parse("2024-05-01T12:00:00Z");

  private static IndicatorBuilder base(String key) {
    return IndicatorBuilder.forKey(key)
        .pattern("[ipv4-addr:value = '198.51.100.7']")
        .created(T)
        .validFrom(T);
  }

  @Test
  void shouldGiveTheSameKeyTheSameIdAcrossVersionsAndWithdrawals() {
    Indicator first = base("ipv4-addr:198.51.100.7").build();
    Indicator later =
        base("ipv4-addr:198.51.100.7").modified(T.plusSeconds(3600)).confidence(90).build();
    Indicator withdrawn = base("ipv4-addr:198.51.100.7").revoked(true).build();
    assertThat(later.id()).isEqualTo(first.id()).isEqualTo(withdrawn.id());
    assertThat(first.id()).isEqualTo("indicator--35ee9657-2d02-54ab-a574-304a5ffbcffd");
    assertThat(base("ipv4-addr:198.51.100.8").build().id()).isNotEqualTo(first.id());
    assertThat(withdrawn.revoked()).isTrue();
    assertThat(first.revoked()).isFalse();
    assertThat(first.propertyNames()).doesNotContain("revoked");
  }

  @Test
  void shouldWriteTheStixPropertiesTheHubPromises() {
    String hub = Identity.organization("isachub", "isachub", T).id();
    Indicator ind =
        base("ipv4-addr:198.51.100.7")
            .validUntil(T.plus(Duration.ofDays(47)))
            .confidence(60)
            .tlp(Tlp.AMBER_STRICT)
            .createdByRef(hub)
            .label("c2")
            .build();
    assertThat(ind.specVersion()).contains("2.1");
    assertThat(ind.patternType()).contains("stix");
    assertThat(ind.created()).contains("2024-05-01T12:00:00.000Z");
    assertThat(ind.modified()).contains("2024-05-01T12:00:00.000Z");
    assertThat(ind.validUntil()).contains("2024-06-17T12:00:00.000Z");
    assertThat(ind.objectMarkingRefs()).containsExactly(Tlp.AMBER_STRICT.markingId());
    assertThat(ind.tlp()).contains(Tlp.AMBER_STRICT);
    assertThat(ind.createdByRef()).contains(hub);
    assertThat(ind.confidence()).hasValue(60);
    assertThat(ind.labels()).containsExactly("c2");
  }

  @Test
  void shouldRefuseIncompleteOrInconsistentIndicators() {
    assertThatThrownBy(() -> IndicatorBuilder.forKey("k").created(T).validFrom(T).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("indicator needs a pattern");
    assertThatThrownBy(() -> base("k").validUntil(T).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("valid_until")
        .hasMessageContaining("must be after valid_from");
    assertThatThrownBy(() -> base("k").confidence(101).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("confidence must be 0..100, got 101");
    assertThatThrownBy(() -> base("k").modified(T.minusMillis(1)).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is before created");
    assertThatThrownBy(
            () -> base("k").createdByRef("malware--" + java.util.UUID.randomUUID()).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("created_by_ref must be an identity id");
    assertThatThrownBy(() -> IndicatorBuilder.forKey(" "))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void shouldBuildTheStandardTlp2MarkingObjects() {
    MarkingDefinition amber = MarkingDefinition.forTlp(Tlp.AMBER);
    assertThat(amber.id()).isEqualTo("marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421");
    assertThat(amber.name()).contains("TLP:AMBER");
    assertThat(amber.tlpLevel()).contains(Tlp.AMBER);
    assertThat(
            amber.extensions().orElseThrow().path(Tlp.TLP2_EXTENSION_ID).path("tlp_2_0").asText())
        .isEqualTo("amber");
    MarkingDefinition terms = MarkingDefinition.statement("Members only", T);
    assertThat(terms.statementText()).contains("Members only");
    assertThat(terms.id()).isEqualTo(MarkingDefinition.statement("Members only", T).id());
    assertThat(terms.tlpLevel()).isEmpty();
  }
}
