/**
 * Members, their subscriptions and API tokens: the in-memory directory read from the compacted
 * topics, the administrative writes, and the demo seed.
 */
@NullMarked
package org.isachub.distribute.member;

import org.jspecify.annotations.NullMarked;
