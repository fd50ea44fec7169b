package org.isachub.enrich.warninglist;

import inet.ipaddr.IPAddress;
import inet.ipaddr.format.util.AssociativeAddressTrie;
import inet.ipaddr.ipv4.IPv4AddressAssociativeTrie;
import inet.ipaddr.ipv6.IPv6AddressAssociativeTrie;
import java.util.Iterator;
import java.util.OptionalInt;

/**
 * Networks of all CIDR lists in two binary prefix tries, each network tagged with the first list
 * (lowest ordinal) that holds it; a lookup walks only the query's own prefix path.
 */
final class CidrIndex {

  private final IPv4AddressAssociativeTrie<Integer> v4 = new IPv4AddressAssociativeTrie<>();
  private final IPv6AddressAssociativeTrie<Integer> v6 = new IPv6AddressAssociativeTrie<>();

  void add(IPAddress network, int ordinal) {
    if (network.isIPv4()) {
      v4.remapIfAbsent(network.toIPv4(), () -> ordinal, false);
    } else {
      v6.remapIfAbsent(network.toIPv6(), () -> ordinal, false);
    }
  }

  /** The lowest ordinal of the lists holding a network that contains all of {@code query}. */
  OptionalInt match(IPAddress query) {
    // A key like 10.0.0.1/8 stands for its whole network: only a list network containing all of it
    // may suppress it.
    IPAddress block = query.getNetworkPrefixLength() != null ? query.toPrefixBlock() : query;
    AssociativeAddressTrie.AssociativeTrieNode<? extends IPAddress, Integer> containing =
        block.isIPv4()
            ? v4.elementsContaining(block.toIPv4())
            : v6.elementsContaining(block.toIPv6());
    if (containing == null) {
      return OptionalInt.empty();
    }
    int best = Integer.MAX_VALUE;
    Iterator<? extends AssociativeAddressTrie.AssociativeTrieNode<? extends IPAddress, Integer>>
        it = containing.containingFirstIterator(true);
    while (it.hasNext()) {
      best = Math.min(best, it.next().getValue());
    }
    return best == Integer.MAX_VALUE ? OptionalInt.empty() : OptionalInt.of(best);
  }
}
