package org.isachub.stix.validate;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * The official OASIS STIX 2.1 JSON Schemas, loaded from the shared data folder (never from the
 * network), validating one object at a time against the schema for its type.
 */
final class OasisSchemas {

  static final String ID_PREFIX =
      "http://raw.githubusercontent.com/oasis-open/cti-stix2-json-schemas/stix2.1/schemas/";

  /** The schema every custom object is held to: the common properties of all SDOs and SROs. */
  static final String GENERIC = "common/core.json";

  private final Path dir;
  private final SchemaRegistry registry;
  private final Map<String, Schema> cache = new ConcurrentHashMap<>();

  OasisSchemas(Path dir) {
    this.dir = dir.toAbsolutePath().normalize();
    // Map the schemas' $id prefix to the local folder; the library fetches nothing remote.
    this.registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b -> b.resourceLoaders(r -> r.resources(this::localSchemaText)));
  }

  /** Serves a schema IRI under the OASIS prefix from the local folder; nothing else. */
  private @Nullable String localSchemaText(String iri) {
    if (!iri.startsWith(ID_PREFIX)) {
      return null;
    }
    Path file = dir.resolve(iri.substring(ID_PREFIX.length())).normalize();
    if (!file.startsWith(dir) || !Files.isRegularFile(file)) {
      return null;
    }
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Returns the schema file (relative to the folder) that judges objects of this type. */
  String schemaFileFor(String type) {
    if (List.of("marking-definition", "language-content", "extension-definition").contains(type)) {
      return "common/" + type + ".json";
    }
    for (String folder : List.of("sdos", "sros", "observables")) {
      String file = folder + "/" + type + ".json";
      if (Files.exists(dir.resolve(file))) {
        return file;
      }
    }
    return GENERIC;
  }

  /** Validates one object against the schema for its type and returns the schema's errors. */
  List<Error> validate(String schemaFile, JsonNode object) {
    Schema schema =
        cache.computeIfAbsent(
            schemaFile, f -> registry.getSchema(SchemaLocation.of(ID_PREFIX + f)));
    return schema.validate(object);
  }
}
