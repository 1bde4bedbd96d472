package io.parkops.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * A real InfluxDB 1.x-API server for a test. Each test takes a fresh database so tests never see
 * each other's points.
 */
public final class InfluxServer {

    private final String url;
    private final InfluxDB client;

    InfluxServer(String url) {
        this.url = url;
        this.client = InfluxDBFactory.connect(url);
    }

    /** Base URL, e.g. {@code http://127.0.0.1:38086}. */
    public String url() {
        return url;
    }

    /** Creates and returns a database name no other test uses. */
    public String freshDatabase() {
        String db = "test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        client.query(new Query("CREATE DATABASE \"" + db + "\""));
        return db;
    }

    /** Runs an InfluxQL query and returns every row of every series (columns as InfluxDB returns them). */
    public List<List<Object>> rows(String database, String influxQl) {
        QueryResult result = client.query(new Query(influxQl, database));
        if (result.hasError()) {
            throw new IllegalStateException("InfluxQL '" + influxQl + "' failed: " + result.getError());
        }
        List<List<Object>> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxQL '" + influxQl + "' failed: " + r.getError());
            }
            if (r.getSeries() != null) {
                r.getSeries().forEach(s -> rows.addAll(s.getValues()));
            }
        }
        return rows;
    }

    /** The shared client, for tests that write points directly. */
    public InfluxDB client() {
        return client;
    }

    boolean ping() {
        try {
            return client.ping().isGood();
        } catch (RuntimeException e) {
            return false;
        }
    }
}
