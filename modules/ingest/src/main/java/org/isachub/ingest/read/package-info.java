/**
 * Feed readers (CSV with per-source mappings, plain-text lists, MISP events and feed manifests)
 * that turn untrusted bytes into neutral {@link org.isachub.ingest.read.RawObservable} values and
 * precise {@link org.isachub.ingest.read.Rejection}s, within {@link
 * org.isachub.ingest.read.ReadLimits}.
 */
@NullMarked
package org.isachub.ingest.read;

import org.jspecify.annotations.NullMarked;
