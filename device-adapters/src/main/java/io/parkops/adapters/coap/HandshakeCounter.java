package io.parkops.adapters.coap;

import io.parkops.adapters.security.DeviceAuthMetrics;
import org.eclipse.californium.scandium.DtlsHealth;

/**
 * Counts finished DTLS handshakes into the device sign-in metric: a success is a device that
 * proved its PSK; a failure is most often a wrong key (the Finished check fails) or an
 * identity the registry does not know.
 */
final class HandshakeCounter implements DtlsHealth {

    private final DeviceAuthMetrics metrics;

    HandshakeCounter(DeviceAuthMetrics metrics) {
        this.metrics = metrics;
    }

    @Override
    public void endHandshake(boolean success) {
        if (success) {
            metrics.accepted("coaps", "psk");
        } else {
            metrics.refused("coaps", "handshake_failed");
        }
    }

    @Override
    public boolean isEnabled() {
        return true;
    }

    @Override
    public void startHandshake() {
        // only outcomes are counted
    }

    @Override
    public void receivingRecord(boolean dropped) {
        // records are not counted
    }

    @Override
    public void sendingRecord(boolean dropped) {
        // records are not counted
    }

    @Override
    public void dump(String tag, int maxConnections, int remainingCapacity, int pendingWithoutVerify) {
        // Micrometer is the report; nothing to dump
    }
}
