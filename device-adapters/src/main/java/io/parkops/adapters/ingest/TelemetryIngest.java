package io.parkops.adapters.ingest;

import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.adapters.codec.Decoded;
import io.parkops.adapters.codec.PayloadDecoders;
import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.model.Channel;
import io.parkops.model.Device;
import io.parkops.model.DeviceType;
import io.parkops.model.Rejection;
import io.parkops.model.RejectedException;
import io.parkops.model.Telemetry;
import io.parkops.model.ThingId;
import io.parkops.model.Transport;
import io.parkops.model.flow.IngestContext;
import io.parkops.model.flow.IngestGate;
import io.parkops.model.flow.Onward;

/**
 * What every ingress adapter does with a message once its protocol has been peeled off: check the
 * size, the address and the device, decode the payload with the device's type, and count the
 * outcome. No protocol and no Vert.x here; the edge turns a {@link RejectedException} into a CoAP
 * code or an MQTT log line.
 *
 * <p>The checks run cheapest first: size, address, registry, then decoding. The device's rate (a
 * token bucket) is kept by refusing ({@link #accept}, {@link #requireRate}) where the protocol
 * cannot wait, and by pacing ({@link #paceNanos}) where the acknowledgement can; {@link #accept}
 * finally asks the {@link IngestGate} for room downstream.
 */
public final class TelemetryIngest {

    /** CoAP content-format numbers this ingest decodes (RFC 7252 §12.3). */
    public static final int FORMAT_NONE = PayloadDecoders.NONE;
    public static final int FORMAT_JSON = PayloadDecoders.JSON;

    private final DeviceRegistry registry;
    private final DeviceTypeCatalog catalog;
    private final PayloadDecoders decoders = new PayloadDecoders();
    private final IngestMetrics metrics;
    private final int maxPayloadBytes;
    private final DeviceRateLimiter rates;
    private final IngestGate gate;
    private final long maxPaceWaitNanos;
    private volatile Onward onward;

    /** Default rate limits and no bound downstream (tools and tests of the adapters alone). */
    public TelemetryIngest(DeviceRegistry registry, DeviceTypeCatalog catalog, IngestMetrics metrics, int maxPayloadBytes) {
        this(registry, catalog, metrics, IngestLimits.of(maxPayloadBytes), IngestGate.unbounded());
    }

    public TelemetryIngest(DeviceRegistry registry, DeviceTypeCatalog catalog, IngestMetrics metrics, IngestLimits limits,
                           IngestGate gate) {
        this.registry = registry;
        this.catalog = catalog;
        this.metrics = metrics;
        this.maxPayloadBytes = limits.maxPayloadBytes();
        this.rates = new DeviceRateLimiter(limits.deviceRate(), limits.deviceBurst());
        this.gate = gate;
        this.maxPaceWaitNanos = limits.maxPaceWait().toNanos();
        metrics.watchGate(gate);
    }

    public IngestGate gate() {
        return gate;
    }

    /**
     * Sends every admitted message to {@code next} (Kafka in a cluster) instead of the local event
     * bus; set before the edges start.
     */
    public TelemetryIngest handingOnTo(Onward next) {
        this.onward = next;
        return this;
    }

