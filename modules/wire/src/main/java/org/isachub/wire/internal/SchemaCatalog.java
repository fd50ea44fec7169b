package org.isachub.wire.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.SchemaStore;
import org.isachub.wire.avro.AuditEvent;
import org.isachub.wire.avro.DeadLetter;
import org.isachub.wire.avro.FeedEntry;
import org.isachub.wire.avro.IndicatorState;
import org.isachub.wire.avro.IngestPosition;
import org.isachub.wire.avro.Member;
import org.isachub.wire.avro.Sighting;
import org.isachub.wire.avro.Submission;
import org.isachub.wire.avro.Subscription;
import org.jspecify.annotations.Nullable;

/**
 * Every schema the hub can read: the current ones compiled into this jar and every released version
 * kept under {@code isachub/schemas/released/}. Immutable and thread-safe.
 */
public final class SchemaCatalog implements SchemaStore {

  /** Released schema versions, oldest first; each is a folder under schemas/released/. */
  public static final List<String> RELEASED_VERSIONS = List.of("v1");

  /** The top-level records of the wire contract, in dependency order for parsing. */
  public static final List<String> RECORD_FILES =
      List.of(
          "Submission",
          "Sighting",
          "IndicatorState",
          "Member",
          "Subscription",
          "FeedEntry",
          "DeadLetter",
          "AuditEvent",
          "IngestPosition");

  /** Shared named types that the record files refer to; parsed first. */
  public static final List<String> SHARED_TYPE_FILES = List.of("Tlp", "Clearance", "Decision");

  private static final SchemaCatalog INSTANCE = new SchemaCatalog();

  private final Map<Long, Schema> byFingerprint = new HashMap<>();
  private final Map<String, Map<String, Schema>> releasedByName = new LinkedHashMap<>();

  private SchemaCatalog() {
    for (Schema current :
        List.of(
            Submission.SCHEMA$,
            Sighting.SCHEMA$,
            IndicatorState.SCHEMA$,
            Member.SCHEMA$,
            Subscription.SCHEMA$,
            FeedEntry.SCHEMA$,
            DeadLetter.SCHEMA$,
            AuditEvent.SCHEMA$,
            IngestPosition.SCHEMA$)) {
      byFingerprint.put(fingerprint(current), current);
    }
    for (String version : RELEASED_VERSIONS) {
      Map<String, Schema> parsed = parseReleased(version);
      releasedByName.put(version, parsed);
      parsed.values().forEach(s -> byFingerprint.putIfAbsent(fingerprint(s), s));
    }
  }

  /**
   * The shared catalogue.
   *
   * @return the single instance
   */
  public static SchemaCatalog get() {
    return INSTANCE;
  }

  /**
   * The single-object-encoding fingerprint of a schema (CRC-64-AVRO of its canonical form).
   *
   * @param schema a schema
   * @return its fingerprint
   */
  public static long fingerprint(Schema schema) {
    return SchemaNormalization.parsingFingerprint64(schema);
  }

  @Override
  public @Nullable Schema findByFingerprint(long fingerprint) {
    return byFingerprint.get(fingerprint);
  }

  /**
   * The released schemas of one version, by record simple name.
   *
   * @param version e.g. {@code v1}
   * @return the records of that version
   */
  public Map<String, Schema> released(String version) {
    Map<String, Schema> schemas = releasedByName.get(version);
    if (schemas == null) {
      throw new IllegalArgumentException("no released schema version " + version);
    }
    return schemas;
  }

  /**
   * Every schema with the given full name that the hub can read: current and released.
   *
   * @param fullName e.g. {@code org.isachub.wire.avro.Submission}
   * @return the distinct schemas, current first
   */
  public List<Schema> versionsOf(String fullName) {
    List<Schema> out = new ArrayList<>();
    for (Schema s : byFingerprint.values()) {
      if (s.getFullName().equals(fullName) && !out.contains(s)) {
        out.add(s);
      }
    }
    return out;
  }

  private static Map<String, Schema> parseReleased(String version) {
    Schema.Parser parser = new Schema.Parser();
    Map<String, Schema> out = new LinkedHashMap<>();
    for (String name : SHARED_TYPE_FILES) {
      parser.parse(read(version, name));
    }
    for (String name : RECORD_FILES) {
      out.put(name, parser.parse(read(version, name)));
    }
    return out;
  }

  private static String read(String version, String name) {
    String path = "isachub/schemas/released/" + version + "/" + name + ".avsc";
    try (InputStream in = SchemaCatalog.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("released schema missing from the wire jar: " + path);
      }
      return new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + path, e);
    }
  }
}
