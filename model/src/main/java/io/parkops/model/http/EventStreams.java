package io.parkops.model.http;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Server-Sent Events responses with a bound on what may wait for one client. A client that reads
 * slower than its events come (a phone on a weak link, a stalled browser tab) is cut off once more
 * than {@code maxQueuedBytes} wait for it, instead of its events piling up in the platform's heap
 * until the process runs out of memory. A cut is logged and counted in
 * {@code parkops_event_streams_cut_total{stream}}; the client sees its stream end, and a dashboard
 * reconnects and reads the current state again.
 */
public final class EventStreams {

    /** Room for a few seconds of every twin change of a busy park, besides the socket's own buffers. */
    public static final int DEFAULT_MAX_QUEUED_BYTES = 2 * 1024 * 1024;
    static final String CUT = "parkops.event.streams.cut";
    private static final Logger LOG = LoggerFactory.getLogger(EventStreams.class);

    private final MeterRegistry registry;
    private final int maxQueuedBytes;

    public EventStreams(MeterRegistry registry) {
        this(registry, DEFAULT_MAX_QUEUED_BYTES);
    }

    public EventStreams(MeterRegistry registry, int maxQueuedBytes) {
        this.registry = registry;
        this.maxQueuedBytes = maxQueuedBytes;
    }

    /** Streams whose cuts are counted nowhere: for modules used without the platform's metrics. */
    public static EventStreams uncounted() {
        return new EventStreams(new SimpleMeterRegistry());
    }

    /**
     * Makes the response to {@code request} an event stream (its headers, not yet sent: the first
     * {@link Stream#send} commits them, so send a comment line once the events are subscribed).
     */
    public Stream open(HttpServerRequest request, String name) {
        HttpServerResponse response = request.response();
        response.setChunked(true)
                .putHeader("content-type", "text/event-stream")
                .putHeader("cache-control", "no-cache")
                .setWriteQueueMaxSize(maxQueuedBytes);
        Counter cuts = Counter.builder(CUT).tag("stream", name)
                .description("Event streams ended because their client read slower than its events came")
                .register(registry);
        return new Stream(response, name + " event stream of " + request.remoteAddress(), cuts);
    }

    /** One client's stream; use it on the response's context only. */
    public static final class Stream {

        private final HttpServerResponse response;
        private final String description;
        private final Counter cuts;
        private boolean cut;

        private Stream(HttpServerResponse response, String description, Counter cuts) {
            this.response = response;
            this.description = description;
            this.cuts = cuts;
        }

        /** Sends one whole event (ending in a blank line); false once the stream is closed or cut. */
        public boolean send(String event) {
            if (cut || response.closed() || response.ended()) {
                return false;
            }
            if (response.writeQueueFull()) {
                cut = true;
                cuts.increment();
                LOG.warn("Ended the {}: the client read slower than its events came, and its queue was full",
                        description);
                response.reset();
                return false;
            }
            response.write(event);
            return true;
        }
    }
}
