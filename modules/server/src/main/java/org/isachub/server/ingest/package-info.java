/** The submissions and sightings API: the HTTP face of the ingest stage. */
@NullMarked
package org.isachub.server.ingest;

import org.jspecify.annotations.NullMarked;
