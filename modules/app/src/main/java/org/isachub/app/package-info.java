/**
 * The isachub launcher: the command line, the hub's configuration and the lifecycle of its parts.
 */
@NullMarked
package org.isachub.app;

import org.jspecify.annotations.NullMarked;
