/** Scoring model v1: evidence, corroboration, sightings, time decay and band crossings. */
@NullMarked
package org.isachub.enrich.score;

import org.jspecify.annotations.NullMarked;
