/** Authentication of HTTP requests: credentials, the failed-attempt rate limit and its audit. */
@NullMarked
package org.isachub.server.auth;

import org.jspecify.annotations.NullMarked;
