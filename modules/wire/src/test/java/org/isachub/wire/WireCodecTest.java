package org.isachub.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Submission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class WireCodecTest {

  static Stream<SpecificRecord> samples() {
    return WireSamples.all().values().stream();
  }

  @SuppressWarnings("unchecked")
  static <T extends SpecificRecord> WireCodec<T> codecOf(T record) {
    return WireCodec.of((Class<T>) record.getClass());
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldRoundTripEveryField(SpecificRecord record) {
    WireCodec<SpecificRecord> codec = codecOf(record);
    byte[] bytes = codec.encode(record);
    assertThat(bytes[0]).isEqualTo((byte) 0xC3);
    assertThat(bytes[1]).isEqualTo((byte) 0x01);
    assertThat(codec.decode(bytes)).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("samples")
  @SuppressWarnings("unchecked")
  void shouldInteroperateWithAvrosOwnMessageEncoderAndDecoder(SpecificRecord record)
      throws Exception {
    WireCodec<SpecificRecord> codec = codecOf(record);
    // The generated classes' own encoder and decoder, as a partner would use them.
    BinaryMessageEncoder<SpecificRecord> avroEncoder =
        (BinaryMessageEncoder<SpecificRecord>)
            record.getClass().getMethod("getEncoder").invoke(null);
    BinaryMessageDecoder<SpecificRecord> avroDecoder =
        (BinaryMessageDecoder<SpecificRecord>)
            record.getClass().getMethod("getDecoder").invoke(null);

    ByteBuffer encodedByAvro = avroEncoder.encode(record);
    byte[] avroBytes = new byte[encodedByAvro.remaining()];
    encodedByAvro.get(avroBytes);

    assertThat(codec.decode(avroBytes)).isEqualTo(record);
    assertThat(avroDecoder.decode(codec.encode(record))).isEqualTo(record);
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldRejectEveryTruncationWithASerializationException(SpecificRecord record) {
    WireCodec<SpecificRecord> codec = codecOf(record);
    byte[] bytes = codec.encode(record);
    String name = record.getSchema().getName();
    for (int length = 0; length < bytes.length; length++) {
      byte[] prefix = Arrays.copyOf(bytes, length);
      assertThatThrownBy(() -> codec.decode(prefix))
          .as("prefix of %d of %d bytes", length, bytes.length)
          .isExactlyInstanceOf(SerializationException.class)
          .hasMessageStartingWith("cannot decode " + name + ": ");
    }
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldRejectTrailingBytes(SpecificRecord record) {
    WireCodec<SpecificRecord> codec = codecOf(record);
    byte[] bytes = codec.encode(record);
    byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
    assertThatThrownBy(() -> codec.decode(longer))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageContaining("trailing bytes");
  }

  @ParameterizedTest
  @MethodSource("samples")
  void shouldNeverThrowAnythingButSerializationExceptionOnMutatedInput(SpecificRecord record) {
    WireCodec<SpecificRecord> codec = codecOf(record);
    byte[] original = codec.encode(record);
    Random random = new Random(original.length);
    int rejected = 0;
    for (int i = 0; i < 2_000; i++) {
      byte[] mutated = original.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        // Keep the header intact half of the time so the body decoder is exercised.
        int from = random.nextBoolean() ? WireCodec.HEADER_LENGTH : 0;
        int at = from + random.nextInt(mutated.length - from);
        mutated[at] = (byte) random.nextInt(256);
      }
      try {
        codec.decode(mutated);
      } catch (SerializationException e) {
        rejected++;
        assertThat(e.getMessage()).startsWith("cannot decode ");
      }
    }
    assertThat(rejected).isPositive();
  }

  @Test
  void shouldExplainAnInputShorterThanTheHeader() {
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(new byte[] {(byte) 0xC3, 1, 2}))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessage(
            "cannot decode Submission: 3 bytes is shorter than the 10-byte single-object header");
  }

  @Test
  void shouldExplainAMissingMarker() {
    byte[] json = "{\"type\":\"indicator\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(json))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessage(
            "cannot decode Submission: not Avro single-object encoding (expected marker c3 01, got"
                + " 7b 22)");
  }

  @Test
  void shouldNameTheRecordTypeWhenAnotherSchemaWasWritten() {
    byte[] member = WireCodec.of(Member.class).encode(WireSamples.member());
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(member))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith(
            "cannot decode Submission: the record is a Member (schema fingerprint")
        .hasMessageEndingWith("not a Submission");
  }

  @Test
  void shouldExplainAnUnknownFingerprint() {
    byte[] bytes = WireCodec.of(Submission.class).encode(WireSamples.submission());
    for (int i = 2; i < WireCodec.HEADER_LENGTH; i++) {
      bytes[i] = (byte) 0x5A;
    }
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(bytes))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessage(
            "cannot decode Submission: unknown schema fingerprint 5a5a5a5a5a5a5a5a (not the current"
                + " or a released version of any isachub schema)");
  }

  @Test
  void shouldRejectAClaimedHugeStringWithoutAllocatingIt() {
    byte[] valid = WireCodec.of(Submission.class).encode(WireSamples.submission());
    // The first field is a string: its zig-zag varint length claims about 1 GiB.
    byte[] bytes = Arrays.copyOf(valid, WireCodec.HEADER_LENGTH + 5);
    byte[] oneGib = {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, 0x08};
    System.arraycopy(oneGib, 0, bytes, WireCodec.HEADER_LENGTH, 5);
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(bytes))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode Submission: ");
  }

  @Test
  void shouldRejectAnEnumIndexOutOfRange() {
    Submission submission = WireSamples.submission();
    byte[] bytes = WireCodec.of(Submission.class).encode(submission);
    // The third field is the kind enum, right after two strings (varint length then bytes).
    int at = WireCodec.HEADER_LENGTH;
    for (int field = 0; field < 2; field++) {
      int length = (bytes[at] & 0xFF) >>> 1;
      at += 1 + length;
    }
    bytes[at] = 0x7E; // zig-zag 63: no such symbol
    assertThatThrownBy(() -> WireCodec.of(Submission.class).decode(bytes))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot decode Submission: malformed record body: ");
  }

  @Test
  void shouldRefuseToEncodeARecordWithAMissingRequiredField() {
    Submission broken = WireSamples.submission();
    broken.put("source", null);
    assertThatThrownBy(() -> WireCodec.of(Submission.class).encode(broken))
        .isExactlyInstanceOf(SerializationException.class)
        .hasMessageStartingWith("cannot encode Submission: ");
  }

  @Test
  void shouldTreatNullAsATombstoneInTheSerde() {
    WireSerde<Submission> serde = new WireSerde<>(Submission.class);
    assertThat(serde.serialize("t", null)).isNull();
    assertThat(serde.deserialize("t", null)).isNull();
  }
}
