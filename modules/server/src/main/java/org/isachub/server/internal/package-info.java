/** The server's plumbing: JSON error answers at every layer and the Kafka reachability probe. */
@NullMarked
package org.isachub.server.internal;

import org.jspecify.annotations.NullMarked;
