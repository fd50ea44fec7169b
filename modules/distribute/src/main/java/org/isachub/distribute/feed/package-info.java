/** Matching indicators to subscriptions under TLP policy, and the per-member feeds it produces. */
@NullMarked
package org.isachub.distribute.feed;

import org.jspecify.annotations.NullMarked;
