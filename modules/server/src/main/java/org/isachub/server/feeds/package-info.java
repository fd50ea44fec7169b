/** Member blocklists: each member's active indicators, kept current from its feed topic. */
@NullMarked
package org.isachub.server.feeds;

import org.jspecify.annotations.NullMarked;
