package org.isachub.wire;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.isachub.wire.internal.SchemaCatalog;
import org.junit.jupiter.api.Test;

class SchemaEvolutionTest {

  private static final Path SCHEMAS = Path.of("../../schemas");

  @Test
  void shouldKeepEveryCurrentSchemaBackwardAndForwardCompatibleWithEveryReleasedVersion() {
    List<String> problems = new ArrayList<>();
    for (String version : SchemaCatalog.RELEASED_VERSIONS) {
      for (Map.Entry<String, Schema> released : SchemaCatalog.get().released(version).entrySet()) {
        Schema current = WireCodec.of(recordClass(released.getKey())).schema();
        check(problems, version, released.getKey(), "backward", current, released.getValue());
        check(problems, version, released.getKey(), "forward", released.getValue(), current);
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldListEveryReleasedVersionFolderInTheCatalogue() throws IOException {
    try (Stream<Path> dirs = Files.list(SCHEMAS.resolve("released"))) {
      assertThat(dirs.map(p -> p.getFileName().toString()).sorted())
          .containsExactlyElementsOf(SchemaCatalog.RELEASED_VERSIONS);
    }
  }

  @Test
  void shouldCoverEverySchemaFileWithTheCatalogue() throws IOException {
    List<String> expected = new ArrayList<>(SchemaCatalog.SHARED_TYPE_FILES);
    expected.addAll(SchemaCatalog.RECORD_FILES);
    try (Stream<Path> files = Files.list(SCHEMAS)) {
      assertThat(
              files
                  .filter(p -> p.toString().endsWith(".avsc"))
                  .map(p -> p.getFileName().toString().replace(".avsc", "")))
          .containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  @Test
  void shouldDocumentEveryTypeAndField() {
    List<String> undocumented = new ArrayList<>();
    for (String name : SchemaCatalog.RECORD_FILES) {
      collectUndocumented(
          WireCodec.of(recordClass(name)).schema(), undocumented, new ArrayList<>());
    }
    assertThat(undocumented).isEmpty();
  }

  @Test
  void shouldDetectAnIncompatibleChangeWhenOneIsMade() {
    // Proves the check above can fail: a new required field without a default breaks backward
    // compatibility (new readers cannot read old records).
    Schema released = SchemaCatalog.get().released("v1").get("Submission");
    String json =
        released
            .toString()
            .replace("\"fields\":[", "\"fields\":[{\"name\":\"extra\",\"type\":\"string\"},");
    Schema changed = new Schema.Parser().parse(json);
    assertThat(SchemaCompatibility.checkReaderWriterCompatibility(changed, released).getType())
        .isEqualTo(SchemaCompatibilityType.INCOMPATIBLE);
  }

  private static void check(
      List<String> problems,
      String version,
      String name,
      String direction,
      Schema reader,
      Schema writer) {
    var result = SchemaCompatibility.checkReaderWriterCompatibility(reader, writer);
    if (result.getType() != SchemaCompatibilityType.COMPATIBLE) {
      problems.add(
          name
              + " is not "
              + direction
              + " compatible with "
              + version
              + ": "
              + result.getResult().getIncompatibilities());
    }
  }

  private static void collectUndocumented(Schema schema, List<String> out, List<String> seen) {
    switch (schema.getType()) {
      case RECORD, ENUM -> {
        if (seen.contains(schema.getFullName())) {
          return;
        }
        seen.add(schema.getFullName());
        if (schema.getDoc() == null || schema.getDoc().isBlank()) {
          out.add(schema.getFullName());
        }
        if (schema.getType() == Schema.Type.RECORD) {
          for (Schema.Field field : schema.getFields()) {
            if (field.doc() == null || field.doc().isBlank()) {
              out.add(schema.getName() + "." + field.name());
            }
            collectUndocumented(field.schema(), out, seen);
          }
        }
      }
      case UNION -> schema.getTypes().forEach(s -> collectUndocumented(s, out, seen));
      case ARRAY -> collectUndocumented(schema.getElementType(), out, seen);
      case MAP -> collectUndocumented(schema.getValueType(), out, seen);
      default -> {}
    }
  }

  @SuppressWarnings("unchecked")
  private static Class<org.apache.avro.specific.SpecificRecord> recordClass(String simpleName) {
    try {
      return (Class<org.apache.avro.specific.SpecificRecord>)
          Class.forName("org.isachub.wire.avro." + simpleName);
    } catch (ClassNotFoundException e) {
      throw new AssertionError("no generated class for " + simpleName, e);
    }
  }
}
