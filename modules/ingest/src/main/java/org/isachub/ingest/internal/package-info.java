/** Implementation details of the ingest stage shared by the request path and the TAXII poller. */
@NullMarked
package org.isachub.ingest.internal;

import org.jspecify.annotations.NullMarked;
