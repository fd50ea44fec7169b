/** The checks every submission and sighting passes, whichever way it reached the hub. */
@NullMarked
package org.isachub.wire.validate;

import org.jspecify.annotations.NullMarked;
