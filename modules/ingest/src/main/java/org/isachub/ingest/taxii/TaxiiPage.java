package org.isachub.ingest.taxii;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * One page of a TAXII 2.1 objects response.
 *
 * @param objects the envelope's objects
 * @param more whether the server has more
 * @param next the server's cursor for the next page, if it gave one
 * @param dateAddedLast the {@code X-TAXII-Date-Added-Last} header, if present
 */
record TaxiiPage(
    List<JsonNode> objects, boolean more, @Nullable String next, @Nullable String dateAddedLast) {}
