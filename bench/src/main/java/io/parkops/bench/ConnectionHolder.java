package io.parkops.bench;

import com.hivemq.client.mqtt.MqttClient;
import com.hivemq.client.mqtt.mqtt3.Mqtt3AsyncClient;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Holds N idle MQTT connections to the platform's embedded broker, like N quiet devices. Each
 * connection gets its own loopback source address in 127.1.0.0/16 so the count is not limited by
 * the ~28,000 ephemeral ports of one address pair. At most 500 connects are in flight at once.
 */
final class ConnectionHolder implements AutoCloseable {

    private final List<Mqtt3AsyncClient> clients = new ArrayList<>();

    /** Connects up to {@code n} and returns how many are connected. */
    int connect(String host, int port, int n, int timeoutSeconds) throws InterruptedException {
        Semaphore window = new Semaphore(500);
        AtomicInteger connected = new AtomicInteger();
        List<CompletableFuture<?>> all = new ArrayList<>();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < n && System.nanoTime() < deadline; i++) {
            if (!window.tryAcquire(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            String local = "127.1." + (i / 250) % 256 + "." + (i % 250 + 1);
            Mqtt3AsyncClient c = MqttClient.builder().useMqttVersion3().identifier("bench-idle-" + i)
                    .serverHost(host).serverPort(port)
                    .transportConfig().localAddress(new InetSocketAddress(local, 0)).applyTransportConfig()
                    .buildAsync();
            clients.add(c);
            all.add(c.connectWith().cleanSession(true).keepAlive(600).send().whenComplete((ack, e) -> {
                if (e == null) {
                    connected.incrementAndGet();
                }
                window.release();
            }));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(Math.max(1, deadline - System.nanoTime()),
                    TimeUnit.NANOSECONDS);
        } catch (Exception e) {
            // counted below: only those connected count
        }
        return connected.get();
    }

    @Override
    public void close() {
        List<CompletableFuture<?>> all = new ArrayList<>();
        for (Mqtt3AsyncClient c : clients) {
            all.add(c.disconnect().exceptionally(e -> null));
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            // the platform is stopped right after anyway
        }
    }
}
