/** JUnit 5 support that gives each integration test class its own embedded broker. */
@NullMarked
package org.isachub.broker.junit;

import org.jspecify.annotations.NullMarked;
