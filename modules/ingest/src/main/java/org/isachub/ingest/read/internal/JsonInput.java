package org.isachub.ingest.read.internal;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.isachub.ingest.read.ReadException;
import org.isachub.ingest.read.ReadLimits;
import org.isachub.ingest.read.Rejection;
import org.isachub.ingest.read.RejectionCodes;
import org.jspecify.annotations.Nullable;

/**
 * Parses untrusted JSON into a tree within {@link ReadLimits}: size, nesting depth and string
 * length are enforced by Jackson's {@link StreamReadConstraints}; duplicate keys and trailing
 * content are syntax errors. Thread-safe.
 */
public final class JsonInput {

  private JsonInput() {}

  /**
   * The outcome of a parse: a tree, or a syntax error message with its position.
   *
   * @param root the tree, or {@code null} when the input is not JSON
   * @param error what is wrong, when {@code root} is null
   * @param excerpt the start of the input, for a rejection, when {@code root} is null
   */
  public record Parsed(@Nullable JsonNode root, String error, String excerpt) {}

  /**
   * Builds a mapper that enforces the given limits.
   *
   * @param limits the bounds
   * @return a thread-safe mapper
   */
  public static ObjectMapper mapper(ReadLimits limits) {
    StreamReadConstraints constraints =
        StreamReadConstraints.builder()
            .maxNestingDepth(limits.maxJsonDepth())
            .maxStringLength(limits.maxStringLength())
            .maxDocumentLength(limits.maxInputBytes())
            .build();
    JsonFactory factory =
        JsonFactory.builder()
            .streamReadConstraints(constraints)
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();
    return JsonMapper.builder(factory)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .build();
  }

  /**
   * Reads the whole input (bounded) and parses it with a fresh mapper.
   *
   * @param in the input; the caller keeps ownership
   * @param limits the bounds
   * @return the tree or the syntax error
   * @throws ReadException for exceeded limits and stream failures
   */
  public static Parsed parse(InputStream in, ReadLimits limits) throws ReadException {
    return parse(in, limits, mapper(limits));
  }

  /**
   * Reads the whole input (bounded) and parses it.
   *
   * @param in the input; the caller keeps ownership
   * @param limits the bounds
   * @param mapper a mapper from {@link #mapper(ReadLimits)} for the same limits
   * @return the tree or the syntax error
   * @throws ReadException for exceeded limits and stream failures
   */
  public static Parsed parse(InputStream in, ReadLimits limits, ObjectMapper mapper)
      throws ReadException {
    byte[] bytes = readBounded(in, limits.maxInputBytes());
    try {
      JsonNode root = mapper.readTree(bytes);
      if (root == null || root.isMissingNode()) {
        return new Parsed(null, "the input is empty", "");
      }
      return new Parsed(root, "", "");
    } catch (StreamConstraintsException e) {
      throw limitExceeded(e);
    } catch (JsonProcessingException e) {
      return new Parsed(null, e.getOriginalMessage() + where(e.getLocation()), excerpt(bytes));
    } catch (IOException e) {
      throw new ReadException(RejectionCodes.IO_ERROR, "reading the JSON failed: " + e, e);
    }
  }

  private static String excerpt(byte[] bytes) {
    int n = Math.min(bytes.length, Rejection.MAX_EXCERPT * 4);
    return new String(bytes, 0, n, StandardCharsets.UTF_8);
  }

  private static String where(@Nullable JsonLocation loc) {
    if (loc == null || loc.getLineNr() < 0) {
      return "";
    }
    return " (line " + loc.getLineNr() + ", column " + loc.getColumnNr() + ")";
  }

  private static ReadException limitExceeded(StreamConstraintsException e) {
    String m = String.valueOf(e.getOriginalMessage());
    String code;
    if (m.contains("getMaxNestingDepth")) {
      code = RejectionCodes.LIMIT_JSON_DEPTH;
    } else if (m.contains("getMaxStringLength")) {
      code = RejectionCodes.LIMIT_JSON_STRING;
    } else if (m.contains("getMaxDocumentLength")) {
      code = RejectionCodes.LIMIT_INPUT_BYTES;
    } else {
      code = RejectionCodes.LIMIT_JSON_OTHER;
    }
    return new ReadException(code, "the JSON exceeds a limit: " + m, e);
  }

  /**
   * Reads a stream fully, failing once it passes the bound.
   *
   * @param in the stream
   * @param max the most bytes allowed
   * @return the bytes
   * @throws ReadException with {@code limit.input-bytes} or {@code io.error}
   */
  public static byte[] readBounded(InputStream in, long max) throws ReadException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    byte[] buf = new byte[8192];
    long total = 0;
    try {
      int n;
      while ((n = in.read(buf)) > 0) {
        total += n;
        if (total > max) {
          throw new ReadException(
              RejectionCodes.LIMIT_INPUT_BYTES,
              "the input is larger than the limit of " + max + " bytes");
        }
        out.write(buf, 0, n);
      }
    } catch (IOException e) {
      throw new ReadException(
          RejectionCodes.IO_ERROR, "reading the input failed: " + e.getMessage(), e);
    }
    return out.toByteArray();
  }
}
