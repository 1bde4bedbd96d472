package io.parkops.platform.sites;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.parkops.model.site.Site;
import io.parkops.model.site.SiteJson;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@code sites} of a bootstrap file (the same file that declares tenants and devices):
 * <pre>
 * sites:
 *   - {id: nanan, name: "Nan'an Xindi", areaM2: 450000, timeZone: Asia/Shanghai,
 *      buildings: [{id: b1, name: Tower 1, areaM2: 52000}]}
 * </pre>
 * Each entry has the fields of {@code PUT /api/sites/{id}} plus its {@code id}. The whole file is
 * refused when one entry is wrong, with the entry's index and field.
 */
public final class SitesBootstrap {

    private static final YAMLMapper YAML = new YAMLMapper();

    private SitesBootstrap() {
    }

    public static List<Site> read(Path file) {
        try {
            return parse(Files.readAllBytes(file), "bootstrap file " + file);
        } catch (IOException e) {
            throw new IllegalArgumentException("bootstrap file " + file + " cannot be read: " + e.getMessage(), e);
        }
    }

    /** The two lead parks, nanan and xinshengli, as the demo seeds them ({@code sites/lead-parks.yaml} in the jar). */
    public static List<Site> leadParks() {
        try (var in = SitesBootstrap.class.getResourceAsStream("/sites/lead-parks.yaml")) {
            return parse(in.readAllBytes(), "sites/lead-parks.yaml");
        } catch (IOException | NullPointerException e) {
            throw new IllegalStateException("the jar's sites/lead-parks.yaml cannot be read", e);
        }
    }

    private static List<Site> parse(byte[] yaml, String source) throws IOException {
        JsonNode root = YAML.readTree(yaml);
        List<Site> sites = new ArrayList<>();
        JsonNode list = root == null ? null : root.path("sites");
        if (list == null || list.isMissingNode() || list.isNull()) {
            return sites;
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException(source + ": 'sites' must be a list of sites");
        }
        for (int i = 0; i < list.size(); i++) {
            try {
                JsonObject json = new JsonObject(list.get(i).toString());
                sites.add(SiteJson.parse(json.getString("id"), json));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(source + ": sites[" + i + "]: " + e.getMessage(), e);
            }
        }
        return sites;
    }
}
