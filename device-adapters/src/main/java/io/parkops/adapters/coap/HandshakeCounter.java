package io.parkops.adapters.coap;

import io.parkops.adapters.security.DeviceAuthMetrics;
import org.eclipse.californium.scandium.DtlsHealth;
import org.eclipse.californium.scandium.DtlsHealthExtended2;

/**
 * Counts DTLS outcomes into the device sign-in metric: a finished handshake is a device that
 * proved its PSK; a record failing its MAC check is, in practice, a client holding the wrong key
 * (its Finished message cannot be read with the registry's key, and Scandium drops it as DTLS
 * requires, so the handshake itself only ends when the client gives up); other failed handshakes
 * are counted as such. Unknown identities are counted by {@link RegistryPskStore}.
 */
final class HandshakeCounter implements DtlsHealth, DtlsHealthExtended2 {

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
    public void receivingMacError() {
        metrics.refused("coaps", "wrong_key");
    }

    @Override
    public void setPendingIncomingJobs(int jobs) {
        // not reported
    }

    @Override
    public void setPendingOutgoingJobs(int jobs) {
        // not reported
    }

    @Override
    public void setPendingHandshakeJobs(int jobs) {
        // not reported
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
