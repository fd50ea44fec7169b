/** Kafka Streams support shared by the hub's topologies: dead-lettering exception handlers. */
@NullMarked
package org.isachub.wire.streams;

import org.jspecify.annotations.NullMarked;
