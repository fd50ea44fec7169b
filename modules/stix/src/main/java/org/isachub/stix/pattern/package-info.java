/**
 * The STIX 2.1 patterning language: a recursive-descent parser, its syntax tree and normal form.
 */
@NullMarked
package org.isachub.stix.pattern;

import org.jspecify.annotations.NullMarked;
