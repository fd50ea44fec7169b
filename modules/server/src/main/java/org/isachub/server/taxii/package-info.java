/** The TAXII 2.1 server: discovery, the API root, each member's feed and the submissions inbox. */
@NullMarked
package org.isachub.server.taxii;

import org.jspecify.annotations.NullMarked;
