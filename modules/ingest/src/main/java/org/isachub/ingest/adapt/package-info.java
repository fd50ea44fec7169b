/**
 * Adapters from parsed input (STIX bundles and objects, feed rows) to the hub's validated
 * submission and sighting records, with a precise rejection for everything refused; no Kafka here.
 */
@NullMarked
package org.isachub.ingest.adapt;

import org.jspecify.annotations.NullMarked;
