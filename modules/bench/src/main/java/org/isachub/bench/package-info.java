/** Benchmarks: JMH micro-benchmarks of the hot paths and the end-to-end load harness. */
@NullMarked
package org.isachub.bench;

import org.jspecify.annotations.NullMarked;
