package org.isachub.server.feeds;

import java.time.Instant;
import org.isachub.wire.avro.FeedEntry;

/**
 * One value on a member's blocklist: the latest feed entry for its key and when it was first listed
 * in its current, unbroken listing.
 *
 * @param entry the latest UPSERT for the key
 * @param firstListed when the entry that put it on the list was written
 */
public record Listing(FeedEntry entry, Instant firstListed) {

  /**
   * The observable type, the part of the key before the first colon.
   *
   * @return e.g. {@code ipv4-addr}
   */
  public String type() {
    String key = entry.getKey();
    int colon = key.indexOf(':');
    return colon < 0 ? key : key.substring(0, colon);
  }

  /**
   * The canonical value, the key without its type prefix.
   *
   * @return e.g. {@code 198.51.100.7}, or {@code sha256:…} for a file hash
   */
  public String value() {
    String key = entry.getKey();
    return key.substring(key.indexOf(':') + 1);
  }
}
