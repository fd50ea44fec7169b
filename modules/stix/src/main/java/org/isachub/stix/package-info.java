/** STIX 2.1 objects, patterns, canonical observable keys and validation, free of Kafka types. */
@NullMarked
package org.isachub.stix;

import org.jspecify.annotations.NullMarked;
