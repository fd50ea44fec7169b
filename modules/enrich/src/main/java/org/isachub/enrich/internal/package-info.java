/** The enrich topology's processor and the mapping between wire records and the domain model. */
@NullMarked
package org.isachub.enrich.internal;

import org.jspecify.annotations.NullMarked;
