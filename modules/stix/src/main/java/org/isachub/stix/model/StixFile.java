package org.isachub.stix.model;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;

/** A file ({@code file}), named so as not to clash with {@code java.io.File}. */
public final class StixFile extends CyberObservable {

  StixFile(ObjectNode node) {
    super(node);
  }

  /**
   * Reads a {@code file} object from its JSON tree (copied).
   *
   * @throws IllegalArgumentException when the tree is not a {@code file} object with an id
   */
  @JsonCreator
  public static StixFile from(ObjectNode json) {
    return new StixFile(requireType(json, "file"));
  }

  /** Returns the file {@code name}, if present. */
  public Optional<String> name() {
    return string("name");
  }

  /** Returns the {@code hashes} by algorithm name (e.g. {@code SHA-256}), empty when absent. */
  public Map<String, String> hashes() {
    JsonNode h = property("hashes").orElse(null);
    if (h == null || !h.isObject()) {
      return Map.of();
    }
    Map<String, String> out = new LinkedHashMap<>();
    h.properties()
        .forEach(
            e -> {
              if (e.getValue().isTextual()) {
                out.put(e.getKey(), e.getValue().asText());
              }
            });
    return Collections.unmodifiableMap(out);
  }

  /** Returns the {@code size} in bytes, if present. */
  public OptionalLong size() {
    JsonNode n = property("size").orElse(null);
    return n != null && n.isIntegralNumber() && n.canConvertToLong()
        ? OptionalLong.of(n.longValue())
        : OptionalLong.empty();
  }
}
