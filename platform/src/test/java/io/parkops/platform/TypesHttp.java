package io.parkops.platform;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** PUT and DELETE against a test platform's HTTP API (GET and POST are on {@link TestPlatform}). */
final class TypesHttp {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private TypesHttp() {
    }

    static HttpResponse<String> put(TestPlatform p, String path, String contentType, String body) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(p.http(path)).timeout(Duration.ofSeconds(5)).header("content-type", contentType)
                .header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN)
                .PUT(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> delete(TestPlatform p, String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(p.http(path)).timeout(Duration.ofSeconds(5))
                        .header("Authorization", "Bearer " + TestPlatform.ADMIN_TOKEN).DELETE().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static void provision(TestPlatform p, String deviceId, String type) throws Exception {
        HttpResponse<String> r = p.post("/api/devices", "{\"tenant\":\"nanan\",\"deviceId\":\"" + deviceId + "\",\"type\":\"" + type
                + "\",\"attributes\":{\"building\":\"b7\",\"floor\":\"2\",\"zone\":\"2-north\"}}");
        if (r.statusCode() != 201) {
            throw new AssertionError("provisioning " + deviceId + " failed: " + r.statusCode() + " " + r.body());
        }
    }
}
