/** The distribute topology's processors. */
@NullMarked
package org.isachub.distribute.feed.internal;

import org.jspecify.annotations.NullMarked;
