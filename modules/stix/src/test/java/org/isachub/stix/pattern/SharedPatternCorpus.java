package org.isachub.stix.pattern;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the shared pattern corpora, skipping the calling test when the data folder is absent. */
public final class SharedPatternCorpus {
  private SharedPatternCorpus() {}

  /** Returns the non-blank lines of {@code stix/patterns/<name>}. */
  public static List<String> lines(String name) throws IOException {
    String configured = System.getProperty("isachub.shared.data");
    Path root = Path.of(configured != null ? configured : "../../../shared/data");
    Path file = root.resolve("stix/patterns").resolve(name);
    assumeTrue(Files.isRegularFile(file), "shared data not present: " + file);
    return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
        .filter(l -> !l.isBlank())
        .toList();
  }
}
