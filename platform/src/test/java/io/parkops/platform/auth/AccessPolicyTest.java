package io.parkops.platform.auth;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.platform.auth.Role.Permission;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

    @Test
    void readsNeedOnlyRead() {
        assertThat(AccessPolicy.required("GET", "/api/2/things/nanan:iaq-0001")).isEqualTo(Permission.READ);
        assertThat(AccessPolicy.required("GET", "/api/alerts")).isEqualTo(Permission.READ);
    }

    @Test
    void crewsAcknowledgeAndSetDesiredValues() {
        assertThat(AccessPolicy.required("POST", "/api/alerts/42/ack")).isEqualTo(Permission.OPERATE);
        assertThat(AccessPolicy.required("PUT", "/api/2/things/xinshengli:hvac-0001/features/loop/desiredProperties/setpoint"))
                .isEqualTo(Permission.OPERATE);
    }

    @Test
    void integratorsConfigure() {
        assertThat(AccessPolicy.required("POST", "/api/devices")).isEqualTo(Permission.CONFIGURE);
        assertThat(AccessPolicy.required("PUT", "/api/device-types/water-meter")).isEqualTo(Permission.CONFIGURE);
        assertThat(AccessPolicy.required("DELETE", "/api/rules/co2")).isEqualTo(Permission.CONFIGURE);
        assertThat(AccessPolicy.required("PUT", "/api/sites/nanan")).isEqualTo(Permission.CONFIGURE);
        assertThat(AccessPolicy.required("GET", "/api/sites")).isEqualTo(Permission.READ);
        assertThat(AccessPolicy.required("PATCH", "/api/2/things/nanan:iaq-0001/attributes")).isEqualTo(Permission.CONFIGURE);
    }

    @Test
    void tokensAndUnknownWritesAreForAdminsOnly() {
        assertThat(AccessPolicy.required("GET", "/api/tokens")).isEqualTo(Permission.ADMINISTER);
        assertThat(AccessPolicy.required("POST", "/api/tokens")).isEqualTo(Permission.ADMINISTER);
        assertThat(AccessPolicy.required("POST", "/api/something-new")).isEqualTo(Permission.ADMINISTER);
    }

    @Test
    void rolesGrantWhatTheContractSays() {
        assertThat(Role.VIEWER.may(Permission.OPERATE)).isFalse();
        assertThat(Role.OPERATOR.may(Permission.OPERATE)).isTrue();
        assertThat(Role.OPERATOR.may(Permission.CONFIGURE)).isFalse();
        assertThat(Role.INTEGRATOR.may(Permission.CONFIGURE)).isTrue();
        assertThat(Role.INTEGRATOR.may(Permission.ADMINISTER)).isFalse();
        assertThat(Role.ADMIN.may(Permission.ADMINISTER)).isTrue();
    }
}
