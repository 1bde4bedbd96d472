package io.parkops.adapters.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.adapters.registry.GatewayFixture;
import io.parkops.adapters.security.DeviceAuthMetrics;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.junit.jupiter.api.Test;

class CoapAccessTest {

    private static final String USAGE = "/telemetry/{tenant}/{deviceId}";
    private static final PreSharedKeyIdentity IAQ_1 = new PreSharedKeyIdentity("iaq-0001@nanan");
    private static final PreSharedKeyIdentity GW_1 = new PreSharedKeyIdentity("gw-01@nanan");

    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final CoapAccess strict = new CoapAccess(false, () -> 5684, new DeviceAuthMetrics(meters));
    private final CoapAccess lab = new CoapAccess(true, () -> 5684, new DeviceAuthMetrics(meters));

    @Test
    void theShortPathTakesTheDeviceFromTheDtlsIdentity() {
        assertThat(strict.resolve(IAQ_1, List.of(), USAGE)).isEqualTo(new CoapAccess.Target("nanan", "iaq-0001", true));
    }

    @Test
    void aLongPathOverDtlsMustNameTheSignedInDevice() {
        assertThat(strict.resolve(IAQ_1, List.of("nanan", "iaq-0001"), USAGE))
                .isEqualTo(new CoapAccess.Target("nanan", "iaq-0001", true));
        assertThat(strict.resolve(IAQ_1, List.of("nanan", "iaq-0002"), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> {
                    assertThat(r.code()).isEqualTo(ResponseCode.FORBIDDEN);
                    assertThat(r.text()).contains("iaq-0001@nanan", "nanan/iaq-0002");
                });
        // even where plain CoAP is allowed, a signed-in device cannot write another's twin
        assertThat(lab.resolve(IAQ_1, List.of("xinshengli", "iaq-0001"), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ResponseCode.FORBIDDEN));
        assertThat(meters.get("parkops.device.denied").tag("reason", "other_device").counter().count()).isEqualTo(2);
    }

    @Test
    void aGatewayWritesOnTheLongPathOfEveryDeviceThatNamesIt() {
        CoapAccess access = new CoapAccess(false, () -> 5684, new DeviceAuthMetrics(meters), GatewayFixture.registry());
        assertThat(access.resolve(GW_1, List.of("nanan", "meter-1"), USAGE)).isEqualTo(new CoapAccess.Target("nanan", "meter-1", true));
        assertThat(access.resolve(GW_1, List.of("nanan", "loop-1"), USAGE)).isEqualTo(new CoapAccess.Target("nanan", "loop-1", true));
        // its own data still on the short path
        assertThat(access.resolve(GW_1, List.of(), USAGE)).isEqualTo(new CoapAccess.Target("nanan", "gw-01", true));
    }

    @Test
    void aGatewayIsRefusedForADeviceThatDoesNotNameItAndCountedApart() {
        CoapAccess access = new CoapAccess(false, () -> 5684, new DeviceAuthMetrics(meters), GatewayFixture.registry());
        for (List<String> path : List.of(List.of("nanan", "m-999"), List.of("nanan", "meter-2"), List.of("nanan", "meter-404"),
                List.of("xinshengli", "meter-1"))) {
            assertThat(access.resolve(GW_1, path, USAGE)).as(path.toString()).isInstanceOfSatisfying(CoapAccess.Refusal.class, r -> {
                assertThat(r.code()).isEqualTo(ResponseCode.FORBIDDEN);
                assertThat(r.text()).contains("gw-01@nanan", path.get(1), "via");
            });
        }
        assertThat(meters.get("parkops.device.denied").tag("reason", "not_behind_gateway").counter().count()).isEqualTo(4);
        // a device behind the gateway gets no rights over the gateway or its siblings
        assertThat(access.resolve(new PreSharedKeyIdentity("meter-1@nanan"), List.of("nanan", "loop-1"), USAGE))
                .isInstanceOfSatisfying(CoapAccess.Refusal.class, r -> assertThat(r.code()).isEqualTo(ResponseCode.FORBIDDEN));
        assertThat(meters.get("parkops.device.denied").tag("reason", "other_device").counter().count()).isEqualTo(1);
    }

    @Test
    void withoutAGatewayLookupNoDeviceWritesForAnother() {
        assertThat(strict.resolve(GW_1, List.of("nanan", "meter-1"), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ResponseCode.FORBIDDEN));
    }

    @Test
    void plainCoapIsRefusedWithAHintUnlessAllowed() {
        assertThat(strict.resolve(null, List.of("nanan", "iaq-0001"), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> {
                    assertThat(r.code()).isEqualTo(ResponseCode.UNAUTHORIZED);
                    assertThat(r.text()).contains("CoAPS", "5684", "PARKOPS_COAP_ALLOW_UNAUTHENTICATED");
                });
        assertThat(lab.resolve(null, List.of("nanan", "iaq-0001"), USAGE)).isEqualTo(new CoapAccess.Target("nanan", "iaq-0001", false));
        assertThat(lab.resolve(null, List.of(), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> assertThat(r.text()).contains("DTLS"));
    }

    @Test
    void aBadPathOverDtlsIsABadRequest() {
        assertThat(strict.resolve(IAQ_1, List.of("nanan"), USAGE)).isInstanceOfSatisfying(CoapAccess.Refusal.class,
                r -> assertThat(r.code()).isEqualTo(ResponseCode.BAD_REQUEST));
    }
}
