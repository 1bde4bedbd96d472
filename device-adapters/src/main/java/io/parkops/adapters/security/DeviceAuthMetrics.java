package io.parkops.adapters.security;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counters of device authentication and authorization:
 * {@code parkops_device_auth_total{transport,result,reason}} for sign-ins (MQTT CONNECT, DTLS
 * handshake, plain CoAP refused) and {@code parkops_device_denied_total{transport,action,reason}}
 * for an authenticated client reaching for something that is not its own. Reasons are a fixed
 * small set, never client text, so the label set stays bounded.
 */
public final class DeviceAuthMetrics {

    static final String AUTH = "parkops.device.auth";
    static final String DENIED = "parkops.device.denied";

    private final MeterRegistry registry;

    public DeviceAuthMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void accepted(String transport, String how) {
        auth(transport, "accepted", how).increment();
    }

    public void refused(String transport, String reason) {
        auth(transport, "refused", reason).increment();
    }

    public void denied(String transport, String action, String reason) {
        Counter.builder(DENIED).description("Requests of authenticated device clients refused because the target is not theirs")
                .tag("transport", transport).tag("action", action).tag("reason", reason)
                .register(registry).increment();
    }

    private Counter auth(String transport, String result, String reason) {
        return Counter.builder(AUTH).description("Device sign-ins by transport, result and reason")
                .tag("transport", transport).tag("result", result).tag("reason", reason)
                .register(registry);
    }
}
