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

/**
 * What every ingress adapter does with a message once its protocol has been peeled off: check the
 * size, the address and the device, decode the payload with the device's type, and count the
 * outcome. No protocol and no Vert.x here; the edge turns a {@link RejectedException} into a CoAP
 * code or an MQTT log line.
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

    public TelemetryIngest(DeviceRegistry registry, DeviceTypeCatalog catalog, IngestMetrics metrics, int maxPayloadBytes) {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        this.registry = registry;
        this.catalog = catalog;
        this.metrics = metrics;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    public int maxPayloadBytes() {
        return maxPayloadBytes;
    }

    /**
     * Accepts one message or throws {@link RejectedException} saying why not. Either way the
     * outcome is counted.
     */
    public Telemetry accept(Transport transport, Channel channel, String tenant, String deviceId, int contentFormat,
                            byte[] payload, long now) {
        try {
            Telemetry telemetry = decode(transport, channel, tenant, deviceId, contentFormat, payload, now);
            metrics.accepted(transport, tenant);
            return telemetry;
        } catch (RejectedException e) {
            metrics.rejected(transport, registry.isKnownTenant(tenant) ? tenant : null, e.reason());
            throw e;
        }
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
        DeviceType type = catalog.find(device.typeId()).orElseThrow(() -> new RejectedException(Rejection.UNKNOWN_DEVICE,
                "device type '" + device.typeId() + "' of " + device.id() + " is no longer defined"));
        Decoded decoded = decoders.decode(type, contentFormat, payload, now);
        if (!decoded.dropped().isEmpty()) {
            metrics.droppedValues(transport, decoded.dropped().size());
        }
        return new Telemetry(device, channel, transport, decoded.timestamp(), now, decoded.features());
    }
}
