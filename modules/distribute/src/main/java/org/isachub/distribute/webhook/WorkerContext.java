package org.isachub.distribute.webhook;

import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import javax.net.ssl.SSLSocketFactory;
import org.apache.kafka.clients.producer.Producer;

/**
 * What every member's worker shares: settings, the Kafka settings, the producer of audit events and
 * dead letters, metrics, the target guard, TLS, the connection watchdog and the clock.
 *
 * @param config the pusher's settings
 * @param kafka Kafka client settings
 * @param producer writes audit events and dead letters (thread-safe)
 * @param metrics the metrics
 * @param guard decides which addresses may be contacted
 * @param tls makes TLS sockets
 * @param watchdog closes connections whose time is up
 * @param clock the time
 */
record WorkerContext(
    WebhookConfig config,
    Map<String, Object> kafka,
    Producer<byte[], byte[]> producer,
    WebhookMetrics metrics,
    TargetGuard guard,
    SSLSocketFactory tls,
    ScheduledExecutorService watchdog,
    Clock clock) {}
