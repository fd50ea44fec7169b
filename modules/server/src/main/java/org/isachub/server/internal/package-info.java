/**
 * The server's plumbing: JSON error answers at every layer, the Kafka reachability probe and the
 * topic replicas that read APIs serve from.
 */
@NullMarked
package org.isachub.server.internal;

import org.jspecify.annotations.NullMarked;
