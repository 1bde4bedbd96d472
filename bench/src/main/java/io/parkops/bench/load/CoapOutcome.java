package io.parkops.bench.load;

import io.parkops.bench.load.Sender.Outcome;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MessageObserverAdapter;
import org.eclipse.californium.core.coap.Response;

/**
 * The outcome of one CoAP or CoAPS request, reported exactly once whichever of Californium's
 * callbacks comes first: 2.04 is stored; 5.03 (ingest full) and 4.29 (rate limit) are the server's
 * refusals; any other code, a timeout or a send error is a fault.
 */
final class CoapOutcome extends MessageObserverAdapter {

    private final AtomicBoolean once = new AtomicBoolean();
    private final Consumer<ResponseCode> notChanged;
    private final Sender.Callback done;

    /** @param notChanged hears every response code other than 2.04 (for a count by code) */
    CoapOutcome(Consumer<ResponseCode> notChanged, Sender.Callback done) {
        this.notChanged = notChanged;
        this.done = done;
    }

    static Outcome of(ResponseCode code) {
        if (code == ResponseCode.CHANGED) {
            return Outcome.ACCEPTED;
        }
        return code == ResponseCode.SERVICE_UNAVAILABLE || code == ResponseCode.TOO_MANY_REQUESTS ? Outcome.REFUSED : Outcome.FAILED;
    }

    @Override
    public void onResponse(Response response) {
        if (response.getCode() != ResponseCode.CHANGED) {
            notChanged.accept(response.getCode());
        }
        finish(of(response.getCode()));
    }

    @Override
    public void onTimeout() {
        finish(Outcome.FAILED);
    }

    @Override
    public void onReject() {
        finish(Outcome.FAILED);
    }

    @Override
    public void onCancel() {
        finish(Outcome.FAILED);
    }

    @Override
    public void onSendError(Throwable error) {
        finish(Outcome.FAILED);
    }

    private void finish(Outcome outcome) {
        if (once.compareAndSet(false, true)) {
            done.done(outcome);
        }
    }
}
