package org.isachub.server.feeds;

import java.time.Instant;
import java.util.List;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Tlp;

/** Hand-built feed entries for the blocklist tests. */
public final class Entries {

  public static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");

  private Entries() {}

  public static FeedEntry entry(
      String member, FeedOp op, String key, Decision decision, Tlp tlp, double score, Instant at) {
    return FeedEntry.newBuilder()
        .setMember(member)
        .setOp(op)
        .setKey(key)
        .setIndicatorId("indicator--00000000-0000-4000-8000-000000000000")
        .setStateVersion(1)
        .setStix("{}")
        .setTlp(tlp)
        .setScore(score)
        .setDecision(decision)
        .setReason(op == FeedOp.WITHDRAW ? "no-longer-matches" : null)
        .setSubscriptions(List.of())
        .setPublishedAt(at)
        .setEmittedAt(at)
        .build();
  }

  public static FeedEntry upsert(String member, String key, double score, Instant at) {
    return entry(member, FeedOp.UPSERT, key, Decision.ACTIVE, Tlp.GREEN, score, at);
  }

  public static FeedEntry withdraw(String member, String key, Instant at) {
    return entry(member, FeedOp.WITHDRAW, key, Decision.ACTIVE, Tlp.GREEN, 0, at);
  }
}
