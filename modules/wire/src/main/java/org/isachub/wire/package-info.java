/** The wire contract: Avro single-object codec, Kafka serdes and the catalogue of topics. */
@NullMarked
package org.isachub.wire;

import org.jspecify.annotations.NullMarked;
