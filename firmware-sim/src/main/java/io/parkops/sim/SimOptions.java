package io.parkops.sim;

import io.parkops.model.ThingId;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a simulator run needs, validated up front so a bad value fails at start-up with a
 * message that names it.
 *
 * @param platformHttp   base URL of the platform's HTTP API (provisioning goes to {@code /api/devices})
 * @param bearerToken    sent as {@code Authorization: Bearer} on HTTP calls; {@code null} for none
 * @param devicesPerType devices of each built-in type per tenant
 * @param interval       reporting interval of every device
 * @param seed           makes signals, start offsets and hence a whole run reproducible
 */
public record SimOptions(URI platformHttp, String bearerToken, String mqttHost, int mqttPort,
                         String coapHost, int coapPort, List<String> tenants, int devicesPerType,
                         Duration interval, Protocol protocol, long seed) {

    public static final int MAX_DEVICES_PER_TYPE = 100_000;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(50);

    public SimOptions {
        Objects.requireNonNull(platformHttp, "platformHttp");
        String scheme = platformHttp.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme) || platformHttp.getHost() == null) {
            throw new IllegalArgumentException("platformHttp '" + platformHttp + "' must be an http(s) URL such as http://127.0.0.1:8080");
        }
        bearerToken = bearerToken == null || bearerToken.isBlank() ? null : bearerToken.trim();
        requireHost("mqttHost", mqttHost);
        requirePort("mqttPort", mqttPort);
        requireHost("coapHost", coapHost);
        requirePort("coapPort", coapPort);
        if (tenants == null || tenants.isEmpty()) {
            throw new IllegalArgumentException("tenants must name at least one site, e.g. nanan");
        }
        tenants = List.copyOf(tenants);
        tenants.forEach(ThingId::requireValidTenant);
        if (tenants.stream().distinct().count() != tenants.size()) {
            throw new IllegalArgumentException("tenants " + tenants + " lists a tenant twice");
        }
        if (devicesPerType < 1 || devicesPerType > MAX_DEVICES_PER_TYPE) {
            throw new IllegalArgumentException("devicesPerType must be 1.." + MAX_DEVICES_PER_TYPE + ", was " + devicesPerType);
        }
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis() + " ms, was " + interval);
        }
        Objects.requireNonNull(protocol, "protocol");
    }

    /**
     * The platform's embedded defaults on loopback: HTTP 8080, MQTT 1883, CoAP 5683, both lead
     * parks, two devices of each type per park, a report every 5 s over both transports.
     */
    public static SimOptions defaults() {
        return new SimOptions(URI.create("http://127.0.0.1:8080"), null, "127.0.0.1", 1883, "127.0.0.1", 5683,
                List.of("nanan", "xinshengli"), 2, Duration.ofSeconds(5), Protocol.MIXED, 1L);
    }

    public SimOptions withPlatform(URI http, String token) {
        return new SimOptions(http, token, mqttHost, mqttPort, coapHost, coapPort, tenants, devicesPerType, interval, protocol, seed);
    }

    public SimOptions withMqtt(String host, int port) {
        return new SimOptions(platformHttp, bearerToken, host, port, coapHost, coapPort, tenants, devicesPerType, interval, protocol, seed);
    }

    public SimOptions withCoap(String host, int port) {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, host, port, tenants, devicesPerType, interval, protocol, seed);
    }

    public SimOptions withFleet(List<String> tenantIds, int perType) {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, coapHost, coapPort, tenantIds, perType, interval, protocol, seed);
    }

    public SimOptions withInterval(Duration every) {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, coapHost, coapPort, tenants, devicesPerType, every, protocol, seed);
    }

    public SimOptions withProtocol(Protocol transport) {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, coapHost, coapPort, tenants, devicesPerType, interval, transport, seed);
    }

    public SimOptions withSeed(long runSeed) {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, coapHost, coapPort, tenants, devicesPerType, interval, protocol, runSeed);
    }

    private static void requireHost(String key, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(key + " must name a host, e.g. 127.0.0.1");
        }
    }

    private static void requirePort(String key, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(key + " must be 1..65535, was " + port);
        }
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "SimOptions[http=" + platformHttp + (bearerToken == null ? "" : " (token set)") + ", mqtt=" + mqttHost + ':' + mqttPort
                + ", coap=" + coapHost + ':' + coapPort + ", tenants=" + tenants + ", devicesPerType=" + devicesPerType
                + ", interval=" + interval.toMillis() + "ms, protocol=" + protocol + ", seed=" + seed + ']';
    }
}
