package org.isachub.server;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BooleanSupplier;

/**
 * The readiness checks {@code /health} reports, by name. The server registers {@code members} (the
 * member directory has caught up) and {@code kafka} (the cluster answers); modules may add their
 * own.
 *
 * <p>Thread-safe.
 */
public final class Health {

  private final Map<String, BooleanSupplier> checks = new ConcurrentHashMap<>();

  /**
   * Adds or replaces a check.
   *
   * @param name a short name, e.g. {@code members}
   * @param ready answers true when that part is ready; must be quick and must not throw
   */
  public void register(String name, BooleanSupplier ready) {
    checks.put(name, ready);
  }

  /**
   * Runs every check.
   *
   * @return each check's answer, by name in alphabetical order
   */
  public Map<String, Boolean> evaluate() {
    Map<String, Boolean> out = new LinkedHashMap<>();
    checks.keySet().stream()
        .sorted()
        .forEach(
            name -> {
              boolean ok;
              try {
                ok = checks.get(name).getAsBoolean();
              } catch (RuntimeException e) {
                ok = false;
              }
              out.put(name, ok);
            });
    return out;
  }
}
