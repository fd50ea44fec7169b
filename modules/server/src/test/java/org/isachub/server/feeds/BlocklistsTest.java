package org.isachub.server.feeds;

import static org.assertj.core.api.Assertions.assertThat;
import static org.isachub.server.feeds.Entries.T0;
import static org.isachub.server.feeds.Entries.entry;
import static org.isachub.server.feeds.Entries.upsert;
import static org.isachub.server.feeds.Entries.withdraw;

import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Tlp;
import org.junit.jupiter.api.Test;

class BlocklistsTest {

  private final Blocklists lists = new Blocklists();

  @Test
  void shouldListAnActiveUpsertAndDropItWhenWithdrawn() {
    lists.apply(
        "us-pa", "ipv4-addr:198.51.100.7", upsert("us-pa", "ipv4-addr:198.51.100.7", 80, T0));
    assertThat(lists.of("us-pa", null)).extracting(Listing::value).containsExactly("198.51.100.7");

    lists.apply("us-pa", "ipv4-addr:198.51.100.7", withdraw("us-pa", "ipv4-addr:198.51.100.7", T0));

    assertThat(lists.of("us-pa", null)).isEmpty();
    assertThat(lists.size()).isZero();
  }

  @Test
  void shouldDropAValueOnATombstoneOrAnUpsertThatIsNoLongerActive() {
    lists.apply("us-pa", "domain-name:a.example", upsert("us-pa", "domain-name:a.example", 70, T0));
    lists.apply("us-pa", "domain-name:b.example", upsert("us-pa", "domain-name:b.example", 70, T0));

    lists.apply("us-pa", "domain-name:a.example", null);
    lists.apply(
        "us-pa",
        "domain-name:b.example",
        entry(
            "us-pa",
            FeedOp.UPSERT,
            "domain-name:b.example",
            Decision.SUPPRESSED,
            Tlp.GREEN,
            10,
            T0));

    assertThat(lists.of("us-pa", null)).isEmpty();
  }

  @Test
  void shouldKeepOnlyTheAskedTypeWithoutMatchingLongerTypeNames() {
    lists.apply("m", "ipv4-addr:10.0.0.1", upsert("m", "ipv4-addr:10.0.0.1", 50, T0));
    lists.apply("m", "ipv6-addr:2001:db8::1", upsert("m", "ipv6-addr:2001:db8::1", 50, T0));
    lists.apply("m", "url:http://x.example/a", upsert("m", "url:http://x.example/a", 50, T0));
    lists.apply("m", "file:sha256:ab", upsert("m", "file:sha256:ab", 50, T0));

    assertThat(lists.of("m", "ipv4-addr")).extracting(Listing::value).containsExactly("10.0.0.1");
    assertThat(lists.of("m", "url"))
        .extracting(Listing::value)
        .containsExactly("http://x.example/a");
    assertThat(lists.of("m", "file")).extracting(Listing::value).containsExactly("sha256:ab");
    assertThat(lists.of("m", "domain-name")).isEmpty();
    assertThat(lists.of("m", null)).hasSize(4);
  }

  @Test
  void shouldListInCanonicalKeyOrderWhateverTheArrivalOrder() {
    lists.apply("m", "ipv4-addr:10.0.0.3", upsert("m", "ipv4-addr:10.0.0.3", 50, T0));
    lists.apply("m", "domain-name:z.example", upsert("m", "domain-name:z.example", 50, T0));
    lists.apply("m", "ipv4-addr:10.0.0.1", upsert("m", "ipv4-addr:10.0.0.1", 50, T0));

    assertThat(lists.of("m", null))
        .extracting(l -> l.entry().getKey())
        .containsExactly("domain-name:z.example", "ipv4-addr:10.0.0.1", "ipv4-addr:10.0.0.3");
  }

  @Test
  void shouldKeepTheFirstListedTimeAcrossUpdatesAndRestartItAfterAWithdrawal() {
    String key = "ipv4-addr:10.0.0.1";
    lists.apply("m", key, upsert("m", key, 40, T0));
    lists.apply("m", key, upsert("m", key, 90, T0.plusSeconds(60)));

    Listing updated = lists.of("m", null).get(0);
    assertThat(updated.firstListed()).isEqualTo(T0);
    assertThat(updated.entry().getScore()).isEqualTo(90);

    lists.apply("m", key, withdraw("m", key, T0.plusSeconds(120)));
    lists.apply("m", key, upsert("m", key, 60, T0.plusSeconds(180)));

    assertThat(lists.of("m", null).get(0).firstListed()).isEqualTo(T0.plusSeconds(180));
  }

  @Test
  void shouldKeepEachMembersListApart() {
    lists.apply("a", "ipv4-addr:10.0.0.1", upsert("a", "ipv4-addr:10.0.0.1", 50, T0));
    lists.apply("b", "ipv4-addr:10.0.0.2", upsert("b", "ipv4-addr:10.0.0.2", 50, T0));
    lists.apply("b", "ipv4-addr:10.0.0.1", withdraw("b", "ipv4-addr:10.0.0.1", T0));

    assertThat(lists.of("a", null)).extracting(Listing::value).containsExactly("10.0.0.1");
    assertThat(lists.of("b", null)).extracting(Listing::value).containsExactly("10.0.0.2");
    assertThat(lists.of("c", null)).isEmpty();
  }

  @Test
  void shouldForgetAWholeListWhenTheMembersFeedIsGone() {
    lists.apply("a", "ipv4-addr:10.0.0.1", upsert("a", "ipv4-addr:10.0.0.1", 50, T0));
    lists.apply("b", "ipv4-addr:10.0.0.2", upsert("b", "ipv4-addr:10.0.0.2", 50, T0));

    lists.forget("a");

    assertThat(lists.of("a", null)).isEmpty();
    assertThat(lists.of("b", null)).hasSize(1);
    assertThat(lists.size()).isEqualTo(1);
  }

  @Test
  void shouldQuoteCsvCellsThatHoldCommasOrQuotesAndWriteTlp20Labels() {
    assertThat(BlocklistModule.cell("http://x.example/a,b")).isEqualTo("\"http://x.example/a,b\"");
    assertThat(BlocklistModule.cell("a\"b")).isEqualTo("\"a\"\"b\"");
    assertThat(BlocklistModule.cell("10.0.0.1")).isEqualTo("10.0.0.1");
    assertThat(BlocklistModule.tlp(Tlp.AMBER_STRICT)).isEqualTo("TLP:AMBER+STRICT");
  }
}
