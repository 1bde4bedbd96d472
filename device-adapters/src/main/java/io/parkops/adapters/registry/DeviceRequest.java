package io.parkops.adapters.registry;

import com.fasterxml.jackson.databind.JsonNode;
import io.parkops.adapters.catalog.DeviceTypeCatalog;
import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a provisioning request (from {@code POST /api/devices} or a bootstrap file) into a
 * {@link Device}. Every refusal names the field and what would be accepted.
 *
 * <p>Body: {@code {"tenant","deviceId","type","attributes":{...},"credentials":{"password"|"passwordHash","psk"|"pskHex"},"via":[...]}}.
 * {@code via} names the gateways (device ids in the same tenant) that may publish for the device
 * and take its commands; they need not be provisioned yet, so a bulk import may come in any order.
 * Credentials are checked here and stored by {@link #credentials}: a password as a bcrypt hash made
 * here, or a {@code passwordHash} (bcrypt, made elsewhere) as given, so a bulk import can skip the
 * slow hashing. A PSK is always given in clear: DTLS needs the key itself, which no hash yields.
 */
public final class DeviceRequest {

    private static final Set<String> FIELDS = Set.of("tenant", "deviceId", "type", "attributes", "credentials", "via");
    private static final Set<String> CREDENTIAL_FIELDS = Set.of("password", "passwordHash", "psk", "pskHex");
    private static final int MAX_ATTRIBUTES = 64;
    private static final int MAX_ATTRIBUTE_LENGTH = 256;
    /** Redundant gateways are two or three; the bound keeps a hostile body from growing every lookup. */
    static final int MAX_GATEWAYS = 16;

    private final DeviceTypeCatalog catalog;

    public DeviceRequest(DeviceTypeCatalog catalog) {
        this.catalog = catalog;
    }

    public Device parse(JsonNode body) {
        return parseDevice(body);
    }

    private Device parseDevice(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw new InvalidRequestException("body", "must be a JSON object with tenant, deviceId and type");
        }
        for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
            String name = it.next();
            if (!FIELDS.contains(name)) {
                throw new InvalidRequestException(name, "is not a device field (allowed: " + String.join(", ", FIELDS) + ")");
            }
        }
        String tenant = text(body, "tenant");
        if (!ThingId.isValidTenant(tenant)) {
            throw new InvalidRequestException("tenant", "'" + tenant + "' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)* (the site id, e.g. nanan)");
        }
        String deviceId = text(body, "deviceId");
        if (!ThingId.isValidDeviceId(deviceId)) {
            throw new InvalidRequestException("deviceId", "'" + deviceId + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}");
        }
        String type = text(body, "type");
        if (catalog.find(type).isEmpty()) {
            throw new InvalidRequestException("type", "'" + type + "' is not a known device type (known: " + catalog.knownIds() + ")");
        }
        checkCredentials(body.get("credentials"));
        return new Device(ThingId.of(tenant, deviceId), type, attributes(body.get("attributes")), via(body.get("via"), deviceId));
    }

    /**
     * The credentials of a request that {@link #parse} accepted, password hashed. Slow (bcrypt):
     * call it from a worker thread.
     */
    public DeviceCredentials credentials(JsonNode body) {
        JsonNode c = body == null ? null : body.get("credentials");
        if (c == null || c.isNull()) {
            return DeviceCredentials.NONE;
        }
        checkCredentials(c);
        byte[] psk = DeviceCredentials.pskOf(c.path("psk").textValue(), c.path("pskHex").textValue());
        return c.has("passwordHash") ? DeviceCredentials.ofHash(c.path("passwordHash").textValue(), psk)
                : DeviceCredentials.of(c.path("password").textValue(), psk);
    }

    private static String text(JsonNode body, String field) {
        JsonNode v = body.get(field);
        if (v == null || v.isNull()) {
            throw new InvalidRequestException(field, "is required");
        }
        if (!v.isTextual()) {
            throw new InvalidRequestException(field, "must be a string");
        }
        return v.asText();
    }

    private static Map<String, String> attributes(JsonNode node) {
        Map<String, String> attributes = new LinkedHashMap<>();
        if (node == null || node.isNull()) {
            return attributes;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("attributes", "must be an object of names to strings or numbers");
        }
        if (node.size() > MAX_ATTRIBUTES) {
            throw new InvalidRequestException("attributes", "has " + node.size() + " entries; at most " + MAX_ATTRIBUTES);
        }
        node.fields().forEachRemaining(e -> {
            JsonNode v = e.getValue();
            if (!(v.isTextual() || v.isNumber() || v.isBoolean())) {
                throw new InvalidRequestException("attributes." + e.getKey(), "must be a string, number or boolean");
            }
            String text = v.asText();
            if (text.length() > MAX_ATTRIBUTE_LENGTH) {
                throw new InvalidRequestException("attributes." + e.getKey(), "is longer than " + MAX_ATTRIBUTE_LENGTH + " characters");
            }
            attributes.put(e.getKey(), text);
        });
        return attributes;
    }

    private static List<String> via(JsonNode node, String deviceId) {
        List<String> gateways = new ArrayList<>();
        if (node == null || node.isNull()) {
            return gateways;
        }
        if (!node.isArray()) {
            throw new InvalidRequestException("via", "must be an array of gateway device ids, e.g. [\"gw-01\"]");
        }
        if (node.size() > MAX_GATEWAYS) {
            throw new InvalidRequestException("via", "has " + node.size() + " entries; at most " + MAX_GATEWAYS);
        }
        for (int i = 0; i < node.size(); i++) {
            String field = "via[" + i + "]";
            JsonNode entry = node.get(i);
            if (!entry.isTextual()) {
                throw new InvalidRequestException(field, "must be a string: a gateway's deviceId");
            }
            String gateway = entry.asText();
            if (!ThingId.isValidDeviceId(gateway)) {
                String hint = gateway.indexOf('@') >= 0 || gateway.indexOf(':') >= 0
                        ? " (a gateway is in the device's own tenant: give its deviceId alone)" : "";
                throw new InvalidRequestException(field, "'" + gateway + "' must match [A-Za-z0-9][A-Za-z0-9._-]{0,63}" + hint);
            }
            if (gateway.equals(deviceId)) {
                throw new InvalidRequestException(field, "'" + gateway + "' is the device itself; a device always speaks for itself");
            }
            if (gateways.contains(gateway)) {
                throw new InvalidRequestException(field, "'" + gateway + "' is named twice");
            }
            gateways.add(gateway);
        }
        return gateways;
    }

    private static void checkCredentials(JsonNode node) {
        if (node == null || node.isNull()) {
            return;
        }
        if (!node.isObject()) {
            throw new InvalidRequestException("credentials", "must be an object with password (or passwordHash) and/or psk");
        }
        if (node.has("psk") && node.has("pskHex")) {
            throw new InvalidRequestException("credentials.pskHex", "cannot be given together with credentials.psk");
        }
        if (node.has("password") && node.has("passwordHash")) {
            throw new InvalidRequestException("credentials.passwordHash",
                    "cannot be given together with credentials.password (give the password, or its bcrypt hash)");
        }
        node.fields().forEachRemaining(e -> {
            if (!CREDENTIAL_FIELDS.contains(e.getKey())) {
                throw new InvalidRequestException("credentials." + e.getKey(),
                        "is not a credential (allowed: password, passwordHash, psk, pskHex)");
            }
            if (!e.getValue().isTextual() || e.getValue().asText().isEmpty()) {
                throw new InvalidRequestException("credentials." + e.getKey(), "must be a non-empty string");
            }
            if (e.getKey().equals("pskHex") && !e.getValue().asText().matches("([0-9A-Fa-f]{2})+")) {
                throw new InvalidRequestException("credentials.pskHex", "must be an even number of hex digits");
            }
            if (e.getKey().equals("password") && e.getValue().asText().getBytes(java.nio.charset.StandardCharsets.UTF_8).length > 72) {
                throw new InvalidRequestException("credentials.password", "must be at most 72 bytes (the bcrypt limit)");
            }
            String hashProblem = e.getKey().equals("passwordHash") ? DeviceCredentials.hashProblem(e.getValue().asText()) : null;
            if (hashProblem != null) {
                throw new InvalidRequestException("credentials.passwordHash", hashProblem);
            }
        });
    }

    /** A request that cannot be provisioned; {@link #field()} names the culprit. */
    public static final class InvalidRequestException extends IllegalArgumentException {
        private final String field;

        public InvalidRequestException(String field, String problem) {
            super(field + " " + problem);
            this.field = field;
        }

        public String field() {
            return field;
        }
    }
}
