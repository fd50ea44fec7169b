package org.isachub.distribute.webhook;

import java.time.Instant;
import org.isachub.stix.model.StixIds;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.isachub.wire.avro.Tlp;

/** Hand-built feed entries for the webhook tests. */
final class FeedEntries {

  static final Instant T0 = Instant.parse("2026-11-03T06:00:00Z");

  private FeedEntries() {}

  static FeedEntry entry(String member, String key, long version, FeedOp op) {
    String id = StixIds.deterministic("indicator", key);
    String stix =
        "{\"type\":\"indicator\",\"spec_version\":\"2.1\",\"id\":\""
            + id
            + "\",\"created\":\"2026-11-03T06:00:00.000Z\",\"modified\":\"2026-11-03T06:00:0"
            + (version % 10)
            + ".000Z\",\"pattern\":\"[ipv4-addr:value = '"
            + key.substring(key.indexOf(':') + 1)
            + "']\",\"pattern_type\":\"stix\",\"valid_from\":\"2026-11-03T06:00:00.000Z\""
            + (op == FeedOp.WITHDRAW ? ",\"revoked\":true" : "")
            + "}";
    return FeedEntry.newBuilder()
        .setMember(member)
        .setOp(op)
        .setKey(key)
        .setIndicatorId(id)
        .setStateVersion(version)
        .setStix(stix)
        .setTlp(Tlp.GREEN)
        .setScore(60)
        .setDecision(op == FeedOp.UPSERT ? Decision.ACTIVE : Decision.REVOKED)
        .setReason(op == FeedOp.WITHDRAW ? "revoked" : null)
        .setPublishedAt(T0)
        .setEmittedAt(Instant.now())
        .build();
  }
}
