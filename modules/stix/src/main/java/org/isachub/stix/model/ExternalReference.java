package org.isachub.stix.model;

import org.jspecify.annotations.Nullable;

/**
 * A STIX external reference: a pointer to information outside STIX.
 *
 * @param sourceName the source, e.g. {@code cve} or {@code mitre-attack}
 * @param description a human-readable description, if any
 * @param url a URL, if any
 * @param externalId the identifier in the source, if any
 */
public record ExternalReference(
    String sourceName,
    @Nullable String description,
    @Nullable String url,
    @Nullable String externalId) {}
