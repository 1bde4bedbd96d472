package io.parkops.platform.insights;

import io.parkops.model.influx.InfluxSchema;
import io.parkops.rules.influx.InfluxClients;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Runs InfluxQL for the dashboard's views (blocking: callers run it on a worker thread) and
 * flattens InfluxDB's answer into rows with their series' tags.
 */
final class InfluxReader implements AutoCloseable {

    /** One result row: its series' tags and the column values (time first, in epoch ms). */
    record Row(Map<String, String> tags, List<String> columns, List<Object> values) {

        String tag(String name) {
            return tags == null ? null : tags.get(name);
        }

        Double number(String column) {
            int i = columns.indexOf(column);
            return i < 0 || !(values.get(i) instanceof Number n) ? null : n.doubleValue();
        }

        long time() {
            return ((Number) values.get(0)).longValue();
        }
    }

    private final InfluxDB client;
    private final String database;

    InfluxReader(String url, String database) {
        this.database = database;
        this.client = InfluxClients.connect(url, InfluxClients.Timeouts.VIEWS);
    }

    List<Row> query(String influxQl) {
        QueryResult result = client.query(new Query(influxQl, database), InfluxSchema.PRECISION);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused the query: " + result.getError());
        }
        List<Row> rows = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                // a measurement that does not exist yet is an empty view, not an error
                if (r.getError().contains("not found")) {
                    continue;
                }
                throw new IllegalStateException("InfluxDB refused the query: " + r.getError());
            }
            if (r.getSeries() == null) {
                continue;
            }
            for (QueryResult.Series s : r.getSeries()) {
                for (List<Object> values : s.getValues()) {
                    rows.add(new Row(s.getTags(), s.getColumns(), values));
                }
            }
        }
        return rows;
    }

    @Override
    public void close() {
        client.close();
    }
}
