/** The ingest stage: turning producer submissions and feeds into validated observables. */
@NullMarked
package org.isachub.ingest;

import org.jspecify.annotations.NullMarked;
