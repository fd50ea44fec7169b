package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Optional;

/** A Windows registry key ({@code windows-registry-key}). */
public final class WindowsRegistryKey extends CyberObservable {

  WindowsRegistryKey(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code windows-registry-key} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code windows-registry-key} object
   *     with an id
   */
  @JsonCreator
  public static WindowsRegistryKey from(ObjectNode json) {
    return new WindowsRegistryKey(requireType(json, "windows-registry-key"));
  }

  /** Returns the full registry {@code key}, if present. */
  public Optional<String> key() {
    return string("key");
  }
}
