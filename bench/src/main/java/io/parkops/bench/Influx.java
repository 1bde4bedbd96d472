package io.parkops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The few InfluxDB 1.x HTTP calls the bench needs: create a database, count points, write a batch. */
final class Influx {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
    private final String url;

    Influx(String url) {
        this.url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    String url() {
        return url;
    }

    void createDatabase(String db) throws IOException, InterruptedException {
        post("/query?q=" + enc("CREATE DATABASE \"" + db + "\""), "");
    }

    /** Points of {@code measurement} in {@code db} whose time is in [fromMs, toMs]. */
    long count(String db, String measurement, String field, long fromMs, long toMs) throws IOException, InterruptedException {
        String q = "SELECT count(\"" + field + "\") FROM \"" + measurement + "\" WHERE time >= " + fromMs + "ms AND time <= "
                + toMs + "ms";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/query?db=" + enc(db) + "&q=" + enc(q)))
                .timeout(Duration.ofSeconds(30)).GET().build();
        JsonNode root = JSON.readTree(http.send(req, HttpResponse.BodyHandlers.ofString()).body());
        JsonNode values = root.path("results").path(0).path("series").path(0).path("values").path(0);
        return values.isMissingNode() ? 0 : values.path(1).asLong();
    }

    /**
     * Every point of {@code measurement} in {@code db} with time in [fromMs, toMs], as
     * {@code "<thing tag> <epoch ms>"}: a device's point is its series and time, so this names each
     * stored message. Read in chunks (InfluxDB streams one JSON document per chunk).
     */
    java.util.Set<String> points(String db, String measurement, String field, long fromMs, long toMs)
            throws IOException, InterruptedException {
        String q = "SELECT \"" + field + "\", \"thing\" FROM \"" + measurement + "\" WHERE time >= " + fromMs + "ms AND time <= "
                + toMs + "ms";
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/query?db=" + enc(db) + "&epoch=ms&chunked=true&chunk_size=10000&q="
                + enc(q))).timeout(Duration.ofSeconds(120)).GET().build();
        java.util.Set<String> out = new java.util.HashSet<>();
        try (java.util.stream.Stream<String> chunks = http.send(req, HttpResponse.BodyHandlers.ofLines()).body()) {
            for (String chunk : (Iterable<String>) chunks::iterator) {
                if (chunk.isBlank()) {
                    continue;
                }
                JsonNode result = JSON.readTree(chunk).path("results").path(0);
                if (result.has("error")) {
                    throw new IOException("InfluxDB: " + result.path("error").asText());
                }
                for (JsonNode series : result.path("series")) {
                    for (JsonNode row : series.path("values")) {
                        out.add(row.path(2).asText() + " " + row.path(0).asLong());
                    }
                }
            }
        }
        return out;
    }

    /** Writes one line-protocol batch at millisecond precision; true when InfluxDB answers 204. */
    boolean write(String db, byte[] lines) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + "/write?db=" + enc(db) + "&precision=ms"))
                .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(lines)).build();
        return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode() == 204;
    }

    private void post(String pathAndQuery, String body) throws IOException, InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(url + pathAndQuery)).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() / 100 != 2) {
            throw new IOException("InfluxDB answered " + r.statusCode() + " to " + pathAndQuery + ": " + r.body());
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
