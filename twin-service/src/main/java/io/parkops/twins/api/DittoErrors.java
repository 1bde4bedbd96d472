package io.parkops.twins.api;

import io.parkops.model.http.ApiError;

/** Ditto's "not found" error codes for the part of a thing a path names. */
final class DittoErrors {

    private DittoErrors() {
    }

    static ApiError notFoundFor(String thingId, String subPath) {
        String[] parts = subPath.substring(1).split("/", 4);
        String code;
        String what;
        if (parts[0].equals("attributes")) {
            code = parts.length > 1 ? "things:attribute.notfound" : "things:attributes.notfound";
            what = parts.length > 1 ? "attribute '" + subPath.substring("/attributes/".length()) + "'" : "attributes";
        } else if (parts[0].equals("features") && parts.length >= 2) {
            if (parts.length == 2) {
                code = "things:feature.notfound";
                what = "feature '" + parts[1] + "'";
            } else if (parts[2].equals("desiredProperties")) {
                code = parts.length > 3 ? "things:feature.desiredProperty.notfound" : "things:feature.desiredProperties.notfound";
                what = "desired property '" + (parts.length > 3 ? parts[3] : "") + "' of feature '" + parts[1] + "'";
            } else {
                code = parts.length > 3 ? "things:feature.property.notfound" : "things:feature.properties.notfound";
                what = "property '" + (parts.length > 3 ? parts[3] : "") + "' of feature '" + parts[1] + "'";
            }
        } else if (parts[0].equals("features")) {
            code = "things:features.notfound";
            what = "features";
        } else if (parts[0].equals("definition")) {
            code = "things:definition.notfound";
            what = "definition";
        } else {
            code = "things:path.notfound";
            what = "path '" + subPath + "'";
        }
        return ApiError.of(404, code, "The " + what + " of the Thing with ID '" + thingId + "' does not exist or the "
                + "requester had insufficient permissions to access it.");
    }
}
