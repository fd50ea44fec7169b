package org.isachub.stix.model;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.JsonNodeFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads and writes STIX JSON with one configured {@link ObjectMapper}: read limits from {@link
 * StixReadLimits}, duplicate keys refused, trailing content refused, and numbers kept exactly as
 * written. Every read failure is a {@link StixParseException} with a plain reason.
 *
 * <p>Thread-safe once constructed.
 */
public final class StixJson {

  private final ObjectMapper mapper;
  private final StixReadLimits limits;

  /** Creates a reader/writer with {@link StixReadLimits#defaults()}. */
  public StixJson() {
    this(StixReadLimits.defaults());
  }

  /** Creates a reader/writer with the given limits. */
  public StixJson(StixReadLimits limits) {
    this.limits = limits;
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(
                StreamReadConstraints.builder()
                    .maxNestingDepth(limits.maxNestingDepth())
                    .maxStringLength(limits.maxStringLength())
                    .maxDocumentLength(limits.maxDocumentLength())
                    .build())
            // A STIX object with a key twice is ambiguous: refuse it instead of keeping the last.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    this.mapper =
        JsonMapper.builder(factory)
            // Keep 1.50 as 1.50 and large numbers exact, for a faithful round trip.
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .disable(JsonNodeFeature.STRIP_TRAILING_BIGDECIMAL_ZEROES)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();
  }

  /** Returns the configured mapper; do not reconfigure it. */
  public ObjectMapper mapper() {
    return mapper;
  }

  /** Returns the limits this instance enforces. */
  public StixReadLimits limits() {
    return limits;
  }

  /** Parses JSON text into a tree, enforcing the limits. */
  public JsonNode readTree(String json) throws StixParseException {
    // Jackson checks the document length only while filling stream buffers, not for input that
    // is already in memory, so check that here.
    checkLength(json.length());
    try {
      return nonNull(mapper.readTree(json));
    } catch (JsonProcessingException e) {
      throw translate(e);
    }
  }

  /** Parses UTF-8 JSON bytes into a tree, enforcing the limits. */
  public JsonNode readTree(byte[] json) throws StixParseException {
    checkLength(json.length);
    try {
      return nonNull(mapper.readTree(json));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /** Parses a JSON stream into a tree, enforcing the limits; does not close the stream. */
  public JsonNode readTree(InputStream json) throws StixParseException {
    try {
      return nonNull(mapper.readTree(json));
    } catch (IOException e) {
      throw translate(e);
    }
  }

  /** Parses a single STIX object (not a bundle) from JSON text. */
  public StixObject readObject(String json) throws StixParseException {
    return toObject(readTree(json));
  }

  /** Parses a single STIX object (not a bundle) from UTF-8 bytes. */
  public StixObject readObject(byte[] json) throws StixParseException {
    return toObject(readTree(json));
  }

  /** Parses a bundle from JSON text. */
  public Bundle readBundle(String json) throws StixParseException {
    return toBundle(readTree(json));
  }

  /** Parses a bundle from UTF-8 bytes. */
  public Bundle readBundle(byte[] json) throws StixParseException {
    return toBundle(readTree(json));
  }

  /** Parses a bundle from a stream; does not close the stream. */
  public Bundle readBundle(InputStream json) throws StixParseException {
    return toBundle(readTree(json));
  }

  /**
   * Turns a parsed tree into a model object.
   *
   * @throws StixParseException when the tree is not a JSON object with a string type and id, or is
   *     a bundle
   */
  public StixObject toObject(JsonNode tree) throws StixParseException {
    if (!tree.isObject()) {
      throw new StixParseException("a STIX object must be a JSON object, got " + kind(tree));
    }
    if ("bundle".equals(tree.path("type").asText())) {
      throw new StixParseException("expected a STIX object, got a bundle");
    }
    try {
      return StixObject.of((ObjectNode) tree);
    } catch (IllegalArgumentException e) {
      throw new StixParseException(e.getMessage());
    }
  }

  /**
   * Turns a parsed tree into a bundle.
   *
   * @throws StixParseException when the tree is not a bundle whose objects have a type and an id
   */
  public Bundle toBundle(JsonNode tree) throws StixParseException {
    if (!tree.isObject()) {
      throw new StixParseException("a STIX bundle must be a JSON object, got " + kind(tree));
    }
    try {
      return Bundle.from((ObjectNode) tree);
    } catch (IllegalArgumentException e) {
      throw new StixParseException(e.getMessage());
    }
  }

  /** Writes an object as compact JSON, properties in their original order. */
  public String write(StixObject object) {
    return writeTree(object.tree());
  }

  /** Writes a bundle as compact JSON, properties in their original order. */
  public String write(Bundle bundle) {
    return writeTree(bundle.tree());
  }

  /** Writes a bundle as compact UTF-8 JSON bytes. */
  public byte[] writeBytes(Bundle bundle) {
    return write(bundle).getBytes(StandardCharsets.UTF_8);
  }

  /** Writes an object as compact UTF-8 JSON bytes. */
  public byte[] writeBytes(StixObject object) {
    return write(object).getBytes(StandardCharsets.UTF_8);
  }

  private String writeTree(JsonNode tree) {
    try {
      return mapper.writeValueAsString(tree);
    } catch (JsonProcessingException e) {
      // Writing an in-memory tree to a String cannot hit I/O; anything here is a bug.
      throw new UncheckedIOException(e);
    }
  }

  private void checkLength(long length) throws StixParseException {
    if (length > limits.maxDocumentLength()) {
      throw new StixParseException(
          "input exceeds a read limit: document longer than " + limits.maxDocumentLength());
    }
  }

  private static JsonNode nonNull(JsonNode tree) throws StixParseException {
    if (tree == null || tree.isMissingNode()) {
      throw new StixParseException("empty input: no JSON value");
    }
    return tree;
  }

  private static String kind(JsonNode n) {
    return n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
  }

  private StixParseException translate(IOException e) {
    long line = -1;
    long column = -1;
    String reason;
    if (e instanceof JsonProcessingException jpe) {
      JsonLocation loc = jpe.getLocation();
      if (loc != null && loc.getLineNr() > 0) {
        line = loc.getLineNr();
        column = loc.getColumnNr();
      }
      String original = jpe.getOriginalMessage();
      if (e instanceof StreamConstraintsException) {
        reason = "input exceeds a read limit: " + limitReason(original);
      } else if (original != null && original.startsWith("Duplicate field")) {
        reason = "duplicate property: " + original.substring("Duplicate field".length()).trim();
      } else {
        reason = "malformed JSON: " + firstLine(original);
      }
    } else {
      reason = "could not read input: " + firstLine(e.getMessage());
    }
    return new StixParseException(reason, line, column, e);
  }

  private String limitReason(String original) {
    String o = original == null ? "" : original;
    if (o.contains("nesting depth")) {
      return "nesting deeper than " + limits.maxNestingDepth();
    }
    if (o.contains("String value length")) {
      return "a string longer than " + limits.maxStringLength() + " characters";
    }
    if (o.contains("Document length") || o.contains("document length")) {
      return "document longer than " + limits.maxDocumentLength();
    }
    return firstLine(o);
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "(no detail)";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
