package org.isachub.server.feeds;

import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import org.isachub.wire.avro.Decision;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.FeedOp;
import org.jspecify.annotations.Nullable;

/**
 * Every member's blocklist, materialised from its feed as entries arrive: per member a sorted map
 * from canonical key to the latest active entry. An UPSERT whose decision is ACTIVE lists the key;
 * a WITHDRAW, an UPSERT with any other decision (a subscription that opted into SUPPRESSED) or a
 * tombstone takes it off. Reads never touch Kafka.
 *
 * <p>Memory is one map entry, holding the whole feed entry, per member and active indicator.
 *
 * <p>Thread-safe: one writer, any number of readers; a reader sees each key either before or after
 * a change, never half of it.
 */
public final class Blocklists {

  private final Map<String, NavigableMap<String, Listing>> byMember = new ConcurrentHashMap<>();

  /** Creates empty blocklists. */
  public Blocklists() {}

  /**
   * Applies one feed record.
   *
   * @param member the member whose feed it came from
   * @param key the record key, the canonical observable key
   * @param entry the entry, or null for a tombstone
   */
  public void apply(String member, String key, @Nullable FeedEntry entry) {
    boolean listed =
        entry != null && entry.getOp() == FeedOp.UPSERT && entry.getDecision() == Decision.ACTIVE;
    if (!listed) {
      NavigableMap<String, Listing> list = byMember.get(member);
      if (list != null) {
        list.remove(key);
      }
      return;
    }
    NavigableMap<String, Listing> list =
        byMember.computeIfAbsent(member, m -> new ConcurrentSkipListMap<>());
    Listing old = list.get(key);
    // A refresh of a listed value keeps the time it was first listed.
    list.put(key, new Listing(entry, old == null ? entry.getEmittedAt() : old.firstListed()));
  }

  /**
   * Drops a member's whole list, when its feed is gone.
   *
   * @param member the member id
   */
  public void forget(String member) {
    byMember.remove(member);
  }

  /**
   * A member's active listings, in canonical key order.
   *
   * @param member the member id
   * @param type an observable type to keep, or null for every type
   * @return the listings; empty when the member has none
   */
  public List<Listing> of(String member, @Nullable String type) {
    NavigableMap<String, Listing> list = byMember.get(member);
    if (list == null) {
      return List.of();
    }
    // Keys are "type:value", so one type is one contiguous range (';' follows ':').
    NavigableMap<String, Listing> range =
        type == null ? list : list.subMap(type + ":", true, type + ";", false);
    return List.copyOf(range.values());
  }

  /**
   * How many values are listed over every member.
   *
   * @return the total number of listings held
   */
  public long size() {
    long n = 0;
    for (NavigableMap<String, Listing> list : byMember.values()) {
      n += list.size();
    }
    return n;
  }
}
