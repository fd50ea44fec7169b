/** How far each member's feed consumers are behind the end of its feed topic. */
@NullMarked
package org.isachub.distribute.lag;

import org.jspecify.annotations.NullMarked;
