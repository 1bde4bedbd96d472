package io.parkops.adapters.coap;

import io.parkops.adapters.registry.DeviceRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import io.parkops.model.ThingId;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.Optional;
import javax.crypto.SecretKey;
import org.eclipse.californium.scandium.dtls.ConnectionId;
import org.eclipse.californium.scandium.dtls.HandshakeResultHandler;
import org.eclipse.californium.scandium.dtls.PskPublicInformation;
import org.eclipse.californium.scandium.dtls.PskSecretResult;
import org.eclipse.californium.scandium.dtls.pskstore.AdvancedPskStore;
import org.eclipse.californium.scandium.util.SecretUtil;
import org.eclipse.californium.scandium.util.ServerNames;

/**
 * The DTLS PSK store over the device registry: identity {@code {deviceId}@{tenant}}, key the
 * device's provisioned PSK. A lookup is a map read, so it answers synchronously on Scandium's
 * handshake thread. An unknown identity or a device without a PSK gets no secret, and Scandium
 * ends the handshake with an alert; a wrong key fails the handshake's Finished check.
 */
final class RegistryPskStore implements AdvancedPskStore {

    private final DeviceRegistry registry;
    private final DeviceAuthMetrics metrics;

    RegistryPskStore(DeviceRegistry registry, DeviceAuthMetrics metrics) {
        this.registry = registry;
        this.metrics = metrics;
    }

    @Override
    public boolean hasEcdhePskSupported() {
        return true;
    }

    @Override
    public PskSecretResult requestPskSecretResult(ConnectionId cid, ServerNames serverName, PskPublicInformation identity,
                                                  String hmacAlgorithm, SecretKey otherSecret, byte[] seed,
                                                  boolean useExtendedMasterSecret) {
        Optional<ThingId> device = DeviceLogin.parse(identity.getPublicInfoAsString());
        byte[] key = device.filter(d -> registry.find(d) != null).map(d -> registry.credentials(d).psk()).orElse(null);
        if (key == null) {
            metrics.refused("coaps", device.isEmpty() ? "malformed_identity" : registry.find(device.get()) == null
                    ? "unknown_device" : "no_psk");
            return new PskSecretResult(cid, identity, null);
        }
        SecretKey secret = SecretUtil.create(key, "PSK");
        Arrays.fill(key, (byte) 0);
        return new PskSecretResult(cid, identity, secret);
    }

    @Override
    public PskPublicInformation getIdentity(InetSocketAddress peerAddress, ServerNames virtualHost) {
        return null; // server side only: the platform never opens DTLS sessions to devices
    }

    @Override
    public void setResultHandler(HandshakeResultHandler resultHandler) {
        // answers are synchronous; nothing to call back
    }
}
