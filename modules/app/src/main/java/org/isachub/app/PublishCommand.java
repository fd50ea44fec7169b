package org.isachub.app;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code isachub publish}: send files to a hub's submissions API and summarise the outcome. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    description = {
      "Publish indicators from files: STIX 2.1 bundles, MISP events, CSV feeds or text lists.",
      "Prints a progress bar while uploading and a summary: accepted, duplicates within the file,"
          + " rejected with reasons. Exit status 0 when every file was accepted as a whole."
    })
public final class PublishCommand implements Callable<Integer> {

  @Option(
      names = "--hub",
      description = "The hub's base URL (default: ${DEFAULT-VALUE}).",
      defaultValue = "http://127.0.0.1:8080/")
  URI hub;

  @Option(names = "--token", required = true, description = "Your API token.")
  String token;

  @Option(
      names = "--format",
      description = "stix, csv, misp or text (default: from the file name).")
  @Nullable String format;

  @Option(
      names = "--mapping",
      description = "CSV mapping: feodo, urlhaus or generic (default: generic).")
  @Nullable String mapping;

  @Option(names = "--source", description = "Publish for this source (analysts, when granted).")
  @Nullable String source;

  @Option(
      names = "--tlp",
      description = "TLP of the whole submission: clear, green, amber, amber+strict, red.")
  @Nullable String tlp;

  @Option(
      names = "--recipients",
      split = ",",
      description = "Named recipients for amber+strict or red.")
  List<String> recipients = new ArrayList<>();

  @Option(
      names = "--show-rejected",
      description = "How many rejections to list per file (default: ${DEFAULT-VALUE}).",
      defaultValue = "20")
  int showRejected;

  @Parameters(arity = "1..*", paramLabel = "FILE", description = "Files to publish.")
  List<Path> files = new ArrayList<>();

  @Spec CommandSpec spec;

  private static final ObjectMapper JSON = new ObjectMapper();

  @Override
  public Integer call() throws Exception {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    int failures = 0;
    long accepted = 0;
    long duplicates = 0;
    long rejected = 0;
    for (Path file : files) {
      if (!Files.isRegularFile(file)) {
        err.println("isachub: " + file + ": no such file");
        failures++;
        continue;
      }
      String fmt = format != null ? format : guess(file);
      HttpRequest request = request(file, fmt, out);
      HttpResponse<String> response;
      try {
        response = client.send(request, HttpResponse.BodyHandlers.ofString());
      } catch (IOException e) {
        out.println();
        err.println("isachub: " + file + ": cannot reach " + hub + ": " + e.getMessage());
        failures++;
        continue;
      }
      out.println();
      JsonNode body = parse(response.body());
      if (response.statusCode() != 202) {
        err.printf(
            "isachub: %s: %d %s%s%n",
            file,
            response.statusCode(),
            body.path("message").asText(response.body()),
            response
                .headers()
                .firstValue("Retry-After")
                .map(s -> " (retry after " + s + " s)")
                .orElse(""));
        failures++;
        continue;
      }
      accepted += body.path("accepted").asLong();
      duplicates += body.path("duplicates").asLong();
      rejected += body.path("rejected").asLong();
      out.printf(
          "%s: submission %s: %d accepted, %d duplicates within the file, %d rejected, %d context,"
              + " %d skipped%n",
          file,
          body.path("submission_id").asText(),
          body.path("accepted").asLong(),
          body.path("duplicates").asLong(),
          body.path("rejected").asLong(),
          body.path("context").asLong(),
          body.path("skipped").asLong());
      Map<String, Integer> reasons = new LinkedHashMap<>();
      int listed = 0;
      for (JsonNode o : body.path("objects")) {
        if (!"rejected".equals(o.path("status").asText())) {
          continue;
        }
        reasons.merge(o.path("code").asText(), 1, Integer::sum);
        if (listed++ < showRejected) {
          out.printf("  rejected %s: %s%n", o.path("ref").asText(), o.path("reason").asText());
        }
      }
      reasons.forEach((code, n) -> out.printf("  %6d × %s%n", n, code));
    }
    if (files.size() > 1) {
      out.printf(
          "total: %d accepted, %d duplicates, %d rejected, %d file(s) failed%n",
          accepted, duplicates, rejected, failures);
    }
    out.flush();
    return failures == 0 ? 0 : 1;
  }

  private HttpRequest request(Path file, String fmt, PrintWriter out) throws IOException {
    StringBuilder query = new StringBuilder("format=").append(enc(fmt));
    if (fmt.equals("csv")) {
      query.append("&mapping=").append(enc(mapping == null ? "generic" : mapping));
    }
    if (source != null) {
      query.append("&source=").append(enc(source));
    }
    if (tlp != null) {
      query.append("&tlp=").append(enc(tlp));
    }
    if (!recipients.isEmpty()) {
      query.append("&recipients=").append(enc(String.join(",", recipients)));
    }
    long size = Files.size(file);
    AtomicLong sent = new AtomicLong();
    String name = file.getFileName().toString();
    HttpRequest.BodyPublisher body =
        HttpRequest.BodyPublishers.fromPublisher(
            HttpRequest.BodyPublishers.ofInputStream(() -> progress(file, size, sent, name, out)),
            size);
    return HttpRequest.newBuilder(hub.resolve("api/v1/submissions?" + query))
        .timeout(Duration.ofMinutes(10))
        .header("Authorization", "Bearer " + token)
        .header("Content-Type", contentType(fmt))
        .POST(body)
        .build();
  }

  private static InputStream progress(
      Path file, long size, AtomicLong sent, String name, PrintWriter out) {
    try {
      InputStream in = Files.newInputStream(file);
      return new InputStream() {
        private int lastShown = -1;

        @Override
        public int read() throws IOException {
          int b = in.read();
          if (b >= 0) {
            show(1);
          }
          return b;
        }

        @Override
        public int read(byte[] buf, int off, int len) throws IOException {
          int n = in.read(buf, off, len);
          if (n > 0) {
            show(n);
          }
          return n;
        }

        @Override
        public void close() throws IOException {
          in.close();
        }

        private void show(int n) {
          long done = sent.addAndGet(n);
          int percent = size == 0 ? 100 : (int) (done * 100 / size);
          if (percent != lastShown) {
            lastShown = percent;
            int bars = percent / 4;
            out.printf(
                Locale.ROOT,
                "\r%-30s [%s%s] %3d%% of %,d bytes",
                name.length() > 30 ? name.substring(0, 29) + "…" : name,
                "#".repeat(bars),
                " ".repeat(25 - bars),
                percent,
                size);
            out.flush();
          }
        }
      };
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static String guess(Path file) {
    String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
    if (name.endsWith(".csv")) {
      return "csv";
    }
    if (name.endsWith(".txt") || name.endsWith(".list")) {
      return "text";
    }
    if (name.contains("misp")) {
      return "misp";
    }
    return "stix";
  }

  private static String contentType(String fmt) {
    return switch (fmt) {
      case "csv" -> "text/csv";
      case "text" -> "text/plain";
      case "misp" -> "application/json";
      default -> "application/stix+json";
    };
  }

  private static JsonNode parse(String body) {
    try {
      return JSON.readTree(body);
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
