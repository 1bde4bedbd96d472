package io.parkops.model.http;

import io.parkops.model.Device;
import io.parkops.model.ThingId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites (tenants), and optionally the buildings of one site, a caller may see: every site, or
 * the ones its token names. The one place that answers "may this caller see tenant X, thing Y";
 * every route asks it, and answers what lies outside as if it did not exist (404, left out of lists
 * and streams). Immutable.
 *
 * <p>With buildings, the token sees the things of its site whose {@code building} attribute is one
 * of them; whatever concerns the whole site (its energy view, its rules, the MQTT alert topics,
 * which do not name a building) needs a token for the whole site: {@link #allows(String)} is false
 * for it, so a route that knows no building fails closed.
 */
public final class SiteScope {

    /** A token without {@code sites}: every site, as before scoped tokens. */
    public static final SiteScope ALL = new SiteScope(null, null);

    private final Set<String> sites; // null = every site
    private final Set<String> buildings; // null = the whole of each site

    private SiteScope(Set<String> sites, Set<String> buildings) {
        this.sites = sites;
        this.buildings = buildings;
    }

    /**
     * The named sites only.
     *
     * @throws IllegalArgumentException when the list is empty or names an invalid site id (the message says which)
     */
    public static SiteScope of(Collection<String> sites) {
        return of(sites, null);
    }

    /**
     * Some buildings of one site ({@code buildings} null: the whole of every named site).
     *
     * @throws IllegalArgumentException naming the field and what is wrong with it
     */
    public static SiteScope of(Collection<String> sites, Collection<String> buildings) {
        if (sites == null || sites.isEmpty()) {
            throw new IllegalArgumentException("'sites' must name at least one site such as [\"nanan\"]; "
                    + "leave it out for a token that sees every site");
        }
        Set<String> siteSet = new TreeSet<>();
        for (String site : sites) {
            if (!ThingId.isValidTenant(site)) {
                throw new IllegalArgumentException("'sites' entry '" + site + "' is not a site id ([a-z][a-z0-9]*(-[a-z][a-z0-9]*)*, e.g. nanan)");
            }
            siteSet.add(site);
        }
        if (buildings == null) {
            return new SiteScope(Collections.unmodifiableSet(siteSet), null);
        }
        if (siteSet.size() != 1 || buildings.isEmpty()) {
            throw new IllegalArgumentException("'buildings' limits a token to buildings of one site: give exactly one site in "
                    + "'sites' and at least one building id, e.g. {\"sites\": [\"nanan\"], \"buildings\": [\"b1\"]}");
        }
        Set<String> buildingSet = new TreeSet<>();
        for (String building : buildings) {
            if (!ThingId.isValidDeviceId(building)) {
                throw new IllegalArgumentException("'buildings' entry '" + building
                        + "' is not a building id ([A-Za-z0-9][A-Za-z0-9._-]{0,63}, e.g. b1)");
            }
            buildingSet.add(building);
        }
        return new SiteScope(Collections.unmodifiableSet(siteSet), Collections.unmodifiableSet(buildingSet));
    }

    /** The scope a request carries in its context ({@link Caller#SCOPE_KEY}); none means every site. */
    public static SiteScope orAll(Object contextValue) {
        return contextValue instanceof SiteScope scope ? scope : ALL;
    }

    /** Reads {@link #encode()}'s text; empty or null is every site. */
    public static SiteScope decode(String text) {
        if (text == null || text.isBlank()) {
            return ALL;
        }
        int semicolon = text.indexOf(';');
        return semicolon < 0 ? of(List.of(text.split(",")))
                : of(List.of(text.substring(0, semicolon).split(",")), List.of(text.substring(semicolon + 1).split(",")));
    }

    /** The sites as {@code nanan,xinshengli}, with buildings {@code nanan;b1,b2}; empty for every site. */
    public String encode() {
        return sites == null ? "" : String.join(",", sites) + (buildings == null ? "" : ";" + String.join(",", buildings));
    }

    public boolean isAll() {
        return sites == null;
    }

    /** The named sites, sorted; empty for {@link #ALL}. */
    public Set<String> sites() {
        return sites == null ? Set.of() : sites;
    }

    /** The named buildings, sorted; empty when the token sees whole sites. */
    public Set<String> buildings() {
        return buildings == null ? Set.of() : buildings;
    }

    /** Whether the token is limited to buildings of its site. */
    public boolean limitsBuildings() {
        return buildings != null;
    }

    /** The site is one the token names, wholly or in part (its description, a rule that watches it). */
    public boolean seesSite(String tenant) {
        return sites == null || tenant != null && sites.contains(tenant);
    }

    /** The whole site: false for a token limited to buildings of it. */
    public boolean allows(String tenant) {
        return buildings == null && seesSite(tenant);
    }

    /** The whole site of {@code thing}; where the thing's building is known, ask {@link #allows(String, String)}. */
    public boolean allows(ThingId thing) {
        return allows(thing.tenant());
    }

    /** Something of {@code tenant} in {@code building} (null when it is in none). */
    public boolean allows(String tenant, String building) {
        return seesSite(tenant) && (buildings == null || building != null && buildings.contains(building));
    }

    /** A thing (or device, or its alert) whose {@code building} attribute is {@code building}. */
    public boolean allows(ThingId thing, String building) {
        return allows(thing.tenant(), building);
    }

    /** A device, or the twin or alert of one, by its site and its {@code building} attribute. */
    public boolean allows(Device device) {
        return allows(device.id(), device.attributes().get(Device.BUILDING));
    }

    /** Whether everything {@code other} sees is seen by this scope too (a scoped admin makes tokens only within its own). */
    public boolean covers(SiteScope other) {
        if (isAll()) {
            return true;
        }
        if (other.isAll() || !sites.containsAll(other.sites)) {
            return false;
        }
        return buildings == null || other.buildings != null && buildings.containsAll(other.buildings);
    }

    /** For messages: {@code every site}, {@code sites [nanan]} or {@code buildings [b1] of site nanan}. */
    @Override
    public String toString() {
        if (sites == null) {
            return "every site";
        }
        return buildings == null ? "sites " + sites : "buildings " + buildings + " of site " + sites.iterator().next();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteScope other && Objects.equals(sites, other.sites) && Objects.equals(buildings, other.buildings);
    }

    @Override
    public int hashCode() {
        return Objects.hash(sites, buildings);
    }
}
