/** The TAXII 2.1 poller: pulls upstream collections page by page, exactly once into the hub. */
@NullMarked
package org.isachub.ingest.taxii;

import org.jspecify.annotations.NullMarked;
