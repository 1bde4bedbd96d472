package io.parkops.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parkops.model.Device;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a bootstrap file (YAML or JSON; YAML is a superset of JSON) that declares sites and
 * devices:
 * <pre>
 * tenants: [nanan, xinshengli]
 * devices:
 *   - {tenant: nanan, deviceId: iaq-0001, type: iaq-sensor, attributes: {building: b1, floor: "3", zone: 3-east}}
 * </pre>
 * The whole file is refused when one entry is wrong, with the entry's index and field.
 */
public final class BootstrapFile {

    private static final ObjectMapper YAML = new YAMLMapper();

    /** What the file declares. */
    public record Contents(List<String> tenants, List<Device> devices) {
    }

    private BootstrapFile() {
    }

    public static Contents read(Path file, DeviceRequest parser) {
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
                devices.add(parser.parse(list.get(i)));
            } catch (DeviceRequest.InvalidRequestException e) {
                throw new IllegalArgumentException("bootstrap file " + file + ": devices[" + i + "]." + e.getMessage(), e);
            }
        }
        return new Contents(tenants, devices);
    }
}
