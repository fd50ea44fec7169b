/** The hub's HTTP face: submissions, TAXII 2.1, admin, blocklists, portal, metrics and health. */
@NullMarked
package org.isachub.server;

import org.jspecify.annotations.NullMarked;
