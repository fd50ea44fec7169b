package org.isachub.ingest.read.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;
import org.isachub.ingest.read.ReadException;
import org.isachub.ingest.read.ReadLimits;
import org.isachub.ingest.read.Rejection;
import org.isachub.ingest.read.RejectionCodes;
import org.jspecify.annotations.Nullable;

/**
 * Splits a byte stream into strictly decoded UTF-8 lines ({@code \n}, {@code \r\n} or a lone {@code
 * \r}), holding at most one line of {@link ReadLimits#maxLineLength()} bytes in memory and failing
 * the whole read once {@link ReadLimits#maxInputBytes()} is passed. Not thread-safe.
 */
public final class LineSource {

  private final InputStream in;
  private final long maxInputBytes;
  private final int maxLineLength;
  private final int keep;
  private final byte[] buf = new byte[8192];
  private int pos;
  private int len;
  private long total;
  private int lineNumber;
  private byte[] line = new byte[256];
  private final CharsetDecoder decoder =
      StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT);

  /**
   * Creates a source over a stream; the caller keeps ownership of the stream.
   *
   * @param in the input
   * @param limits the input size and line length bounds
   */
  public LineSource(InputStream in, ReadLimits limits) {
    this.in = Objects.requireNonNull(in, "in");
    this.maxInputBytes = limits.maxInputBytes();
    this.maxLineLength = limits.maxLineLength();
    // Keep a whole line within the limit, or enough of a long one for a full rejection excerpt.
    this.keep = Math.max(maxLineLength, Rejection.MAX_EXCERPT * 4);
  }

  /**
   * Reads the next line.
   *
   * @return the line, or {@code null} at the end of the input
   * @throws ReadException when the input exceeds its size bound or the stream fails
   */
  public @Nullable Line next() throws ReadException {
    int b = read();
    if (b < 0) {
      return null;
    }
    lineNumber++;
    int stored = 0;
    long length = 0;
    while (b >= 0 && b != '\n' && b != '\r') {
      if (stored < keep) {
        if (stored == line.length) {
          line = Arrays.copyOf(line, Math.min(keep, line.length * 2));
        }
        line[stored++] = (byte) b;
      }
      length++;
      b = read();
    }
    if (b == '\r' && peek() == '\n') {
      read();
    }
    int start = 0;
    if (lineNumber == 1
        && stored >= 3
        && line[0] == (byte) 0xEF
        && line[1] == (byte) 0xBB
        && line[2] == (byte) 0xBF) {
      start = 3; // a UTF-8 byte order mark says nothing about content
      length -= 3;
    }
    if (length > maxLineLength) {
      return new Line(lineNumber, lossy(start, stored), length, Line.Fault.TOO_LONG);
    }
    try {
      CharBuffer chars = decoder.reset().decode(ByteBuffer.wrap(line, start, stored - start));
      return new Line(lineNumber, chars.toString(), length, Line.Fault.NONE);
    } catch (CharacterCodingException e) {
      return new Line(lineNumber, lossy(start, stored), length, Line.Fault.BAD_ENCODING);
    }
  }

  private String lossy(int start, int stored) {
    int n = Math.min(stored - start, Rejection.MAX_EXCERPT * 4);
    return new String(line, start, n, StandardCharsets.UTF_8);
  }

  private int peek() throws ReadException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos] & 0xFF;
  }

  private int read() throws ReadException {
    if (pos == len && !fill()) {
      return -1;
    }
    return buf[pos++] & 0xFF;
  }

  private boolean fill() throws ReadException {
    int n;
    try {
      n = in.read(buf, 0, buf.length);
    } catch (IOException e) {
      throw new ReadException(
          RejectionCodes.IO_ERROR, "reading the input failed: " + e.getMessage(), e);
    }
    if (n <= 0) {
      return false;
    }
    total += n;
    if (total > maxInputBytes) {
      throw new ReadException(
          RejectionCodes.LIMIT_INPUT_BYTES,
          "the input is larger than the limit of " + maxInputBytes + " bytes");
    }
    pos = 0;
    len = n;
    return true;
  }
}
