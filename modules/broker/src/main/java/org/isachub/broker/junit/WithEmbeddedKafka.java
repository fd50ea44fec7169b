package org.isachub.broker.junit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Gives the annotated test class its own real Kafka broker for the life of the class.
 *
 * <p>Declare a parameter of type {@link org.isachub.broker.EmbeddedKafkaBroker} on a test method, a
 * lifecycle method or the constructor to receive it.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
@ExtendWith(EmbeddedKafkaExtension.class)
public @interface WithEmbeddedKafka {}
