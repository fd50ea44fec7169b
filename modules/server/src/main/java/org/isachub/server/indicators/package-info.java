/**
 * The indicator lookup and the analysts' "who would receive this?" dry run, served from the
 * indicator states kept current from the compacted indicators topic.
 */
@NullMarked
package org.isachub.server.indicators;

import org.jspecify.annotations.NullMarked;
