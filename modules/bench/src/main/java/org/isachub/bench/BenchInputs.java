package org.isachub.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Realistic benchmark inputs: the shared reference corpora when present, plus deterministic
 * synthetic values so that the benchmarks also run from a fresh clone.
 */
final class BenchInputs {
  private BenchInputs() {}

  /** The shared data folder: system property {@code isachub.shared.data}, else ../shared/data. */
  static Path sharedData() {
    String configured = System.getProperty("isachub.shared.data");
    return Path.of(configured != null ? configured : "../shared/data");
  }

  /** Valid patterns: the shared corpora if present, else a built-in set of typical shapes. */
  static List<String> patterns() {
    List<String> out = new ArrayList<>();
    Path dir = sharedData().resolve("stix/patterns");
    out.addAll(lines(dir.resolve("valid-spec-examples.txt")));
    out.addAll(lines(dir.resolve("valid-from-datasets.txt")));
    if (out.isEmpty()) {
      out.add("[ipv4-addr:value = '198.51.100.7']");
      out.add("[domain-name:value = 'example.org' OR ipv4-addr:value = '203.0.113.9']");
      out.add("[file:hashes.'SHA-256' = '" + "ab".repeat(32) + "' AND file:name = 'x.exe']");
      out.add(
          "[url:value = 'http://example.org/a'] FOLLOWEDBY [file:name = 'y.dll'] WITHIN 300 SECONDS");
      out.add("[network-traffic:dst_ref.value ISSUBSET '10.0.0.0/8'] REPEATS 5 TIMES");
    }
    return out;
  }

  /**
   * A mix of raw indicator values as they arrive in text feeds: IPv4 hosts and blocks, IPv6,
   * domains (some internationalised or defanged), URLs (some defanged) and file hashes.
   */
  static List<String> rawValues() {
    List<String> out = new ArrayList<>();
    Path feeds = sharedData().resolve("feeds");
    for (String line : lines(feeds.resolve("feodo-ipblocklist.csv"))) {
      String[] f = line.split("\",\"");
      if (f.length > 1 && !line.startsWith("#") && !f[1].equals("dst_ip")) {
        out.add(f[1]);
      }
    }
    for (String line : lines(feeds.resolve("urlhaus-online-sample.csv"))) {
      String[] f = line.split("\",\"");
      if (f.length > 2 && !line.startsWith("#")) {
        out.add(f[2]);
      }
    }
    Random r = new Random(42);
    for (int i = 0; i < 200; i++) {
      int a = r.nextInt();
      String ip =
          (a >>> 24) + "." + ((a >>> 16) & 0xff) + "." + ((a >>> 8) & 0xff) + "." + (a & 0xff);
      String host = "host" + r.nextInt(100_000) + ".example" + (i % 3 == 0 ? ".org" : ".com");
      switch (i % 10) {
        case 0 -> out.add(ip);
        case 1 -> out.add(ip.replace(".", "[.]"));
        case 2 -> out.add((a >>> 24) + "." + ((a >>> 16) & 0xff) + ".0.0/16");
        case 3 ->
            out.add(String.format("2001:DB8:%x:0:0:0:0:%x", r.nextInt(0xffff), r.nextInt(0xffff)));
        case 4 -> out.add(host.toUpperCase() + ".");
        case 5 -> out.add("bücher" + i + ".example");
        case 6 -> out.add("hxxp://" + host.replace(".", "[.]") + "/path/%7e" + i + "?q=1#x");
        case 7 -> out.add("https://" + host + ":443/login.php?id=" + i);
        case 8 -> out.add(hex(r, 32));
        default -> out.add(hex(r, 64).toUpperCase());
      }
    }
    return out;
  }

  private static String hex(Random r, int digits) {
    StringBuilder b = new StringBuilder(digits);
    for (int i = 0; i < digits; i++) {
      b.append(Character.forDigit(r.nextInt(16), 16));
    }
    return b.toString();
  }

  private static List<String> lines(Path file) {
    if (!Files.isRegularFile(file)) {
      return List.of();
    }
    try {
      return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
          .filter(l -> !l.isBlank())
          .map(l -> l.startsWith("\"") ? l.substring(1) : l)
          .map(l -> l.endsWith("\"") ? l.substring(0, l.length() - 1) : l)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
