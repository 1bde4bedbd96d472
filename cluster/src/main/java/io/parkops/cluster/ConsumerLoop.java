package io.parkops.cluster;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One Kafka consumer on a thread of its own (a consumer is not thread-safe, and its polls block):
 * runs {@code step} until closed, and keeps going after a failure, one second later, so a Kafka
 * outage pauses the loop instead of ending it. The consumer is closed on its own thread.
 */
final class ConsumerLoop implements AutoCloseable {

    /** One round: poll and handle what came; returns normally or throws (logged, retried). */
    interface Step {
        void run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(ConsumerLoop.class);

    private final Consumer<?, ?> consumer;
    private final String name;
    private final Thread thread;
    private volatile boolean running = true;

    ConsumerLoop(String name, Consumer<?, ?> consumer, Step step) {
        this.name = name;
        this.consumer = consumer;
        this.thread = new Thread(() -> loop(step), name);
        thread.setDaemon(true);
    }

    ConsumerLoop start() {
        thread.start();
        return this;
    }

    boolean running() {
        return running;
    }

    private void loop(Step step) {
        long lastLogged = System.nanoTime() - TimeUnit.MINUTES.toNanos(1);
        try {
            while (running) {
                try {
                    step.run();
                } catch (WakeupException | InterruptException e) {
                    break;
                } catch (Exception e) {
                    if (!running) {
                        break;
                    }
                    if (System.nanoTime() - lastLogged > TimeUnit.SECONDS.toNanos(30)) {
                        LOG.warn("{}: {}; trying again every second", name, e.toString());
                        lastLogged = System.nanoTime();
                    }
                    sleep(Duration.ofSeconds(1));
                }
            }
        } finally {
            try {
                consumer.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
            } catch (RuntimeException e) {
                LOG.debug("{}: closing the consumer: {}", name, e.toString());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Stops the loop (waking a blocked poll) and waits up to 15 s for the consumer to close. */
    @Override
    public void close() {
        running = false;
        consumer.wakeup();
        try {
            thread.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
