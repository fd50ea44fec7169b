package org.isachub.wire;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SystemLimitException;
import org.apache.avro.data.TimeConversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.io.BinaryDecoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumReader;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.isachub.wire.internal.SchemaCatalog;

/**
 * Encodes and decodes one record type in Avro single-object encoding: a two-byte marker {@code C3
 * 01}, the 8-byte little-endian CRC-64-AVRO fingerprint of the writer's schema, then the Avro
 * binary body. Records written with any released version of the schema are read into the current
 * class. Compatible with Avro's own {@code BinaryMessageEncoder}/{@code BinaryMessageDecoder}.
 *
 * <p>Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class WireCodec<T extends SpecificRecord> {

  /** Length of the single-object header: marker (2) plus fingerprint (8). */
  public static final int HEADER_LENGTH = 10;

  /** Largest string or bytes value a record may hold when decoded (16 MiB). */
  public static final int MAX_VALUE_BYTES = 16 * 1024 * 1024;

  /** Largest array or map a record may hold when decoded. */
  public static final int MAX_COLLECTION_ITEMS = 1_000_000;

  private static final byte MARKER_0 = (byte) 0xC3;
  private static final byte MARKER_1 = (byte) 0x01;
  private static final Map<Class<?>, WireCodec<?>> CODECS = new ConcurrentHashMap<>();

  static {
    // Garbage can claim a string of 2 GiB; Avro then allocates before noticing the input is short.
    // These limits are read once, process-wide, so set them before Avro first decodes anything.
    setIfAbsent(SystemLimitException.MAX_BYTES_LENGTH_PROPERTY, MAX_VALUE_BYTES);
    setIfAbsent(SystemLimitException.MAX_STRING_LENGTH_PROPERTY, MAX_VALUE_BYTES);
    setIfAbsent(SystemLimitException.MAX_COLLECTION_LENGTH_PROPERTY, MAX_COLLECTION_ITEMS);
    // Avro's array type compares its elements with the default model. Without this conversion two
    // equal records holding an optional timestamp inside an array (Member.tokens,
    // IndicatorState.contributions) throw instead of comparing equal.
    GenericData.get().addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
  }

  private final Class<T> type;
  private final Schema schema;
  private final String typeName;
  private final SpecificData model;
  private final BinaryMessageEncoder<T> encoder;
  private final Map<Long, SpecificDatumReader<T>> readers = new HashMap<>();

  private WireCodec(Class<T> type) {
    this.type = type;
    // Our own model with the logical-type conversions the schemas use: the default model would
    // not convert Instants inside unions of nested records.
    this.model = new SpecificData(type.getClassLoader());
    model.addLogicalTypeConversion(new TimeConversions.TimestampMillisConversion());
    this.schema = model.getSchema(type);
    this.typeName = schema.getName();
    this.encoder = new BinaryMessageEncoder<>(model, schema);
    for (Schema writer : SchemaCatalog.get().versionsOf(schema.getFullName())) {
      readers.put(
          SchemaCatalog.fingerprint(writer), new SpecificDatumReader<>(writer, schema, model));
    }
  }

  /**
   * The codec for a generated record class.
   *
   * @param type e.g. {@code Submission.class}
   * @param <T> the record class
   * @return a shared codec
   */
  @SuppressWarnings("unchecked")
  public static <T extends SpecificRecord> WireCodec<T> of(Class<T> type) {
    return (WireCodec<T>) CODECS.computeIfAbsent(type, t -> new WireCodec<>(type));
  }

  /**
   * The record class this codec reads and writes.
   *
   * @return the class
   */
  public Class<T> type() {
    return type;
  }

  /**
   * The current (writer) schema.
   *
   * @return the schema compiled into this jar
   */
  public Schema schema() {
    return schema;
  }

  /**
   * Encodes a record with the current schema.
   *
   * @param record the record
   * @return its single-object encoding
   * @throws SerializationException if the record cannot be written (e.g. a required field is null)
   */
  public byte[] encode(T record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      encoder.encode(record, out);
      return out.toByteArray();
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot encode " + typeName + ": " + describe(e), e instanceof IOException ? e : null);
    }
  }

  /**
   * Decodes a record written with the current or any released schema version.
   *
   * @param bytes the single-object encoding
   * @return the record, in the current schema
   * @throws SerializationException naming what was wrong: a short or unmarked header, a fingerprint
   *     of another record type or of no known schema, a truncated or malformed body, or trailing
   *     bytes
   */
  public T decode(byte[] bytes) {
    if (bytes.length < HEADER_LENGTH) {
      throw new SerializationException(
          "cannot decode "
              + typeName
              + ": "
              + bytes.length
              + " bytes is shorter than the 10-byte single-object header");
    }
    if (bytes[0] != MARKER_0 || bytes[1] != MARKER_1) {
      throw new SerializationException(
          "cannot decode "
              + typeName
              + ": not Avro single-object encoding (expected marker c3 01, got "
              + HexFormat.ofDelimiter(" ").formatHex(bytes, 0, 2)
              + ")");
    }
    long fingerprint = fingerprintOf(bytes);
    SpecificDatumReader<T> reader = readers.get(fingerprint);
    if (reader == null) {
      throw new SerializationException(unknownFingerprint(fingerprint));
    }
    BinaryDecoder decoder =
        DecoderFactory.get()
            .binaryDecoder(bytes, HEADER_LENGTH, bytes.length - HEADER_LENGTH, null);
    T record;
    try {
      record = reader.read(null, decoder);
    } catch (EOFException e) {
      throw new SerializationException(
          "cannot decode " + typeName + ": record is truncated (" + bytes.length + " bytes)");
    } catch (IOException | RuntimeException e) {
      throw new SerializationException(
          "cannot decode " + typeName + ": malformed record body: " + describe(e));
    }
    try {
      if (!decoder.isEnd()) {
        throw new SerializationException(
            "cannot decode " + typeName + ": trailing bytes after the end of the record");
      }
    } catch (IOException e) {
      throw new SerializationException("cannot decode " + typeName + ": " + describe(e));
    }
    return record;
  }

  private String unknownFingerprint(long fingerprint) {
    String hex = String.format("%016x", fingerprint);
    Schema other = SchemaCatalog.get().findByFingerprint(fingerprint);
    if (other != null) {
      return "cannot decode "
          + typeName
          + ": the record is a "
          + other.getName()
          + " (schema fingerprint "
          + hex
          + "), not a "
          + typeName;
    }
    return "cannot decode "
        + typeName
        + ": unknown schema fingerprint "
        + hex
        + " (not the current or a released version of any isachub schema)";
  }

  private static long fingerprintOf(byte[] bytes) {
    long fp = 0;
    for (int i = 9; i >= 2; i--) {
      fp = (fp << 8) | (bytes[i] & 0xFFL);
    }
    return fp;
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    if (e instanceof AvroRuntimeException && message != null) {
      return message;
    }
    return e.getClass().getSimpleName() + (message == null ? "" : ": " + message);
  }

  private static void setIfAbsent(String property, int value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, Integer.toString(value));
    }
  }
}
