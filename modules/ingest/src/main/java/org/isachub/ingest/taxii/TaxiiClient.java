package org.isachub.ingest.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.isachub.ingest.IngestRejectedException;
import org.isachub.ingest.adapt.StixAdapter;
import org.jspecify.annotations.Nullable;

/** Reads pages of a TAXII 2.1 collection's objects endpoint over HTTP. Thread-safe. */
final class TaxiiClient {

  static final String MEDIA_TYPE = "application/taxii+json;version=2.1";

  private final HttpClient http;
  private final TaxiiSource source;
  private final Duration timeout;
  private final StixAdapter parser;
  private final long maxBytes;

  TaxiiClient(TaxiiSource source, Duration timeout, StixAdapter parser, long maxBytes) {
    this.source = source;
    this.timeout = timeout;
    this.parser = parser;
    this.maxBytes = maxBytes;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(timeout)
            // Never follow redirects: credentials must go only to the configured server.
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
  }

  TaxiiPage fetch(@Nullable String addedAfter, @Nullable String next, int limit)
      throws TaxiiException {
    StringBuilder query = new StringBuilder("?limit=").append(limit);
    if (addedAfter != null) {
      query.append("&added_after=").append(URLEncoder.encode(addedAfter, StandardCharsets.UTF_8));
    }
    if (next != null) {
      query.append("&next=").append(URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
    URI uri = URI.create(source.objectsUri() + query.toString());
    HttpRequest.Builder request =
        HttpRequest.newBuilder(uri).timeout(timeout).header("Accept", MEDIA_TYPE).GET();
    source.auth().header().ifPresent(h -> request.header("Authorization", h));
    HttpResponse<byte[]> response;
    try {
      response = http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    } catch (IOException e) {
      throw new TaxiiException("cannot reach " + uri.getHost() + ": " + e, 0, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TaxiiException("interrupted while polling " + uri.getHost(), 0, e);
    }
    int status = response.statusCode();
    if (status != 200) {
      throw new TaxiiException("GET " + source.objectsUri() + " answered HTTP " + status, status);
    }
    String type = response.headers().firstValue("Content-Type").orElse("");
    if (!type.toLowerCase(Locale.ROOT).startsWith("application/taxii+json")) {
      throw new TaxiiException(
          "GET " + source.objectsUri() + " answered '" + type + "', not application/taxii+json",
          status);
    }
    byte[] body = response.body();
    if (body.length > maxBytes) {
      throw new TaxiiException(
          "a page of " + body.length + " bytes is larger than the limit of " + maxBytes, status);
    }
    JsonNode envelope;
    try {
      envelope = parser.parse(body);
    } catch (IngestRejectedException e) {
      throw new TaxiiException("the page is not a TAXII envelope: " + e.getMessage(), status, e);
    }
    if (!envelope.isObject()) {
      throw new TaxiiException("the page is not a TAXII envelope (a JSON object)", status);
    }
    JsonNode objects = envelope.path("objects");
    if (!objects.isMissingNode() && !objects.isArray()) {
      throw new TaxiiException("the envelope's 'objects' is not an array", status);
    }
    List<JsonNode> list = new ArrayList<>();
    objects.forEach(list::add);
    JsonNode nextNode = envelope.get("next");
    return new TaxiiPage(
        list,
        envelope.path("more").asBoolean(false),
        nextNode != null && nextNode.isTextual() ? nextNode.asText() : null,
        response.headers().firstValue("X-TAXII-Date-Added-Last").orElse(null));
  }
}
