package io.parkops.bench.load;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntFunction;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Request;
import org.eclipse.californium.core.coap.Response;
import org.eclipse.californium.core.coap.Token;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.EndpointContext;

/**
 * Opens the DTLS session of every CoAPS endpoint before the load starts: a CoAP ping (an empty
 * confirmable message, answered with a reset) over each endpoint makes Scandium run the PSK
 * handshake first and writes no telemetry. At most {@code parallel} handshakes run at once, so a
 * large fleet does not flood the server's handshake queue; any device that did not get its session
 * fails the whole sign-in with its identity and reason.
 */
final class SignIn {

    private final Semaphore slots;

    SignIn(int parallel) {
        slots = new Semaphore(parallel);
    }

    void run(List<CoapEndpoint> endpoints, EndpointContext destination, IntFunction<String> identity, long timeoutSeconds)
            throws IOException, InterruptedException {
        CountDownLatch done = new CountDownLatch(endpoints.size());
        Map<Integer, String> failures = new ConcurrentSkipListMap<>();
        Set<Integer> finished = ConcurrentHashMap.newKeySet();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        for (int i = 0; i < endpoints.size(); i++) {
            if (!slots.tryAcquire(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            int device = i;
            Request ping = Request.newPing();
            ping.setToken(Token.EMPTY); // else the stack gives it one, and an empty message must not carry a token
            ping.setDestinationContext(destination);
            ping.addMessageObserver(new MessageObserverAdapter() {
                private final AtomicBoolean once = new AtomicBoolean();

                @Override
                public void onReject() {
                    finish(null); // the reset that answers a ping: the session is up
                }

                @Override
                public void onResponse(Response response) {
                    finish(null);
                }

                @Override
                public void onTimeout() {
                    finish("no answer (handshake or ping timed out)");
                }

                @Override
                public void onSendError(Throwable error) {
                    finish("handshake failed: " + error.getMessage());
                }

                @Override
                public void onCancel() {
                    finish("cancelled");
                }

                private void finish(String failure) {
                    if (!once.compareAndSet(false, true)) {
                        return;
                    }
                    if (failure != null) {
                        failures.put(device, failure);
                    }
                    finished.add(device);
                    slots.release();
                    done.countDown();
                }
            });
            endpoints.get(i).sendRequest(ping);
        }
        if (!done.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
            // a refused identity often just goes unanswered (the alert is not always reported back): name who is still waiting
            for (int i = 0; i < endpoints.size() && failures.size() < 3; i++) {
                if (!finished.contains(i)) {
                    failures.putIfAbsent(i, "no DTLS session after " + timeoutSeconds + " s (unknown identity or wrong key?)");
                }
            }
            throw new IOException("CoAPS sign-in: " + done.getCount() + " of " + endpoints.size() + " devices had no DTLS session"
                    + describe(failures, identity));
        }
        if (!failures.isEmpty()) {
            throw new IOException("CoAPS sign-in failed for " + failures.size() + " of " + endpoints.size() + " devices"
                    + describe(failures, identity));
        }
    }

    private static String describe(Map<Integer, String> failures, IntFunction<String> identity) {
        StringBuilder b = new StringBuilder();
        failures.entrySet().stream().limit(3).forEach(e -> b.append("; ").append(identity.apply(e.getKey())).append(": ").append(e.getValue()));
        return b.toString();
    }
}
