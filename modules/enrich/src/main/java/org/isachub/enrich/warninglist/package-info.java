/** Warninglists of known-benign observables, their text file format and a fast matcher. */
@NullMarked
package org.isachub.enrich.warninglist;

import org.jspecify.annotations.NullMarked;
