/** Members, subscriptions, TLP policy, matching and per-member feeds over every channel. */
@NullMarked
package org.isachub.distribute;

import org.jspecify.annotations.NullMarked;
