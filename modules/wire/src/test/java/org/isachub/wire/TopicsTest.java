package org.isachub.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.stream.Collectors;
import org.isachub.wire.TopicSpec.Cleanup;
import org.junit.jupiter.api.Test;

class TopicsTest {

  @Test
  void shouldCompactTheTopicsThatHoldCurrentState() {
    Map<String, Cleanup> cleanup =
        Topics.fixed().stream().collect(Collectors.toMap(TopicSpec::name, TopicSpec::cleanup));
    assertThat(cleanup)
        .containsEntry("isac.indicators.v1", Cleanup.COMPACT)
        .containsEntry("isac.members.v1", Cleanup.COMPACT)
        .containsEntry("isac.subscriptions.v1", Cleanup.COMPACT)
        .containsEntry("isac.submissions.v1", Cleanup.DELETE)
        .containsEntry("isac.sightings.v1", Cleanup.DELETE)
        .containsEntry("isac.deadletter.v1", Cleanup.DELETE)
        .containsEntry("isac.audit.v1", Cleanup.DELETE)
        .containsEntry("isac.ingest.positions.v1", Cleanup.COMPACT);
  }

  @Test
  void shouldNameAMemberFeedAndRecogniseIt() {
    TopicSpec<String, ?> feed = Topics.feed("us-pa-dauphin");
    assertThat(feed.name()).isEqualTo("isac.feed.us-pa-dauphin.v1");
    assertThat(feed.partitions()).isEqualTo(1);
    assertThat(Topics.isFeed(feed.name())).isTrue();
    assertThat(Topics.isFeed("isac.indicators.v1")).isFalse();
    assertThat(Topics.isFeed("isac.feed..v1")).isFalse();
  }

  @Test
  void shouldRefuseMemberIdsThatCannotNameATopic() {
    for (String bad : new String[] {"", "US-PA", "us_pa", "-us", "us-", "a/b", "x".repeat(65)}) {
      assertThatThrownBy(() -> Topics.feed(bad))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("cannot name a feed topic");
    }
  }

  @Test
  void shouldWriteRetentionOnlyForDeletingTopics() {
    assertThat(Topics.SUBMISSIONS.topicConfigs())
        .containsEntry("cleanup.policy", "delete")
        .containsEntry("retention.ms", Long.toString(30L * 24 * 3600 * 1000));
    assertThat(Topics.INDICATORS.topicConfigs())
        .containsEntry("cleanup.policy", "compact")
        .doesNotContainKey("retention.ms");
    assertThat(Topics.feed("us-az").topicConfigs())
        .containsEntry("cleanup.policy", "compact")
        .containsEntry("min.compaction.lag.ms", Long.toString(7L * 24 * 3600 * 1000));
  }
}
