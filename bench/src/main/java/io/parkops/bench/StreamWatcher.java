package io.parkops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parkops.bench.load.Payloads;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Reads the platform's two SSE streams like a dashboard would: the twin change stream
 * ({@code GET /api/2/things}, Accept text/event-stream) and the alert stream
 * ({@code /api/alerts/stream}). Each twin change of a bench device carries the device timestamp in
 * {@code illuminance}, each raised bench alert in its {@code value} (see {@link Payloads}), so the
 * latency device timestamp → seen here is recorded per event, and twin changes are counted.
 */
final class StreamWatcher implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MARK = "\"illuminance\":";
    private static final long MAX_LATENCY_MS = 600_000;

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final Recorder twinLatency = new Recorder(MAX_LATENCY_MS, 3);
    private final Recorder alertLatency = new Recorder(MAX_LATENCY_MS, 3);
    private final AtomicLong twinEvents = new AtomicLong();
    private final AtomicLong alertsRaised = new AtomicLong();
    private Thread twinThread;
    private Thread alertThread;
    private volatile Stream<String> twinLines;
    private volatile Stream<String> alertLines;

    void start(PlatformProcess platform) throws IOException, InterruptedException {
        start(platform::authorized);
    }

    void start(java.util.function.Function<String, HttpRequest.Builder> platform) throws IOException, InterruptedException {
        HttpRequest twins = platform.apply("/api/2/things?namespaces=" + PlatformProcess.TENANT)
                .timeout(Duration.ofDays(1)).header("Accept", "text/event-stream").GET().build();
        HttpRequest alerts = platform.apply("/api/alerts/stream").timeout(Duration.ofDays(1))
                .header("Accept", "text/event-stream").GET().build();
        twinLines = open(twins);
        alertLines = open(alerts);
        twinThread = daemon("bench-twin-sse", () -> twinLines.forEach(this::onTwinLine));
        alertThread = daemon("bench-alert-sse", () -> alertLines.forEach(this::onAlertLine));
    }

    private Stream<String> open(HttpRequest request) throws IOException, InterruptedException {
        HttpResponse<Stream<String>> r = http.send(request, HttpResponse.BodyHandlers.ofLines());
        if (r.statusCode() != 200) {
            throw new IOException(request.uri() + " answered " + r.statusCode());
        }
        return r.body();
    }

    private static Thread daemon(String name, Runnable body) {
        Thread t = new Thread(() -> {
            try {
                body.run();
            } catch (RuntimeException e) {
                System.err.println("bench: " + name + " ended: " + e); // also when the platform stops
            }
        }, name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    private void onTwinLine(String line) {
        int at = line.startsWith("data:") ? line.indexOf(MARK) : -1;
        if (at < 0) {
            return;
        }
        long now = System.currentTimeMillis();
        int from = at + MARK.length();
        int to = from;
        while (to < line.length() && "0123456789.-Ee".indexOf(line.charAt(to)) >= 0) {
            to++;
        }
        long ts = Payloads.tsFromIlluminance(Double.parseDouble(line.substring(from, to)), now);
        twinEvents.incrementAndGet();
        twinLatency.recordValue(Math.min(MAX_LATENCY_MS, Math.max(0, now - ts)));
    }

    private void onAlertLine(String line) {
        if (!line.startsWith("data:")) {
            return;
        }
        long now = System.currentTimeMillis();
        try {
            JsonNode alert = JSON.readTree(line.substring(5));
            if (!"bench-hot".equals(alert.path("ruleId").asText()) || !"ACTIVE_UNACK".equals(alert.path("state").asText())
                    || alert.path("history").size() > 1) {
                return;
            }
            long ts = Payloads.tsFromAlertValue(alert.path("value").asDouble(), now);
            if (ts > 0) {
                alertsRaised.incrementAndGet();
                alertLatency.recordValue(Math.min(MAX_LATENCY_MS, Math.max(0, now - ts)));
            }
        } catch (IOException e) {
            // not an alert event
        }
    }

    long twinEvents() {
        return twinEvents.get();
    }

    long alertsRaised() {
        return alertsRaised.get();
    }

    /** Twin latencies since the last call. */
    Histogram takeTwinLatency() {
        return twinLatency.getIntervalHistogram();
    }

    /** Alert latencies since the last call. */
    Histogram takeAlertLatency() {
        return alertLatency.getIntervalHistogram();
    }

    @Override
    public void close() {
        if (twinLines != null) {
            twinLines.close();
        }
        if (alertLines != null) {
            alertLines.close();
        }
    }
}
