/** Inputs of the enrich stage: observable keys, TLP markings, contributions and sightings. */
@NullMarked
package org.isachub.enrich.model;

import org.jspecify.annotations.NullMarked;
