package io.parkops.platform;

import io.parkops.testing.ExternalCommand;
import java.nio.file.Path;
import java.time.Duration;

/**
 * The real device-side clients the tests drive: Debian's mosquitto_pub and libcoap's
 * coap-client-notls and coap-client-openssl (DTLS PSK). {@link #mosquittoPub} signs in as the
 * device with the test platform's device password.
 */
final class DeviceClients {

    private static final Duration TIMEOUT = Duration.ofSeconds(20);

    private DeviceClients() {
    }

    static ExternalCommand.Result mosquittoPub(String host, int port, String tenant, String deviceId, String payload) {
        return mosquittoPub(host, port, tenant, deviceId, payload, 1);
    }

    static ExternalCommand.Result mosquittoPub(String host, int port, String tenant, String deviceId, String payload, int qos) {
        return mosquittoPubAs(host, port, tenant, deviceId, TestPlatform.DEVICE_PASSWORD, payload, qos);
    }

    /** A QoS {@code qos} publish signed in as {@code {deviceId}@{tenant}} with {@code password}. */
    static ExternalCommand.Result mosquittoPubAs(String host, int port, String tenant, String deviceId, String password, String payload,
                                                 int qos) {
        return ExternalCommand.run(TIMEOUT, "mosquitto_pub", "-h", host, "-p", String.valueOf(port), "-q", String.valueOf(qos),
                "-i", deviceId + "@" + tenant, "-u", deviceId + "@" + tenant, "-P", password,
                "-t", "telemetry/" + tenant + "/" + deviceId, "-m", payload);
    }

    static ExternalCommand.Result mosquittoPubFile(String host, int port, String topic, Path file) {
        return ExternalCommand.run(TIMEOUT, "mosquitto_pub", "-h", host, "-p", String.valueOf(port), "-q", "1",
                "-t", topic, "-f", file.toString());
    }

    static ExternalCommand.Result coapPost(int port, String path, String payload) {
        return ExternalCommand.run(TIMEOUT, "coap-client-notls", "-m", "post", "-t", "50", "-e", payload,
                "coap://127.0.0.1:" + port + path);
    }

    /** A CoAPS POST signed in with PSK identity {@code {deviceId}@{tenant}} and the key's UTF-8 bytes. */
    static ExternalCommand.Result coapsPost(int port, String identity, String key, String path, String payload) {
        return ExternalCommand.run(TIMEOUT, "coap-client-openssl", "-m", "post", "-t", "50", "-u", identity, "-k", key,
                "-e", payload, "coaps://127.0.0.1:" + port + path);
    }

    /** A CoAPS POST on the short path {@code /telemetry} as one of the test platform's devices (PSK {@code {deviceId}-key}). */
    static ExternalCommand.Result coapsPostAs(int port, String tenant, String deviceId, String payload) {
        return coapsPost(port, deviceId + "@" + tenant, deviceId + "-key", "/telemetry", payload);
    }

    static ExternalCommand.Result coapPostFile(int port, String path, Path file) {
        return ExternalCommand.run(TIMEOUT, "coap-client-notls", "-m", "post", "-t", "50", "-b", "1024", "-f", file.toString(),
                "coap://127.0.0.1:" + port + path);
    }
}
