package io.parkops.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import java.util.stream.IntStream;

/**
 * Reads a bootstrap file (YAML or JSON; YAML is a superset of JSON) that declares sites and
 * devices:
 * <pre>
 * tenants: [nanan, xinshengli]
 * devices:
 *   - {tenant: nanan, deviceId: iaq-0001, type: iaq-sensor, attributes: {building: b1, floor: "3", zone: 3-east}}
 *   - {tenant: nanan, deviceId: iaq-0002, type: iaq-sensor, credentials: {password: s3cret, psk: key-0002}}
 *   - {tenant: nanan, deviceId: gw-01, type: gateway, credentials: {password: gw-s3cret}}
 *   - {tenant: nanan, deviceId: meter-1, type: energy-meter, via: [gw-01]}
 * </pre>
 * Credentials and {@code via} (the gateways that may publish for the device) are optional, as in
 * {@code POST /api/devices}; passwords are hashed as they are read, and a {@code passwordHash}
 * (bcrypt, made elsewhere) is kept as given:
 * {@code credentials: {passwordHash: "$2b$10$...", psk: key-0003}}.
 * The whole file is refused when one entry is wrong, with the entry's index and field.
 */
public final class BootstrapFile {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** What the file declares; {@code credentials} holds the devices that have any (passwords already hashed). */
    public record Contents(List<String> tenants, List<Device> devices, Map<ThingId, DeviceCredentials> credentials) {

        public Contents(List<String> tenants, List<Device> devices) {
            this(tenants, devices, Map.of());
        }
    }

    private BootstrapFile() {
    }

    public static Contents read(Path file, DeviceRequest parser) {
        return read(file, parser, id -> false);
    }

    /**
     * Reads the file; passwords of devices that {@code alreadyKnown} (the registry keeps them from an
     * earlier start, and a bootstrap entry never replaces a device) are not hashed again, and the
     * others are hashed in parallel: bcrypt takes tens of milliseconds per password.
     */
    public static Contents read(Path file, DeviceRequest parser, Predicate<ThingId> alreadyKnown) {
        JsonNode root;
        try {
            root = YAML.readTree(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("bootstrap file " + file + " cannot be read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("bootstrap file " + file + " must hold an object with 'tenants' and 'devices'");
        }
        List<String> tenants = new ArrayList<>();
        root.path("tenants").forEach(t -> tenants.add(t.asText()));
        List<Device> devices = new ArrayList<>();
        JsonNode list = root.path("devices");
        for (int i = 0; i < list.size(); i++) {
            try {
                devices.add(parser.parse(list.get(i))); // checks the credentials too: hashing below cannot fail
            } catch (DeviceRequest.InvalidRequestException e) {
                throw new IllegalArgumentException("bootstrap file " + file + ": devices[" + i + "]." + e.getMessage(), e);
            }
        }
        Map<ThingId, DeviceCredentials> credentials = new ConcurrentHashMap<>();
        IntStream.range(0, devices.size()).parallel().filter(i -> !alreadyKnown.test(devices.get(i).id())).forEach(i -> {
            DeviceCredentials c = parser.credentials(list.get(i));
            if (c != DeviceCredentials.NONE) {
                credentials.put(devices.get(i).id(), c);
            }
        });
        return new Contents(tenants, devices, Map.copyOf(credentials));
    }
}
