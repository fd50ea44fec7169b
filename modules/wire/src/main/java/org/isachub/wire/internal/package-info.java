/** Loading of the current and released Avro schemas behind the codec. */
@NullMarked
package org.isachub.wire.internal;

import org.jspecify.annotations.NullMarked;
