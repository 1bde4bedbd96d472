package io.parkops.adapters.coap;

import io.parkops.adapters.registry.GatewayLookup;
import io.parkops.adapters.security.DeviceAuthMetrics;
import io.parkops.adapters.security.DeviceLogin;
import io.parkops.model.ThingId;
import java.security.Principal;
import java.util.List;
import java.util.Optional;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;

/**
 * Which device a CoAP request speaks for. Over CoAPS the device is the DTLS PSK identity: the
 * short path ({@code /telemetry}) takes it as is, and a long path must name that same device or
 * a device that names it as its gateway in {@code via} (4.03 otherwise), so no device can write
 * another's twin. Plain CoAP carries no identity: it is refused with 4.01 unless
 * PARKOPS_COAP_ALLOW_UNAUTHENTICATED lets the path name the device.
 */
public final class CoapAccess {

    /** What the request resolved to: a target device or a refusal. */
    public sealed interface Outcome permits Target, Refusal {
    }

    /** The device to write for; {@code authenticated} when it came from a DTLS session. */
    public record Target(String tenant, String deviceId, boolean authenticated) implements Outcome {
    }

    /** A refusal with its CoAP code and text; {@code badAddress} when the path itself was wrong. */
    public record Refusal(ResponseCode code, String text, boolean badAddress) implements Outcome {
    }

    /** No device authentication at all: the behaviour before CoAPS existed (tests of other modules). */
    public static final CoapAccess OPEN = new CoapAccess(true, () -> -1, null);

    private final boolean allowUnauthenticated;
    private final java.util.function.IntSupplier coapsPort;
    private final DeviceAuthMetrics metrics;
    private final GatewayLookup gateways;

    /** Every device speaks only for itself (no gateways). */
    CoapAccess(boolean allowUnauthenticated, java.util.function.IntSupplier coapsPort, DeviceAuthMetrics metrics) {
        this(allowUnauthenticated, coapsPort, metrics, GatewayLookup.NONE);
    }

    /**
     * @param coapsPort asked when a text needs it: the port is known only once the endpoint is bound
     * @param gateways  which signed-in gateway may write for which device (the registry: a map read per request)
     */
    CoapAccess(boolean allowUnauthenticated, java.util.function.IntSupplier coapsPort, DeviceAuthMetrics metrics,
               GatewayLookup gateways) {
        this.allowUnauthenticated = allowUnauthenticated;
        this.coapsPort = coapsPort;
        this.metrics = metrics;
        this.gateways = gateways;
    }

    /**
     * @param peer  the DTLS peer identity, null on plain CoAP
     * @param rest  the path after the resource's own segments: empty (short path) or {@code [tenant, deviceId]}
     * @param usage the long path form, for error texts (e.g. {@code /telemetry/{tenant}/{deviceId}})
     */
    public Outcome resolve(Principal peer, List<String> rest, String usage) {
        if (peer instanceof PreSharedKeyIdentity psk) {
            return authenticated(psk, rest, usage);
        }
        if (!allowUnauthenticated) {
            count("coap", null);
            return new Refusal(ResponseCode.UNAUTHORIZED, "plain CoAP is not accepted here: use CoAPS (DTLS PSK, identity "
                    + "{deviceId}@{tenant}) on port " + coapsPort.getAsInt() + ", or set PARKOPS_COAP_ALLOW_UNAUTHENTICATED=true", false);
        }
        if (rest.size() != 2) {
            return new Refusal(ResponseCode.UNAUTHORIZED, "use " + usage + "; the short path needs a DTLS (coaps) session", true);
        }
        return new Target(rest.get(0), rest.get(1), false);
    }

    private Outcome authenticated(PreSharedKeyIdentity psk, List<String> rest, String usage) {
        Optional<ThingId> device = DeviceLogin.parse(psk.getIdentity());
        if (device.isEmpty()) {
            count("coaps", null);
            return new Refusal(ResponseCode.UNAUTHORIZED, "PSK identity must be {deviceId}@{tenant}", false);
        }
        ThingId id = device.get();
        if (rest.isEmpty() || rest.size() == 2 && rest.get(0).equals(id.tenant()) && rest.get(1).equals(id.deviceId())) {
            return new Target(id.tenant(), id.deviceId(), true);
        }
        if (rest.size() == 2) {
            return forOther(id, rest.get(0), rest.get(1));
        }
        return new Refusal(ResponseCode.BAD_REQUEST, "use the short path or " + usage + " naming the signed-in device", true);
    }

    /** A long path naming another device: allowed for a gateway the device names in {@code via}. */
    private Outcome forOther(ThingId signedIn, String tenant, String deviceId) {
        ThingId target = ThingId.isValidTenant(tenant) && ThingId.isValidDeviceId(deviceId) ? ThingId.of(tenant, deviceId) : null;
        if (target != null && gateways.mayActFor(signedIn, target)) {
            return new Target(tenant, deviceId, true);
        }
        if (target != null && gateways.isGateway(signedIn)) {
            count("coaps", "not_behind_gateway");
            return new Refusal(ResponseCode.FORBIDDEN, "signed in as gateway " + DeviceLogin.of(signedIn) + ": " + tenant + "/"
                    + deviceId + " does not name " + signedIn.deviceId() + " in its via", false);
        }
        count("coaps", "other_device");
        return new Refusal(ResponseCode.FORBIDDEN, "signed in as " + DeviceLogin.of(signedIn) + ": may not send for "
                + tenant + "/" + deviceId, false);
    }

    private void count(String transport, String deniedReason) {
        if (metrics == null) {
            return;
        }
        if (deniedReason == null) {
            metrics.refused(transport, "unauthenticated");
        } else {
            metrics.denied(transport, "write", deniedReason);
        }
    }
}
