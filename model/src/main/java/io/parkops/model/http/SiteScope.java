package io.parkops.model.http;

import io.parkops.model.ThingId;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The sites (tenants) a caller may see: every site, or the ones its token names. The one place
 * that answers "may this caller see tenant X, thing Y"; every route asks it, and answers what lies
 * outside as if it did not exist (404, left out of lists and streams). Immutable.
 */
public final class SiteScope {

    /** A token without {@code sites}: every site, as before scoped tokens. */
    public static final SiteScope ALL = new SiteScope(null);

    private final Set<String> sites; // null = every site

    private SiteScope(Set<String> sites) {
        this.sites = sites;
    }

    /**
     * The named sites only.
     *
     * @throws IllegalArgumentException when the list is empty or names an invalid site id (the message says which)
     */
    public static SiteScope of(Collection<String> sites) {
        if (sites == null || sites.isEmpty()) {
            throw new IllegalArgumentException("'sites' must name at least one site such as [\"nanan\"]; "
                    + "leave it out for a token that sees every site");
        }
        Set<String> set = new TreeSet<>();
        for (String site : sites) {
            if (!ThingId.isValidTenant(site)) {
                throw new IllegalArgumentException("'sites' entry '" + site + "' is not a site id ([a-z][a-z0-9-]*, e.g. nanan)");
            }
            set.add(site);
        }
        return new SiteScope(Collections.unmodifiableSet(set));
    }

    /** The scope a request carries in its context ({@link Caller#SCOPE_KEY}); none means every site. */
    public static SiteScope orAll(Object contextValue) {
        return contextValue instanceof SiteScope scope ? scope : ALL;
    }

    /** Reads {@link #encode()}'s text; empty or null is every site. */
    public static SiteScope decode(String text) {
        return text == null || text.isBlank() ? ALL : of(List.of(text.split(",")));
    }

    /** The sites as {@code nanan,xinshengli}; empty for every site. */
    public String encode() {
        return sites == null ? "" : String.join(",", sites);
    }

    public boolean isAll() {
        return sites == null;
    }

    /** The named sites, sorted; empty for {@link #ALL}. */
    public Set<String> sites() {
        return sites == null ? Set.of() : sites;
    }

    public boolean allows(String tenant) {
        return sites == null || tenant != null && sites.contains(tenant);
    }

    public boolean allows(ThingId thing) {
        return allows(thing.tenant());
    }

    /** For messages: {@code every site} or {@code sites [nanan]}. */
    @Override
    public String toString() {
        return sites == null ? "every site" : "sites " + sites;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SiteScope other && java.util.Objects.equals(sites, other.sites);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hashCode(sites);
    }
}
