package io.parkops.rules.notify;

import io.parkops.model.Alert;
import io.parkops.model.Severity;
import io.parkops.model.ThingId;
import java.net.URI;
import java.util.Objects;

/**
 * One webhook subscription: alert transitions of a tenant (null: all) at or above a severity are
 * POSTed as JSON to {@code url}, signed with HMAC-SHA256 under {@code secret}.
 */
public record Webhook(String id, URI url, String tenant, Severity minSeverity, String secret) {

    public Webhook {
        if (id == null || id.isBlank()) {
            throw new IllegalArgumentException("webhook field 'id' is required");
        }
        Objects.requireNonNull(url, "webhook '" + id + "': field 'url' is required");
        if (!"http".equals(url.getScheme()) && !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("webhook '" + id + "': field 'url' must be http(s), got '" + url + "'");
        }
        if (tenant != null && !ThingId.isValidTenant(tenant)) {
            throw new IllegalArgumentException("webhook '" + id + "': field 'tenant' must match [a-z][a-z0-9]*(-[a-z][a-z0-9]*)*");
        }
        minSeverity = minSeverity == null ? Severity.WARNING : minSeverity;
        if (secret == null || secret.length() < 16) {
            throw new IllegalArgumentException("webhook '" + id + "': field 'secret' must have at least 16 characters");
        }
    }

    public boolean wants(Alert alert) {
        return (tenant == null || tenant.equals(alert.thingId().tenant())) && alert.severity().compareTo(minSeverity) >= 0;
    }
}
