/**
 * A real single-node KRaft Kafka broker run in-process: the embedded default and the test broker.
 */
@NullMarked
package org.isachub.broker;

import org.jspecify.annotations.NullMarked;
