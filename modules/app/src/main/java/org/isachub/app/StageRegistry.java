package org.isachub.app;

import java.util.LinkedHashMap;
import java.util.Map;

/** The stages this build provides, by role. Roles without an entry are reported as unavailable. */
final class StageRegistry {

  private StageRegistry() {}

  static Map<String, StageFactory> factories() {
    return new LinkedHashMap<>();
  }
}
