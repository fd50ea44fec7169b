package org.isachub.server.indicators;

import static org.assertj.core.api.Assertions.assertThat;
import static org.isachub.server.indicators.Views.state;
import static org.isachub.server.indicators.Views.view;

import org.isachub.wire.avro.Clearance;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.Test;

class IndicatorStatesTest {

  private final IndicatorStates states = new IndicatorStates();

  @Test
  void shouldKeepTheLatestStateOfAKeyAndForgetItOnATombstone() {
    String key = "ipv4-addr:198.51.100.7";
    states.apply(key, state(key, view(Clearance.GREEN, null, Tlp.GREEN, 30, "a")));
    IndicatorState newer = state(key, view(Clearance.GREEN, null, Tlp.GREEN, 60, "a", "b"));
    states.apply(key, newer);

    assertThat(states.get(key)).contains(newer);
    assertThat(states.size()).isEqualTo(1);

    states.apply(key, null);

    assertThat(states.get(key)).isEmpty();
    assertThat(states.size()).isZero();
  }
}
