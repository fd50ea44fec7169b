/** Canonical observable keys: the one spelling of an observable that the hub deduplicates on. */
@NullMarked
package org.isachub.stix.observable;

import org.jspecify.annotations.NullMarked;
