package io.parkops.adapters.coap;

import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import java.util.Objects;

/**
 * Device authentication for CoAP: the CoAPS (DTLS 1.2 PSK) endpoint and whether plain CoAP is
 * still accepted.
 *
 * @param port                 UDP port of the DTLS endpoint ({@code PARKOPS_COAPS_PORT}); 0 picks a free one
 * @param allowUnauthenticated accept plain CoAP with tenant and device in the path ({@code PARKOPS_COAP_ALLOW_UNAUTHENTICATED})
 * @param registry             where PSKs are looked up (identity {@code {deviceId}@{tenant}})
 * @param metrics              sign-in and refusal counters
 */
public record CoapsConfig(int port, boolean allowUnauthenticated, DeviceRegistry registry, DeviceAuthMetrics metrics) {

    public CoapsConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("PARKOPS_COAPS_PORT must be 0..65535, was " + port);
        }
        Objects.requireNonNull(registry, "registry");
        Objects.requireNonNull(metrics, "metrics");
    }
}
