package org.isachub.stix.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class StixTimestampsTest {

  @Test
  void shouldFormatWithAtLeastMillisecondPrecision() {
    assertThat(StixTimestamps.format(Instant.parse("2024-01-02T03:04:05Z")))
        .isEqualTo("2024-01-02T03:04:05.000Z");
    assertThat(StixTimestamps.format(Instant.parse("2024-01-02T03:04:05.120Z")))
        .isEqualTo("2024-01-02T03:04:05.120Z");
    assertThat(StixTimestamps.format(Instant.parse("2024-01-02T03:04:05.000123Z")))
        .isEqualTo("2024-01-02T03:04:05.000123Z");
    assertThat(StixTimestamps.format(Instant.parse("2024-01-02T03:04:05.000000007Z")))
        .isEqualTo("2024-01-02T03:04:05.000000007Z");
  }

  @Test
  void shouldRoundTripFormattedInstants() {
    Instant t = Instant.parse("1999-12-31T23:59:59.999Z");
    assertThat(StixTimestamps.parse(StixTimestamps.format(t))).isEqualTo(t);
  }

  @Test
  void shouldReadLeapSecondsAsTheEndOfTheSecondBefore() {
    assertThat(StixTimestamps.parse("2016-12-31T23:59:60Z"))
        .isEqualTo(Instant.parse("2016-12-31T23:59:59.999999999Z"));
  }

  @Test
  void shouldRefuseOffsetsMissingZoneAndImpossibleDays() {
    assertThat(StixTimestamps.tryParse("2016-01-01T00:00:00+01:00")).isEmpty();
    assertThat(StixTimestamps.tryParse("2016-01-01T00:00:00")).isEmpty();
    assertThat(StixTimestamps.tryParse("2016-02-30T00:00:00Z")).isEmpty();
    assertThat(StixTimestamps.hasValidShape("2016-02-30T00:00:00Z")).isTrue();
    assertThatThrownBy(() -> StixTimestamps.parse("yesterday"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'yesterday'");
  }

  @Test
  void shouldTellMillisecondPrecision() {
    assertThat(StixTimestamps.hasMillisecondPrecision("2016-01-01T00:00:00.000Z")).isTrue();
    assertThat(StixTimestamps.hasMillisecondPrecision("2016-01-01T00:00:00.1Z")).isFalse();
    assertThat(StixTimestamps.hasMillisecondPrecision("2016-01-01T00:00:00Z")).isFalse();
  }
}
