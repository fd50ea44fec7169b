package org.isachub.ingest.adapt;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.UncheckedIOException;

/** Writes STIX objects as the wire format wants them: sorted keys, no insignificant white space. */
final class CanonicalJson {

  private static final ObjectMapper SORTED =
      JsonMapper.builder().enable(JsonNodeFeature.WRITE_PROPERTIES_SORTED).build();
  private static final ObjectMapper AS_READ = JsonMapper.builder().build();

  private CanonicalJson() {}

  /** The object with its properties sorted, recursively. */
  static String sorted(JsonNode node) {
    return write(SORTED, node);
  }

  /** The object compact, properties in the order they were read (for dead letters). */
  static String asRead(JsonNode node) {
    return write(AS_READ, node);
  }

  private static String write(ObjectMapper mapper, JsonNode node) {
    try {
      return mapper.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      // Writing an in-memory tree to a String cannot hit I/O; anything here is a bug.
      throw new UncheckedIOException(e);
    }
  }
}
