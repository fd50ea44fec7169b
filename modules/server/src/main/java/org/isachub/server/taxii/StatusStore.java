package org.isachub.server.taxii;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Recent TAXII status resources, in memory and bounded: the oldest are forgotten first. Statuses
 * are answered only to the member that made the request. A restart forgets them; every status is
 * complete when first answered, so nothing is lost but the ability to ask again.
 */
final class StatusStore {

  private record Kept(String memberId, ObjectNode status) {}

  private final Map<String, Kept> byId;

  StatusStore(int capacity) {
    this.byId =
        new LinkedHashMap<>(16, 0.75f, false) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Kept> eldest) {
            return size() > capacity;
          }
        };
  }

  synchronized void put(String id, String memberId, ObjectNode status) {
    byId.put(id, new Kept(memberId, status.deepCopy()));
  }

  synchronized @Nullable ObjectNode get(String id, String memberId) {
    Kept k = byId.get(id);
    return k == null || !k.memberId().equals(memberId) ? null : k.status().deepCopy();
  }
}
