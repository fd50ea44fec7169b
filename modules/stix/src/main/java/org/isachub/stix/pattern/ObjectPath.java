package org.isachub.stix.pattern;

import java.util.List;

/**
 * An object path, {@code object-type:property(.property|[index])*}.
 *
 * @param objectType the cyber-observable object type as written, for example {@code file}
 * @param steps the path steps; the first is always a {@link PropertyStep}
 */
public record ObjectPath(String objectType, List<PathStep> steps) {

  /** Copies the steps and checks that the path starts with a property. */
  public ObjectPath {
    steps = List.copyOf(steps);
    if (steps.isEmpty() || !(steps.get(0) instanceof PropertyStep)) {
      throw new IllegalArgumentException("an object path starts with a property");
    }
  }

  /** Returns whether this path is exactly {@code objectType:property}. */
  public boolean isProperty(String type, String property) {
    return objectType.equals(type)
        && steps.size() == 1
        && ((PropertyStep) steps.get(0)).name().equals(property);
  }
}
