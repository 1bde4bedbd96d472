package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.ExternalCommand;
import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS from a configured key store: the test makes a self-signed key store with the JDK's keytool,
 * starts the platform with it, and talks to it with curl --cacert (HTTPS on the HTTP port) and
 * mosquitto_pub --cafile (MQTT over TLS on the embedded broker's TLS port, device signed in).
 */
@ExtendWith(RealServices.class)
@Timeout(120)
class TlsTest {

    private static final Duration CLIENT = Duration.ofSeconds(20);
    private static final String STORE_PASSWORD = "store-pass";

    @Test
    void httpAndMqttSpeakTlsWithTheConfiguredKeyStore(InfluxServer influx, @TempDir Path dir) throws Exception {
        Path keystore = dir.resolve("server.p12");
        Path ca = dir.resolve("server.pem");
        run("keytool", "-genkeypair", "-alias", "parkops", "-keyalg", "EC", "-groupname", "secp256r1", "-dname", "CN=127.0.0.1",
                "-ext", "SAN=ip:127.0.0.1,dns:localhost", "-validity", "2", "-storetype", "PKCS12",
                "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        run("keytool", "-exportcert", "-rfc", "-alias", "parkops", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD,
                "-file", ca.toString());
        int mqtts = FreePort.tcp();
        try (TestPlatform p = TestPlatform.start(influx, dir.resolve("platform"), null, Map.of(
                "PARKOPS_TLS_KEYSTORE", keystore.toString(), "PARKOPS_TLS_KEYSTORE_PASSWORD", STORE_PASSWORD,
                "PARKOPS_MQTTS_PORT", String.valueOf(mqtts)))) {
            String https = "https://127.0.0.1:" + p.platform.httpPort();
            assertThat(run("curl", "-sS", "--cacert", ca.toString(), https + "/health").output()).contains("\"status\"");
            ExternalCommand.Result untrusted = ExternalCommand.run(CLIENT, "curl", "-sS", https + "/health");
            assertThat(untrusted.exitCode()).as("curl without the CA must not trust the server").isNotZero();

            run("mosquitto_pub", "-h", "127.0.0.1", "-p", String.valueOf(mqtts), "--cafile", ca.toString(), "-q", "1",
                    "-u", "iaq-0001@nanan", "-P", TestPlatform.DEVICE_PASSWORD, "-t", "telemetry/nanan/iaq-0001", "-m", "{\"co2\":812}");
            Eventually.await(CLIENT, () -> ExternalCommand.run(CLIENT, "curl", "-sS", "--cacert", ca.toString(),
                            "-H", "authorization: Bearer " + TestPlatform.ADMIN_TOKEN,
                            https + "/api/2/things/nanan:iaq-0001/features/environment/properties/co2").stdout(),
                    b -> b.equals("812") || b.equals("812.0"), "the reading sent over MQTT/TLS in the twin");
        }
    }

    private static ExternalCommand.Result run(String... command) {
        ExternalCommand.Result r = ExternalCommand.run(CLIENT, command);
        assertThat(r.exitCode()).as(String.join(" ", command) + "\n" + r.output()).isZero();
        return r;
    }
}
