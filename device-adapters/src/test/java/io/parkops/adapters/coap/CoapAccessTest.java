package io.parkops.adapters.coap;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.parkops.adapters.security.DeviceAuthMetrics;
import java.util.List;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.elements.auth.PreSharedKeyIdentity;
import org.junit.jupiter.api.Test;

class CoapAccessTest {

    private static final String USAGE = "/telemetry/{tenant}/{deviceId}";
    private static final PreSharedKeyIdentity IAQ_1 = new PreSharedKeyIdentity("iaq-0001@nanan");

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
