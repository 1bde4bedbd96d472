package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@code parkops sim} end to end against a real HTTP and CoAP server on loopback. */
class SimMainTest {

    @Test
    @Timeout(60)
    void runsForTheGivenDurationPrintingProgressAndASummary() {
        Vertx vertx = Vertx.vertx();
        try (ProvisioningServer platform = ProvisioningServer.start(vertx); TelemetryCoapServer coap = new TelemetryCoapServer()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ByteArrayOutputStream err = new ByteArrayOutputStream();

            int code = SimMain.run(new String[] {"--http", platform.uri().toString(), "--coap", "127.0.0.1:" + coap.port(),
                    "--protocol", "coap", "--tenants", "nanan", "--per-type", "1", "--interval", "0.25", "--duration", "7.5"},
                    Map.of("PARKOPS_ADMIN_TOKEN", "t0k"), new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8));

            String printed = out.toString(StandardCharsets.UTF_8);
            assertThat(code).as(printed + err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(printed).containsPattern("connected 8/8 \\| sent [1-9][0-9]* \\| acked [1-9][0-9]* \\| [0-9]+\\.[0-9] msg/s "
                            + "\\| errors 0 \\| buffered [0-9]+")
                    .contains("provisioned 8/8").contains("done after").contains("refused by code: none")
                    .contains("faults injected: none").contains("reconnects 0").doesNotContain("t0k");
            assertThat(platform.received()).hasSize(8).allSatisfy(r -> assertThat(r.authorization()).isEqualTo("Bearer t0k"));
            assertThat(coap.received()).isNotEmpty();
        } finally {
            Eventually.get(vertx.close(), Duration.ofSeconds(10));
        }
    }

    @Test
    @Timeout(60)
    void exitsWithOneWhenThePlatformIsUnreachable() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = SimMain.run(new String[] {"--http", "http://127.0.0.1:1", "--protocol", "coap", "--duration", "1"},
                Map.of(), new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("could not start").contains("no device could be provisioned");
    }
}
