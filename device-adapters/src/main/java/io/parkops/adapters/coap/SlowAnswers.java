package io.parkops.adapters.coap;

import io.parkops.model.flow.IngestContext;
import java.time.Duration;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import org.eclipse.californium.core.coap.CoAP;
import org.eclipse.californium.core.server.resources.CoapExchange;

/**
 * Confirmable requests whose 2.04 waits for storage. A device retransmits a confirmable request
 * it has no ACK for after ACK_TIMEOUT (2 to 3 s with RFC 7252's defaults), so a request still
 * unanswered after a bound ({@code PARKOPS_COAP_SEPARATE_ACK_MILLIS}, 1 s) gets an empty ACK now and its response later as a
 * separate message (RFC 7252 §5.2.2). Answers that come quickly, the usual case, cost no extra
 * datagram. {@link #sweep} runs on a timer; requests end roughly in arrival order, so it stops at
 * the first young one.
 */
final class SlowAnswers {

    private final long acceptAfterNanos;

    private record Waiting(CoapExchange exchange, IngestContext context) {
    }

    private final Queue<Waiting> waiting = new ConcurrentLinkedQueue<>();

    SlowAnswers(Duration acceptAfter) {
        this.acceptAfterNanos = acceptAfter.toNanos();
    }

    /** Watches a request whose answer is on its way (from any thread). */
    void watch(CoapExchange exchange, IngestContext context) {
        if (exchange.advanced().getRequest().getType() == CoAP.Type.CON && !context.isDone()) {
            waiting.add(new Waiting(exchange, context));
        }
    }

    /** Sends the empty ACK to every request waiting longer than the bound; forgets answered ones. Returns how many were accepted. */
    int sweep(long nowNanos) {
        int accepted = 0;
        for (Waiting w = waiting.peek(); w != null; w = waiting.peek()) {
            if (!w.context().isDone()) {
                if (w.context().ageNanos(nowNanos) < acceptAfterNanos) {
                    return accepted;
                }
                w.exchange().accept();
                accepted++;
            }
            waiting.poll();
        }
        return accepted;
    }

    int size() {
        return waiting.size();
    }
}
