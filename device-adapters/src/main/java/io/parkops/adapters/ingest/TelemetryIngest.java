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
import io.parkops.model.flow.IngestGate;

/**
 * What every ingress adapter does with a message once its protocol has been peeled off: check the
 * size, the address and the device, decode the payload with the device's type, and count the
 * outcome. No protocol and no Vert.x here; the edge turns a {@link RejectedException} into a CoAP
 * code or an MQTT log line.
 *
 * <p>The checks run cheapest first: size, address, registry, the device's rate (a token bucket),
 * then decoding; {@link #accept} finally asks the {@link IngestGate} for room downstream.
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
        metrics.watchGate(gate);
    }

    public IngestGate gate() {
        return gate;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Accepts one message or throws {@link RejectedException} saying why not; either way the
     * outcome is counted. On success the message holds a permit of the {@link IngestGate}, which
     * the sink gives back; when the gate is shut the reason is {@link Rejection#OVERLOADED}.
     */
    public Telemetry accept(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                            byte[] payload, long now) {
        Telemetry telemetry = check(transport, channel, tenant, deviceId, contentFormat, payload, now);
        String full = gate.tryEnter();
        if (full != null) {
            metrics.rejected(transport, tenant, Rejection.OVERLOADED);
            throw new RejectedException(Rejection.OVERLOADED, "overloaded: " + full + "; retry in "
                    + gate.retryAfterSeconds() + " s");
        }
        admitted(telemetry);
        return telemetry;
    }

    /**
     * Checks and decodes one message without asking the gate (for an edge that waits for room
     * itself, like the MQTT ingress); rejections are counted, acceptance is counted by {@link #admitted}.
     */
    public Telemetry check(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                           byte[] payload, long now) {
        try {
            return decode(transport, channel, tenant, deviceId, contentFormat, payload, now);
        } catch (RejectedException e) {
            metrics.rejected(transport, registry.isKnownTenant(tenant) ? tenant : null, e.reason());
            throw e;
        }
    }

    /** Counts a checked message as accepted once it is handed on. */
    public void admitted(Telemetry telemetry) {
        metrics.accepted(telemetry.transport(), telemetry.thingId().tenant());
    }

    /** Counts a message the edge refused before it could call {@link #accept} (e.g. a bad topic). */
    public void countRejected(Transport transport, Rejection reason) {
        metrics.rejected(transport, null, reason);
    }

    private Telemetry decode(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                             byte[] payload, long now) {
        if (payload.length > maxPayloadBytes) {
            throw new RejectedException(Rejection.TOO_LARGE,
                    "payload of " + payload.length + " bytes exceeds the limit of " + maxPayloadBytes + " bytes");
        }
        if (!ThingId.isValidTenant(tenant) || !ThingId.isValidDeviceId(deviceId)) {
            throw new RejectedException(Rejection.BAD_ADDRESS, "'" + tenant + "/" + deviceId
                    + "' is not a valid {tenant}/{deviceId}: tenant [a-z][a-z0-9-]*, deviceId [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        if (!registry.isKnownTenant(tenant)) {
            throw new RejectedException(Rejection.UNKNOWN_TENANT, "tenant '" + tenant + "' is not known");
        }
        Device device = registry.find(ThingId.of(tenant, deviceId));
        if (device == null) {
            throw new RejectedException(Rejection.UNKNOWN_DEVICE, "device '" + deviceId + "' is not provisioned in tenant '"
                    + tenant + "'; provision it with POST /api/devices");
        }
        if (!rates.tryAcquire(device.id(), System.nanoTime())) {
            throw new RejectedException(Rejection.RATE_LIMITED, device.id() + " sends faster than " + rates.ratePerSecond()
                    + " messages a second (PARKOPS_DEVICE_RATE); this message was dropped");
        }
        DeviceType type = catalog.find(device.typeId()).orElseThrow(() -> new RejectedException(Rejection.UNKNOWN_DEVICE,
                "device type '" + device.typeId() + "' of " + device.id() + " is no longer defined"));
        Decoded decoded = decoders.decode(type, contentFormat, payload, now);
        if (!decoded.dropped().isEmpty()) {
            metrics.droppedValues(transport, decoded.dropped().size());
        }
        return new Telemetry(device, channel, transport, decoded.timestamp(), now, decoded.features());
    }
}
