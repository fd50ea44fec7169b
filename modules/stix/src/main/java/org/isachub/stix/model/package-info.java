/**
 * The STIX 2.1 object model: faithful JSON-backed objects, typed accessors, ids and TLP markings.
 */
@NullMarked
package org.isachub.stix.model;

import org.jspecify.annotations.NullMarked;
