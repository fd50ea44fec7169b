package org.isachub.ingest.taxii;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.isachub.stix.model.Tlp;
import org.isachub.wire.Topics;

/**
 * One upstream TAXII 2.1 collection the hub polls.
 *
 * @param pollerId stable id of the poller; keys its position, so never reuse it for another
 *     collection
 * @param apiRoot the API root URL, e.g. {@code https://taxii.example.org/api1/}
 * @param collectionId the collection id
 * @param auth how to authenticate
 * @param source the source id the objects are attributed to
 * @param defaultTlp the TLP of objects that carry no marking
 * @param interval time between polls
 * @param pageSize the {@code limit} asked for per page
 */
public record TaxiiSource(
    String pollerId,
    URI apiRoot,
    String collectionId,
    TaxiiAuth auth,
    String source,
    Tlp defaultTlp,
    Duration interval,
    int pageSize) {

  /** Checks the fields. */
  public TaxiiSource {
    Objects.requireNonNull(apiRoot, "apiRoot");
    Objects.requireNonNull(auth, "auth");
    Objects.requireNonNull(defaultTlp, "defaultTlp");
    if (!Topics.MEMBER_ID.matcher(pollerId).matches()) {
      throw new IllegalArgumentException(
          "poller id '" + pollerId + "': use 1-64 lower-case letters, digits and '-'");
    }
    if (!collectionId.matches("[A-Za-z0-9._~-]{1,200}") || source.isBlank()) {
      // The id becomes a path segment: no characters that would need escaping.
      throw new IllegalArgumentException(
          "collection id must be 1-200 URL-safe characters and source must not be blank");
    }
    String scheme = apiRoot.getScheme();
    if (!"https".equals(scheme) && !"http".equals(scheme)) {
      throw new IllegalArgumentException("API root must be an http(s) URL: " + apiRoot);
    }
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException("poll interval must be positive");
    }
    if (pageSize < 1) {
      throw new IllegalArgumentException("page size must be positive");
    }
  }

  /** Returns the collection's objects endpoint, {@code {api-root}/collections/{id}/objects/}. */
  public URI objectsUri() {
    String root = apiRoot.toString();
    return URI.create(
        (root.endsWith("/") ? root : root + "/") + "collections/" + collectionId + "/objects/");
  }
}
