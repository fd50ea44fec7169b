package org.isachub.ingest.read;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the outside reference data; tests using it are skipped when it is absent. */
final class SharedData {

  private SharedData() {}

  static Path file(String relative) {
    String configured = System.getProperty("isachub.shared.data");
    Path root =
        configured != null && !configured.isBlank()
            ? Path.of(configured)
            : Path.of("../../../shared/data");
    Path file = root.resolve(relative).normalize();
    assumeTrue(
        Files.isRegularFile(file),
        "reference data " + file + " is absent (it lives outside the project tree); skipping");
    return file;
  }
}
