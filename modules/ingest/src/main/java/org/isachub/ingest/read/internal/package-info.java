/** Line splitting, CSV field parsing, JSON limits and MISP type tables behind the feed readers. */
@NullMarked
package org.isachub.ingest.read.internal;

import org.jspecify.annotations.NullMarked;
