package org.isachub.stix.model;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Locates the outside reference data for tests; tests skip when it is absent. */
public final class SharedData {

  private SharedData() {}

  /** Returns the shared data folder, or skips the calling test when it is absent. */
  public static Path dir() {
    String prop = System.getProperty("isachub.shared.data");
    Path dir = prop != null ? Paths.get(prop) : Paths.get("../../../shared/data");
    assumeTrue(
        Files.isDirectory(dir.resolve("stix")),
        "shared reference data not found at " + dir.toAbsolutePath() + "; skipping");
    return dir.normalize();
  }

  /**
   * Returns every STIX 2.1 JSON document in the shared data: the OASIS examples (with the threat
   * reports), the CTI documentation examples, the MISP STIX 2.1 conversions and ATT&amp;CK for ICS.
   */
  public static List<Path> stix21Documents() {
    Path dir = dir();
    List<Path> out = new ArrayList<>();
    out.addAll(jsonUnder(dir.resolve("stix/oasis-examples")));
    out.addAll(jsonUnder(dir.resolve("stix/cti-documentation-examples")));
    out.addAll(
        jsonUnder(dir.resolve("misp")).stream()
            .filter(p -> p.getFileName().toString().endsWith("_stix21.json"))
            .toList());
    out.add(dir.resolve("attack/ics-attack-18.1.json"));
    return out;
  }

  private static List<Path> jsonUnder(Path root) {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(p -> p.toString().endsWith(".json")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
