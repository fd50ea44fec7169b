/** The enrich stage: merge, score, decay and suppress indicators as a Kafka Streams topology. */
@NullMarked
package org.isachub.enrich;

import org.jspecify.annotations.NullMarked;
