package org.isachub.wire;

import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;
import org.jspecify.annotations.Nullable;

/**
 * Kafka serializer, deserializer and serde in one, for one generated record type, in Avro
 * single-object encoding. A null value is a tombstone both ways. Malformed input raises {@link
 * org.apache.kafka.common.errors.SerializationException} with the reason, which consumers and Kafka
 * Streams route to the dead-letter topic.
 *
 * <p>Thread-safe.
 *
 * @param <T> the generated record class
 */
public final class WireSerde<T extends SpecificRecord>
    implements Serde<T>, Serializer<T>, Deserializer<T> {

  private final WireCodec<T> codec;

  /**
   * Creates the serde of a record class.
   *
   * @param type e.g. {@code Submission.class}
   */
  public WireSerde(Class<T> type) {
    this.codec = WireCodec.of(type);
  }

  /**
   * The codec underneath.
   *
   * @return the codec
   */
  public WireCodec<T> codec() {
    return codec;
  }

  @Override
  public byte @Nullable [] serialize(String topic, @Nullable T data) {
    return data == null ? null : codec.encode(data);
  }

  @Override
  public @Nullable T deserialize(String topic, byte @Nullable [] data) {
    return data == null ? null : codec.decode(data);
  }

  @Override
  public Serializer<T> serializer() {
    return this;
  }

  @Override
  public Deserializer<T> deserializer() {
    return this;
  }

  @Override
  public void configure(java.util.Map<String, ?> configs, boolean isKey) {
    // Nothing to configure: the schema comes from the record class.
  }

  @Override
  public void close() {
    // Nothing to release: the codec is shared and stateless.
  }
}