    /** Where {@link HandOff} sends admitted messages; null = the local event bus of the edge's Vert.x. */
    public Onward onward() {
        return onward;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Accepts one message for an edge that refuses rather than waits (CoAP), or throws
     * {@link RejectedException} saying why not; either way the outcome is counted. Over its rate the
     * device is refused ({@link Rejection#RATE_LIMITED}, CoAP 4.29); when the {@link IngestGate} is
     * shut the reason is {@link Rejection#OVERLOADED}. On success {@code context} holds a permit of
     * the gate, which the sink gives back.
     */
    public Telemetry accept(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                            byte[] payload, long now, IngestContext context) {
        Telemetry telemetry = check(transport, channel, tenant, deviceId, contentFormat, payload, now, context);
        requireRate(telemetry, System.nanoTime());
        String full = gate.tryEnter();
        if (full != null) {
            metrics.rejected(transport, tenant, Rejection.OVERLOADED);
            throw new RejectedException(Rejection.OVERLOADED, "overloaded: " + full + "; retry in "
                    + gate.retryAfterSeconds() + " s");
        }
        context.holding(gate);
        admitted(telemetry);
        return telemetry;
    }

    /**
     * Checks and decodes one message without asking the gate or the rate limit (for an edge that
     * waits for room and paces itself through {@link HandOff}); rejections are counted, acceptance is
     * counted by {@link #admitted}. The message carries {@code context} on its way.
     */
    public Telemetry check(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                           byte[] payload, long now, IngestContext context) {
        try {
            return decode(transport, channel, tenant, deviceId, contentFormat, payload, now, context);
        } catch (RejectedException e) {
            metrics.rejected(transport, registry.isKnownTenant(tenant) ? tenant : null, e.reason());
            throw e;
        }
    }

    /** A device over its rate is refused (counted): for messages nobody can be made to wait for (CoAP, MQTT QoS 0). */
    public void requireRate(Telemetry telemetry, long nowNanos) {
        if (!rates.tryAcquire(telemetry.thingId(), nowNanos)) {
            metrics.rejected(telemetry.transport(), telemetry.thingId().tenant(), Rejection.RATE_LIMITED);
            throw new RejectedException(Rejection.RATE_LIMITED, telemetry.thingId() + " sends faster than "
                    + rates.ratePerSecond() + " messages a second (PARKOPS_DEVICE_RATE); retry in a second");
        }
    }

    /**
     * How long a message whose device waits for its acknowledgement (MQTT QoS 1) is held to keep the
     * device to its rate: 0 now, else nanoseconds. A device more than {@link IngestLimits#maxPaceWait}
     * ahead of its rate is abusive: refused with {@link Rejection#RATE_LIMITED} (counted).
     */
    public long paceNanos(Telemetry telemetry, long nowNanos) {
        long wait = rates.reserve(telemetry.thingId(), nowNanos, maxPaceWaitNanos);
        if (wait < 0) {
            metrics.rejected(telemetry.transport(), telemetry.thingId().tenant(), Rejection.RATE_LIMITED);
            throw new RejectedException(Rejection.RATE_LIMITED, telemetry.thingId() + " is more than "
                    + maxPaceWaitNanos / 1_000_000_000 + " s ahead of its rate of " + rates.ratePerSecond()
                    + " messages a second (PARKOPS_DEVICE_RATE); not stored, send it again later");
        }
        if (wait > 0) {
            metrics.paced(telemetry.transport());
        }
        return wait;
    }

    /** Counts a checked message as accepted once it is handed on. */
    public void admitted(Telemetry telemetry) {
        metrics.accepted(telemetry.transport(), telemetry.thingId().tenant());
    }

    /** Counts a message an edge gave up after the stores refused it several times (see {@link IngestMetrics#givenUp}). */
    public void countGivenUp(Transport transport) {
        metrics.givenUp(transport);
    }

    /** Counts a message the edge refused before it could call {@link #accept} (e.g. a bad topic). */
    public void countRejected(Transport transport, Rejection reason) {
        metrics.rejected(transport, null, reason);
    }

    private Telemetry decode(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                             byte[] payload, long now, IngestContext context) {
        if (payload.length > maxPayloadBytes) {
            throw new RejectedException(Rejection.TOO_LARGE,
                    "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        if (!ThingId.isValidTenant(tenant) || !ThingId.isValidDeviceId(deviceId)) {
            throw new RejectedException(Rejection.BAD_ADDRESS, "'" + tenant + "/" + deviceId
                    + "' is not a valid {tenant}/{deviceId}: tenant [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*, deviceId [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        if (!registry.isKnownTenant(tenant)) {
            throw new RejectedException(Rejection.UNKNOWN_TENANT, "tenant '" + tenant + "' is not known");
        }
        Device device = registry.find(ThingId.of(tenant, deviceId));
        if (device == null) {
            throw new RejectedException(Rejection.UNKNOWN_DEVICE, "device '" + deviceId + "' is not provisioned in tenant '"
                    + tenant + "'; provision it with POST /api/devices");
        }
        DeviceType type = catalog.find(device.typeId()).orElseThrow(() -> new RejectedException(Rejection.UNKNOWN_DEVICE,
                "device type '" + device.typeId() + "' of " + device.id() + " is no longer defined"));
        Decoded decoded = decoders.decode(type, contentFormat, payload, now);
        if (!decoded.dropped().isEmpty()) {
            metrics.droppedValues(transport, decoded.dropped().size());
        }
        return new Telemetry(device, channel, transport, decoded.timestamp(), now, decoded.features(), context);
    }
}
