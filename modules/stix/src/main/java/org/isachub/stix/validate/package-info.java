/** Validation of STIX 2.1 objects against the specification, with precise rejection reasons. */
@NullMarked
package org.isachub.stix.validate;

import org.jspecify.annotations.NullMarked;
