/** The {@code GET /metrics} route: the process's meters in the Prometheus text format. */
@NullMarked
package org.isachub.server.metrics;

import org.jspecify.annotations.NullMarked;
