package io.parkops.sim;

import io.parkops.model.ThingId;
import io.parkops.sim.fault.FaultPlan;
import io.parkops.sim.fleet.FleetLayout;
import io.parkops.sim.fleet.LayoutFiles;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Everything a simulator run needs, validated up front so a bad value fails at start-up with a
 * message that names it. Built with {@link #defaults()} and the {@code with…} methods.
 *
 * @param platformHttp    base URL of the platform's HTTP API (provisioning goes to {@code /api/devices})
 * @param bearerToken     sent as {@code Authorization: Bearer} on HTTP calls; {@code null} for none
 * @param layout          the park: sites, buildings, floors, zones and device counts
 * @param tenants         the sites of the layout to simulate; empty means all of them
 * @param devicesPerType  devices of each built-in type per site; 0 means as many as the layout places
 * @param totalDevices    devices overall, spread over sites and types like the layout; 0 means unset
 * @param interval        reporting interval of types the layout gives none
 * @param rate            messages per second of the whole fleet (sets every device's interval); 0 means unset
 * @param protocols       the transports devices report over, spread round-robin
 * @param sourceAddresses local 127.x.y.z addresses MQTT connections spread over; 0 means as needed
 * @param bufferPerDevice reports a device keeps while it cannot send; the oldest is dropped beyond
 * @param provision       whether to register the fleet with {@code POST /api/devices} first
 * @param seed            makes signals, start offsets, faults and hence a whole run reproducible
 */
public record SimOptions(URI platformHttp, String bearerToken, String mqttHost, int mqttPort,
                         String coapHost, int coapPort, int coapsPort, FleetLayout layout, List<String> tenants,
                         int devicesPerType, int totalDevices, Duration interval, double rate,
                         List<Protocol> protocols, FaultPlan faults, int sourceAddresses, int bufferPerDevice,
                         boolean provision, long seed) {

    public static final int MAX_DEVICES_PER_TYPE = 100_000;
    public static final int MAX_DEVICES = 1_000_000;
    public static final Duration MIN_INTERVAL = Duration.ofMillis(1);

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
        requirePort("coapsPort", coapsPort);
        Objects.requireNonNull(layout, "layout");
        tenants = List.copyOf(tenants);
        tenants.forEach(ThingId::requireValidTenant);
        if (tenants.stream().distinct().count() != tenants.size()) {
            throw new IllegalArgumentException("tenants " + tenants + " lists a tenant twice");
        }
        requireRange("devicesPerType", devicesPerType, 0, MAX_DEVICES_PER_TYPE);
        requireRange("totalDevices", totalDevices, 0, MAX_DEVICES);
        if (interval == null || interval.compareTo(MIN_INTERVAL) < 0) {
            throw new IllegalArgumentException("interval must be at least " + MIN_INTERVAL.toMillis() + " ms, was " + interval);
        }
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be a positive number of messages per second, was " + rate);
        }
        if (protocols == null || protocols.isEmpty() || protocols.stream().anyMatch(p -> p == null || p == Protocol.MIXED)) {
            throw new IllegalArgumentException("protocols must list some of mqtt, coap, coaps, was " + protocols);
        }
        protocols = List.copyOf(protocols);
        Objects.requireNonNull(faults, "faults");
        requireRange("sourceAddresses", sourceAddresses, 0, 65_000);
        requireRange("bufferPerDevice", bufferPerDevice, 0, 1_000_000);
    }

    /**
     * The platform's embedded defaults on loopback: HTTP 8080, MQTT 1883, CoAP 5683, CoAPS 5684,
     * both lead parks from the built-in layout, a report every 5 s over MQTT, CoAP and CoAPS.
     */
    public static SimOptions defaults() {
        return new SimOptions(URI.create("http://127.0.0.1:8080"), null, "127.0.0.1", 1883, "127.0.0.1", 5683, 5684,
                LayoutFiles.defaults(), List.of(), 0, 0, Duration.ofSeconds(5), 0, Protocol.MIXED.members(),
                FaultPlan.NONE, 0, 100, true, 1L);
    }

    /** The sites this run simulates. */
    public List<String> sites() {
        return tenants.isEmpty() ? layout.tenants() : tenants;
    }

    /** The interval of a device type: the layout's for the type, else {@link #interval}; {@link #rate} is applied when planning. */
    public Duration intervalOf(String typeId) {
        return orInterval(java.util.Optional.ofNullable(layout.intervals().get(typeId)));
    }

    /** The interval of a device type on a site: the site's own in the layout, else as {@link #intervalOf(String)}. */
    public Duration intervalOf(String tenant, String typeId) {
        return orInterval(layout.intervalSeconds(tenant, typeId));
    }

    private Duration orInterval(java.util.Optional<Double> seconds) {
        return seconds.map(s -> Duration.ofMillis(Math.max(1, Math.round(s * 1000)))).orElse(interval);
    }

    public SimOptions withPlatform(URI http, String token) {
        return toBuilder().platform(http, token).build();
    }

    public SimOptions withMqtt(String host, int port) {
        return toBuilder().mqtt(host, port).build();
    }

    public SimOptions withCoap(String host, int port) {
        return toBuilder().coap(host, port).build();
    }

    public SimOptions withCoapsPort(int port) {
        return toBuilder().coapsPort(port).build();
    }

    /** These sites with {@code perType} devices of each built-in type each. */
    public SimOptions withFleet(List<String> tenantIds, int perType) {
        return toBuilder().tenants(tenantIds).devicesPerType(perType).build();
    }

    /** {@code perType} devices of each built-in type on every site simulated. */
    public SimOptions withDevicesPerType(int perType) {
        return toBuilder().devicesPerType(perType).build();
    }

    /** These sites of the layout, each with the devices the layout (or {@code devicesPerType}) gives it. */
    public SimOptions withTenants(List<String> tenantIds) {
        return toBuilder().tenants(tenantIds).build();
    }

    public SimOptions withLayout(FleetLayout fleetLayout) {
        return toBuilder().layout(fleetLayout).build();
    }

    public SimOptions withTotalDevices(int devices) {
        return toBuilder().totalDevices(devices).build();
    }

    public SimOptions withInterval(Duration every) {
        return toBuilder().interval(every).build();
    }

    public SimOptions withRate(double messagesPerSecond) {
        return toBuilder().rate(messagesPerSecond).build();
    }

    /** One transport, or {@link Protocol#MIXED} for all three. */
    public SimOptions withProtocol(Protocol transport) {
        return withProtocols(transport.members());
    }

    public SimOptions withProtocols(List<Protocol> transports) {
        return toBuilder().protocols(transports).build();
    }

    public SimOptions withFaults(FaultPlan plan) {
        return toBuilder().faults(plan).build();
    }

    public SimOptions withSourceAddresses(int count) {
        return toBuilder().sourceAddresses(count).build();
    }

    public SimOptions withBufferPerDevice(int reports) {
        return toBuilder().bufferPerDevice(reports).build();
    }

    public SimOptions withProvisioning(boolean enabled) {
        return toBuilder().provision(enabled).build();
    }

    public SimOptions withSeed(long runSeed) {
        return toBuilder().seed(runSeed).build();
    }

    private SimOptionsBuilder toBuilder() {
        return new SimOptionsBuilder(this);
    }

    private static void requireHost(String key, String host) {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException(key + " must name a host, e.g. 127.0.0.1");
        }
    }

    private static void requirePort(String key, int port) {
        requireRange(key, port, 1, 65_535);
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + " must be " + min + ".." + max + ", was " + value);
        }
    }

    /** Keeps the token out of logs. */
    @Override
    public String toString() {
        return "SimOptions[http=" + platformHttp + (bearerToken == null ? "" : " (token set)") + ", mqtt=" + mqttHost + ':' + mqttPort
                + ", coap=" + coapHost + ':' + coapPort + ", coaps port " + coapsPort + ", sites=" + sites()
                + (devicesPerType > 0 ? ", devicesPerType=" + devicesPerType : "")
                + (totalDevices > 0 ? ", devices=" + totalDevices : "")
                + (rate > 0 ? ", rate=" + rate + "/s" : ", interval=" + interval.toMillis() + "ms")
                + ", protocols=" + protocols + (faults.isEmpty() ? "" : ", faults=" + faults) + ", seed=" + seed + ']';
    }
}
