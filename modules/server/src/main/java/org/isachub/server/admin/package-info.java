/** The identity API: administration of members and subscriptions, and members' own account. */
@NullMarked
package org.isachub.server.admin;

import org.jspecify.annotations.NullMarked;
