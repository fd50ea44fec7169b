/**
 * The webhook channel: pushes each member's feed to its HTTPS endpoint as signed STIX bundles, in
 * order and at least once, with retries, dead letters and a guard against internal targets.
 */
@NullMarked
package org.isachub.distribute.webhook;

import org.jspecify.annotations.NullMarked;
