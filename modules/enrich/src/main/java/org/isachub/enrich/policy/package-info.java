/** Decisions (active, suppressed, expired, revoked) and the TLP clearance views of an indicator. */
@NullMarked
package org.isachub.enrich.policy;

import org.jspecify.annotations.NullMarked;
