package io.parkops.adapters.ingest;

import java.time.Duration;

/**
 * The limits every device message meets before it is decoded, in one place. The structural limits
 * of the decoders (JSON depth 8, 256 fields, strings of 4,096 characters, 1,000 SenML records) are
 * fixed in the decoders because no honest device comes near them.
 *
 * @param maxPayloadBytes   largest payload ({@code PARKOPS_MAX_PAYLOAD_BYTES})
 * @param deviceRate        messages a second one device may send on average ({@code PARKOPS_DEVICE_RATE}); 0 = no limit
 * @param deviceBurst       messages one device may send at once above its rate ({@code PARKOPS_DEVICE_BURST})
 * @param maxPaceWait       how far ahead of its rate a device whose messages wait for their acknowledgement
 *                          (MQTT QoS 1) may be: its messages are held (paced) up to this long, beyond it the
 *                          device is abusive and refused ({@code PARKOPS_DEVICE_MAX_PACE_SECONDS})
 */
public record IngestLimits(int maxPayloadBytes, double deviceRate, int deviceBurst, Duration maxPaceWait) {

    public static final double DEFAULT_DEVICE_RATE = 10;
    public static final int DEFAULT_DEVICE_BURST = 50;
    /** Below the edges' 60 s store timeout, so a paced message is still answered before the device gives up on it. */
    public static final Duration DEFAULT_MAX_PACE_WAIT = Duration.ofSeconds(30);

    public IngestLimits {
        if (maxPayloadBytes <= 0) {
            throw new IllegalArgumentException("maxPayloadBytes must be positive, was " + maxPayloadBytes);
        }
        if (deviceRate < 0 || Double.isNaN(deviceRate)) {
            throw new IllegalArgumentException("PARKOPS_DEVICE_RATE must be 0 (off) or more, was " + deviceRate);
        }
        if (deviceBurst < 1) {
            throw new IllegalArgumentException("PARKOPS_DEVICE_BURST must be at least 1, was " + deviceBurst);
        }
        if (maxPaceWait == null || maxPaceWait.isNegative()) {
            throw new IllegalArgumentException("PARKOPS_DEVICE_MAX_PACE_SECONDS must be 0 or more, was " + maxPaceWait);
        }
    }

    /** The limits with the default pacing bound. */
    public IngestLimits(int maxPayloadBytes, double deviceRate, int deviceBurst) {
        this(maxPayloadBytes, deviceRate, deviceBurst, DEFAULT_MAX_PACE_WAIT);
    }

    /** The payload limit with the default rate limit. */
    public static IngestLimits of(int maxPayloadBytes) {
        return new IngestLimits(maxPayloadBytes, DEFAULT_DEVICE_RATE, DEFAULT_DEVICE_BURST);
    }
}
