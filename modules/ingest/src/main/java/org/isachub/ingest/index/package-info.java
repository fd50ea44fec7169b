/** The index of the hub's indicator ids to canonical keys, fed by the compacted indicator topic. */
@NullMarked
package org.isachub.ingest.index;

import org.jspecify.annotations.NullMarked;
