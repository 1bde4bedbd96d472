package io.parkops.sim;

import io.parkops.sim.fault.FaultPlan;
import io.parkops.sim.fleet.FleetLayout;
import java.net.URI;
import java.time.Duration;
import java.util.List;

/** Copies {@link SimOptions} with one part changed; the record validates the result. */
final class SimOptionsBuilder {

    private URI platformHttp;
    private String bearerToken;
    private String mqttHost;
    private int mqttPort;
    private String coapHost;
    private int coapPort;
    private int coapsPort;
    private FleetLayout layout;
    private List<String> tenants;
    private int devicesPerType;
    private int totalDevices;
    private Duration interval;
    private double rate;
    private List<Protocol> protocols;
    private FaultPlan faults;
    private int sourceAddresses;
    private int bufferPerDevice;
    private boolean provision;
    private long seed;

    SimOptionsBuilder(SimOptions o) {
        platformHttp = o.platformHttp();
        bearerToken = o.bearerToken();
        mqttHost = o.mqttHost();
        mqttPort = o.mqttPort();
        coapHost = o.coapHost();
        coapPort = o.coapPort();
        coapsPort = o.coapsPort();
        layout = o.layout();
        tenants = o.tenants();
        devicesPerType = o.devicesPerType();
        totalDevices = o.totalDevices();
        interval = o.interval();
        rate = o.rate();
        protocols = o.protocols();
        faults = o.faults();
        sourceAddresses = o.sourceAddresses();
        bufferPerDevice = o.bufferPerDevice();
        provision = o.provision();
        seed = o.seed();
    }

    SimOptionsBuilder platform(URI http, String token) {
        platformHttp = http;
        bearerToken = token;
        return this;
    }

    SimOptionsBuilder mqtt(String host, int port) {
        mqttHost = host;
        mqttPort = port;
        return this;
    }

    SimOptionsBuilder coap(String host, int port) {
        coapHost = host;
        coapPort = port;
        return this;
    }

    SimOptionsBuilder coapsPort(int port) {
        coapsPort = port;
        return this;
    }

    SimOptionsBuilder layout(FleetLayout value) {
        layout = value;
        return this;
    }

    SimOptionsBuilder tenants(List<String> value) {
        if (value == null || value.isEmpty()) {
            throw new IllegalArgumentException("tenants must name at least one site, e.g. nanan");
        }
        tenants = value;
        return this;
    }

    SimOptionsBuilder devicesPerType(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("devicesPerType must be 1.." + SimOptions.MAX_DEVICES_PER_TYPE + ", was " + value);
        }
        devicesPerType = value;
        return this;
    }

    SimOptionsBuilder totalDevices(int value) {
        if (value < 1) {
            throw new IllegalArgumentException("devices must be 1.." + SimOptions.MAX_DEVICES + ", was " + value);
        }
        totalDevices = value;
        return this;
    }

    SimOptionsBuilder interval(Duration value) {
        interval = value;
        return this;
    }

    SimOptionsBuilder rate(double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException("rate must be a positive number of messages per second, was " + value);
        }
        rate = value;
        return this;
    }

    SimOptionsBuilder protocols(List<Protocol> value) {
        protocols = value;
        return this;
    }

    SimOptionsBuilder faults(FaultPlan value) {
        faults = value;
        return this;
    }

    SimOptionsBuilder sourceAddresses(int value) {
        sourceAddresses = value;
        return this;
    }

    SimOptionsBuilder bufferPerDevice(int value) {
        bufferPerDevice = value;
        return this;
    }

    SimOptionsBuilder provision(boolean value) {
        provision = value;
        return this;
    }

    SimOptionsBuilder seed(long value) {
        seed = value;
        return this;
    }

    SimOptions build() {
        return new SimOptions(platformHttp, bearerToken, mqttHost, mqttPort, coapHost, coapPort, coapsPort, layout, tenants,
                devicesPerType, totalDevices, interval, rate, protocols, faults, sourceAddresses, bufferPerDevice, provision, seed);
    }
}
