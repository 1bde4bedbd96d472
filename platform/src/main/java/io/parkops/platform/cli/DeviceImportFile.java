package io.parkops.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a bulk-provisioning file into {@code POST /api/devices} bodies, one per row. A JSON file
 * is an array of such bodies. A CSV file has a header row: {@code tenant, deviceId, type}, the
 * credential columns {@code password} (or {@code passwordHash}, a bcrypt hash), {@code psk, pskHex}, {@code via} (the device's gateways, their
 * device ids separated by {@code ;}, e.g. {@code gw-01;gw-02}), and every other column is an
 * attribute ({@code building, floor, zone, parent} or free-form); empty cells are left out.
 */
public final class DeviceImportFile {

    private static final Set<String> TOP = Set.of("tenant", "deviceId", "type");
    private static final Set<String> CREDENTIALS = Set.of("password", "passwordHash", "psk", "pskHex");
    private static final String VIA = "via";
    /** A CSV cell holds one value: the gateways of {@code via} are separated by this (a comma would split the cell). */
    private static final String VIA_SEPARATOR = ";";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One row to provision, with its 1-based number in the file (the CSV header is row 0). */
    public record Row(int number, JsonNode body) {
    }

    private DeviceImportFile() {
    }

    public static List<Row> read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".json") ? json(file) : csv(file);
    }

    private static List<Row> json(Path file) throws IOException {
        JsonNode root = JSON.readTree(Files.readAllBytes(file));
        if (root == null || !root.isArray()) {
            throw new IOException(file + " must hold a JSON array of device objects like the body of POST /api/devices");
        }
        List<Row> rows = new ArrayList<>();
        for (int i = 0; i < root.size(); i++) {
            rows.add(new Row(i + 1, root.get(i)));
        }
        return rows;
    }

    private static List<Row> csv(Path file) throws IOException {
        CsvMapper mapper = new CsvMapper();
        CsvSchema schema = CsvSchema.emptySchema().withHeader().withColumnReordering(true);
        List<Row> rows = new ArrayList<>();
        try (MappingIterator<Map<String, String>> it = mapper.readerForMapOf(String.class).with(schema).readValues(file.toFile())) {
            int n = 0;
            while (it.hasNext()) {
                rows.add(new Row(++n, body(it.next())));
            }
        }
        return rows;
    }

    private static JsonNode body(Map<String, String> row) {
        ObjectNode body = JSON.createObjectNode();
        ObjectNode attributes = body.putObject("attributes");
        ObjectNode credentials = JSON.createObjectNode();
        row.forEach((column, value) -> {
            String v = value == null ? "" : value.trim();
            if (v.isEmpty()) {
                return;
            }
            if (TOP.contains(column)) {
                body.put(column, v);
            } else if (CREDENTIALS.contains(column)) {
                credentials.put(column, v);
            } else if (column.equals(VIA)) {
                // each entry as written, blanks included: the platform's 400 then names the bad via[i]
                ArrayNode via = body.putArray(VIA);
                for (String gateway : v.split(VIA_SEPARATOR, -1)) {
                    via.add(gateway.trim());
                }
            } else {
                attributes.put(column, v);
            }
        });
        if (!credentials.isEmpty()) {
            body.set("credentials", credentials);
        }
        return body;
    }
}
