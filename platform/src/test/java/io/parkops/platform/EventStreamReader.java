package io.parkops.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

/** A Server-Sent Events stream of the platform read line by line with the JDK's HTTP client, as a browser would. */
final class EventStreamReader implements AutoCloseable {

    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final CompletableFuture<HttpResponse<Stream<String>>> response;
    private final List<String> seen = new ArrayList<>();
    private final CountDownLatch ended = new CountDownLatch(1);

    private EventStreamReader(CompletableFuture<HttpResponse<Stream<String>>> response) {
        this.response = response;
    }

    /** Opens {@code path} with {@code token} and waits for the stream's first line (it is subscribed then). */
    static EventStreamReader open(TestPlatform p, String path, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(p.http(path)).header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token).GET().build();
        CompletableFuture<HttpResponse<Stream<String>>> response = HttpClient.newHttpClient()
                .sendAsync(request, HttpResponse.BodyHandlers.ofLines());
        EventStreamReader reader = new EventStreamReader(response);
        HttpResponse<Stream<String>> r = response.get(10, TimeUnit.SECONDS);
        if (r.statusCode() != 200) {
            throw new IOException(path + " answered " + r.statusCode());
        }
        Thread pump = new Thread(() -> {
            try {
                r.body().forEach(reader.lines::add);
            } catch (RuntimeException closed) {
                // the stream ended or was closed by the test
            } finally {
                reader.ended.countDown();
            }
        }, "sse-reader");
        pump.setDaemon(true);
        pump.start();
        reader.next(Duration.ofSeconds(10), line -> true); // the comment that commits the headers
        return reader;
    }

    /** Waits for the first line that matches, keeping every line read on the way ({@link #seen()}). */
    String next(Duration timeout, Predicate<String> wanted) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            String line = lines.poll(Math.max(1, end - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line == null) {
                throw new AssertionError("no matching line within " + timeout + "; read: " + seen);
            }
            seen.add(line);
            if (wanted.test(line)) {
                return line;
            }
        }
    }

    /** True once the server ended the stream (or its connection) within {@code timeout}. */
    boolean endsWithin(Duration timeout) throws InterruptedException {
        return ended.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Every line read so far. */
    List<String> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        response.thenAccept(r -> r.body().close());
        response.cancel(true);
    }
}
