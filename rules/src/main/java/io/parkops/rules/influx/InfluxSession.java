package io.parkops.rules.influx;

import io.parkops.model.influx.InfluxSchema;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.influxdb.dto.BatchPoints;
import org.influxdb.dto.Point;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * The blocking InfluxDB v1 calls the writer needs, with influxdb-java's exceptions sorted into
 * "retry later" (thrown) and "refused for good" (returned). Called from the writer thread only.
 */
final class InfluxSession implements AutoCloseable {

    private final InfluxDB client;
    private final String database;

    InfluxSession(InfluxConfig config) {
        this.database = config.database();
        this.client = InfluxClients.connect(config.url(), InfluxClients.Timeouts.WRITES);
    }

    /**
     * Runs CREATE DATABASE. Throws {@link InfluxDBIOException} when the server cannot be reached;
     * returns the server's error when it answered but refused (null when it worked).
     */
    String createDatabase() {
        try {
            QueryResult result = client.query(new Query("CREATE DATABASE \"" + database + "\"", null, true));
            if (result.getError() != null || result.getResults() == null) {
                return result.getError();
            }
            return result.getResults().stream().map(QueryResult.Result::getError).filter(Objects::nonNull)
                    .findFirst().orElse(null);
        } catch (InfluxDBIOException unreachable) {
            throw unreachable;
        } catch (InfluxDBException refused) {
            return String.valueOf(refused.getMessage());
        }
    }

    /**
     * Writes one batch at millisecond precision. Throws when a retry may succeed (server down,
     * overloaded, database missing). Returns empty when written, or the server's reason when it
     * refused the batch for good.
     */
    Optional<String> write(List<Point> points) {
        return attempt(() -> client.write(BatchPoints.database(database).precision(InfluxSchema.PRECISION).points(points).build()));
    }

    /** Writes spooled line protocol (millisecond precision); same outcomes as {@link #write}. */
    Optional<String> writeLines(List<String> lines) {
        return attempt(() -> client.write(database, "", InfluxDB.ConsistencyLevel.ONE, InfluxSchema.PRECISION, lines));
    }

    /** Runs one write: empty when it worked, the reason when refused for good; throws when a retry may succeed. */
    private static Optional<String> attempt(Runnable write) {
        try {
            write.run();
            return Optional.empty();
        } catch (InfluxDBException.DatabaseNotFoundException missing) {
            throw missing;
        } catch (InfluxDBException e) {
            if (isPermanent(e)) {
                return Optional.of(String.valueOf(e.getMessage()));
            }
            throw e;
        }
    }

    /** A refusal that a retry cannot fix. InfluxDB 1.x writes the valid points of a "partial write". */
    static boolean isPermanent(InfluxDBException e) {
        return !(e instanceof InfluxDBIOException)
                && (!e.isRetryWorth() || String.valueOf(e.getMessage()).contains("partial write"));
    }

    boolean ping() {
        try {
            return client.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public void close() {
        client.close();
    }
}
