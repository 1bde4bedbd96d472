package io.parkops.rules.influx;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.regex.Pattern;

/**
 * Settings of the InfluxDB writer, validated here so that bad configuration fails at start-up with
 * the name of the key to fix. {@code PARKOPS_INFLUX_URL} and {@code PARKOPS_INFLUX_DB} are fixed by
 * the external contract; the tuning keys are this module's proposal to the platform config.
 *
 * @param url             InfluxDB base URL speaking the v1 API, e.g. {@code http://127.0.0.1:8086}
 * @param database        database to write to (created on start where the server allows it)
 * @param batchSize       points per write request
 * @param flushInterval   longest time a point waits in the queue before a (partial) batch is written
 * @param maxQueuedPoints points held in memory while InfluxDB is slow or down; beyond that, new points are dropped
 */
public record InfluxConfig(String url, String database, int batchSize, Duration flushInterval, int maxQueuedPoints) {

    public static final String URL_KEY = "PARKOPS_INFLUX_URL";
    public static final String DB_KEY = "PARKOPS_INFLUX_DB";
    public static final String BATCH_SIZE_KEY = "PARKOPS_INFLUX_BATCH_SIZE";
    public static final String FLUSH_INTERVAL_KEY = "PARKOPS_INFLUX_FLUSH_INTERVAL_MS";
    public static final String MAX_QUEUED_POINTS_KEY = "PARKOPS_INFLUX_MAX_QUEUED_POINTS";

    public static final String DEFAULT_URL = "http://127.0.0.1:8086";
    public static final String DEFAULT_DATABASE = "parkops";
    public static final int DEFAULT_BATCH_SIZE = 5000;
    public static final Duration DEFAULT_FLUSH_INTERVAL = Duration.ofSeconds(1);
    /** 200,000 points is 20-100 s of the sizing's average load: enough to ride out an InfluxDB restart. */
    public static final int DEFAULT_MAX_QUEUED_POINTS = 200_000;

    /** InfluxDB accepts any quoted name, but a plain one keeps InfluxQL, URLs and shells simple. */
    private static final Pattern DATABASE = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,63}");

    public InfluxConfig {
        requireHttpUrl(url);
        if (database == null || !DATABASE.matcher(database).matches()) {
            throw new IllegalArgumentException(DB_KEY + " must match [A-Za-z0-9_][A-Za-z0-9_.-]{0,63}, got '" + database + "'");
        }
        if (batchSize < 1 || batchSize > 100_000) {
            throw new IllegalArgumentException(BATCH_SIZE_KEY + " must be between 1 and 100000, got " + batchSize);
        }
        if (flushInterval == null || flushInterval.toMillis() < 10 || flushInterval.toMinutes() > 10) {
            throw new IllegalArgumentException(FLUSH_INTERVAL_KEY + " must be between 10 ms and 10 min, got " + flushInterval);
        }
        if (maxQueuedPoints < batchSize) {
            throw new IllegalArgumentException(MAX_QUEUED_POINTS_KEY + " must be at least " + BATCH_SIZE_KEY + " ("
                    + batchSize + "), got " + maxQueuedPoints);
        }
        url = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** The given server and database with default tuning. */
    public static InfluxConfig of(String url, String database) {
        return new InfluxConfig(url, database, DEFAULT_BATCH_SIZE, DEFAULT_FLUSH_INTERVAL, DEFAULT_MAX_QUEUED_POINTS);
    }

    public static InfluxConfig defaults() {
        return of(DEFAULT_URL, DEFAULT_DATABASE);
    }

    public InfluxConfig withBatching(int newBatchSize, Duration newFlushInterval, int newMaxQueuedPoints) {
        return new InfluxConfig(url, database, newBatchSize, newFlushInterval, newMaxQueuedPoints);
    }

    private static void requireHttpUrl(String url) {
        String problem = null;
        if (url == null || url.isBlank()) {
            problem = "is required";
        } else {
            try {
                URI uri = new URI(url);
                if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()) || uri.getHost() == null) {
                    problem = "must be an http:// or https:// URL with a host";
                }
            } catch (URISyntaxException e) {
                problem = "is not a valid URL (" + e.getReason() + ")";
            }
        }
        if (problem != null) {
            throw new IllegalArgumentException(URL_KEY + " " + problem + ", e.g. " + DEFAULT_URL + "; got '" + url + "'");
        }
    }
}
