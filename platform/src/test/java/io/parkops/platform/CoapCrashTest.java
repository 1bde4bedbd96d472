package io.parkops.platform;

import io.parkops.testing.FreePort;
import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import java.nio.file.Path;
import java.util.Map;
import org.eclipse.californium.core.CoapClient;
import org.eclipse.californium.core.CoapHandler;
import org.eclipse.californium.core.CoapResponse;
import org.eclipse.californium.core.coap.CoAP.ResponseCode;
import org.eclipse.californium.core.coap.MediaTypeRegistry;
import org.eclipse.californium.core.config.CoapConfig;
import org.eclipse.californium.core.network.CoapEndpoint;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.elements.config.UdpConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code kill -9} of a platform JVM while a device posts confirmable CoAP messages (Eclipse
 * Californium's client), with InfluxDB unreachable so that every point goes through the disk
 * spool. A 2.04 is sent only once a message is durable, so after a restart with InfluxDB back every
 * message the device saw answered 2.04 is in InfluxDB ({@link KillWhileSpooling}).
 */
@ExtendWith(RealServices.class)
@Timeout(180)
class CoapCrashTest {

    private static final String TOKEN = "coap-crash-test-admin";

    @TempDir
    Path dir;

    @Test
    void everyMessageAnswered204IsStoredAfterAKill(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        int httpPort = FreePort.tcp();
        Map<String, String> env = ChildPlatform.env(dir, httpPort, "http://127.0.0.1:" + FreePort.tcp(), db, TOKEN); // nobody there
        env.put("PARKOPS_MQTT_PORT", String.valueOf(FreePort.tcp()));
        env.put("PARKOPS_MQTTS_PORT", String.valueOf(FreePort.tcp()));
        env.put("PARKOPS_COAP_ALLOW_UNAUTHENTICATED", "true");
        CoapConfig.register();
        UdpConfig.register();
        CoapEndpoint endpoint = new CoapEndpoint.Builder().setConfiguration(Configuration.createStandardWithoutFile()).build();
        CoapClient client = new CoapClient("coap://127.0.0.1:" + env.get("PARKOPS_COAP_PORT") + "/telemetry/nanan/iaq-0001")
                .setEndpoint(endpoint);
        client.setTimeout(30_000L);
        try {
            KillWhileSpooling.run(influx, db, env, httpPort, dir.resolve("platform.log"),
                    () -> (i, acknowledged) -> client.post(new CoapHandler() {
                        @Override
                        public void onLoad(CoapResponse response) {
                            if (response.getCode() == ResponseCode.CHANGED) {
                                acknowledged.accept(i);
                            }
                        }

                        @Override
                        public void onError() {
                            // no answer: the device would send it again
                        }
                    }, KillWhileSpooling.payload(i), MediaTypeRegistry.APPLICATION_JSON), "2.04s");
        } finally {
            client.shutdown();
            endpoint.destroy();
        }
    }
}
