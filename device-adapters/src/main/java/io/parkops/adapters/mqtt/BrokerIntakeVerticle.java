package io.parkops.adapters.mqtt;

import com.hivemq.extension.sdk.api.interceptor.publish.PublishInboundInterceptor;
import io.parkops.adapters.ingest.HandOff;
import io.parkops.adapters.ingest.TelemetryIngest;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import java.time.Duration;

/**
 * The MQTT ingress when the broker is the embedded one: owns the {@link HandOff} that
 * {@link BrokerIntake} feeds from HiveMQ's threads. Deploy it before the {@link EmbeddedBrokerVerticle}
 * that uses its {@link #interceptor()}.
 */
public final class BrokerIntakeVerticle extends VerticleBase {

    /** How long a device's PUBACK may wait for its message to be stored before the device is told to send again. */
    public static final Duration STORE_TIMEOUT = Duration.ofSeconds(60);

    private final TelemetryIngest ingest;
    private final PublishGuard guard;
    private volatile HandOff handOff;
    private volatile BrokerIntake intake;

    /** @param guard who may publish where; {@link PublishGuard#OPEN} without device authentication */
    public BrokerIntakeVerticle(TelemetryIngest ingest, PublishGuard guard) {
        this.ingest = ingest;
        this.guard = guard;
    }

    @Override
    public Future<?> start() {
        HandOff h = new HandOff(context, ingest, "MQTT broker intake");
        handOff = h;
        intake = new BrokerIntake(ingest, guard, h, STORE_TIMEOUT);
        return Future.succeededFuture();
    }

    /** True once deployed: the broker's devices can be heard. */
    public boolean isRunning() {
        return intake != null;
    }

    /** The interceptor for every client of the embedded broker; only after deployment. */
    public PublishInboundInterceptor interceptor() {
        BrokerIntake i = intake;
        if (i == null) {
            throw new IllegalStateException("deploy the broker intake before the broker");
        }
        return i;
    }

    /** Messages taken and not yet acknowledged (waiting for room or to be stored). */
    public int waiting() {
        HandOff h = handOff;
        return h == null ? 0 : h.waiting();
    }
}
