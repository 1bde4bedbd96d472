package io.parkops.rules.backtest;

import io.parkops.model.Device;
import io.parkops.model.TwinChange;
import io.parkops.model.influx.InfluxQl;
import io.parkops.model.influx.InfluxSchema;
import io.parkops.rules.engine.Rule;
import io.parkops.rules.engine.Level;
import io.parkops.rules.influx.InfluxClients;
import io.parkops.rules.influx.InfluxConfig;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.influxdb.InfluxDB;
import org.influxdb.dto.Query;
import org.influxdb.dto.QueryResult;

/**
 * Reads the measurements a rule looks at back from InfluxDB as twin changes (one per row), in the
 * schema the writer uses ({@link InfluxSchema}): measurement = feature, the telemetry tags, fields =
 * properties. Blocking: run on a worker thread.
 */
public final class InfluxHistory {

    private static final Set<String> TAGS = Set.copyOf(InfluxSchema.TELEMETRY_TAGS);
    private static final int MAX_ROWS = 2_000_000;

    private final InfluxConfig config;

    public InfluxHistory(InfluxConfig config) {
        this.config = config;
    }

    public List<TwinChange> read(Rule rule, long from, long to) {
        Set<String> features = new TreeSet<>();
        for (Level level : rule.levels()) {
            level.raise().paths(p -> addFeature(features, p));
            level.clear().paths(p -> addFeature(features, p));
        }
        if (features.isEmpty()) {
            throw new IllegalArgumentException("rule '" + rule.id() + "' watches no property (noData \"*\"), so there is "
                    + "no history to replay; backtest a rule with property conditions");
        }
        InfluxDB client = InfluxClients.connect(config.url(), InfluxClients.Timeouts.HISTORY);
        try {
            List<TwinChange> changes = new ArrayList<>();
            for (String feature : features) {
                changes.addAll(query(client, rule, feature, from, to));
            }
            return changes;
        } finally {
            client.close();
        }
    }

    private static void addFeature(Set<String> features, String path) {
        int dot = path.indexOf('.');
        if (dot > 0) {
            features.add(path.substring(0, dot));
        }
    }

    private List<TwinChange> query(InfluxDB client, Rule rule, String feature, long from, long to) {
        String measurement = InfluxSchema.measurement(feature).replace("\"", "");
        StringBuilder q = new StringBuilder("SELECT * FROM \"").append(measurement).append("\" WHERE time >= ")
                .append(from).append("ms AND time <= ").append(to).append("ms");
        if (!Rule.ANY_TYPE.equals(rule.deviceType())) {
            q.append(" AND ").append(InfluxQl.tagIs(InfluxSchema.TYPE, rule.deviceType()));
        }
        if (rule.tenant() != null) {
            q.append(" AND ").append(InfluxQl.tagIs(InfluxSchema.TENANT, rule.tenant()));
        }
        q.append(" LIMIT ").append(MAX_ROWS);
        QueryResult result = client.query(new Query(q.toString(), config.database()), InfluxSchema.PRECISION);
        if (result.hasError()) {
            throw new IllegalStateException("InfluxDB refused the history query: " + result.getError());
        }
        List<TwinChange> changes = new ArrayList<>();
        for (QueryResult.Result r : result.getResults()) {
            if (r.hasError()) {
                throw new IllegalStateException("InfluxDB refused the history query: " + r.getError());
            }
            if (r.getSeries() != null) {
                r.getSeries().forEach(s -> s.getValues().forEach(row -> toChange(feature, s.getColumns(), row, changes)));
            }
        }
        return changes;
    }

    private static void toChange(String feature, List<String> columns, List<Object> row, List<TwinChange> out) {
        Map<String, String> tags = new HashMap<>();
        Map<String, Object> fields = new HashMap<>();
        long time = 0;
        for (int i = 0; i < columns.size(); i++) {
            String column = columns.get(i);
            Object value = row.get(i);
            if (column.equals(InfluxSchema.TIME)) {
                time = ((Number) value).longValue();
            } else if (TAGS.contains(column)) {
                if (value != null) {
                    tags.put(column, String.valueOf(value));
                }
            } else if (value != null) {
                fields.put(column, value);
            }
        }
        String thing = tags.get(InfluxSchema.THING);
        String type = tags.get(InfluxSchema.TYPE);
        if (thing == null || type == null || fields.isEmpty()) {
            return;
        }
        Map<String, String> attributes = new HashMap<>(tags);
        attributes.keySet().removeAll(InfluxSchema.IDENTITY_TAGS);
        Device device = new Device(InfluxSchema.thingOf(thing), type, attributes);
        out.add(new TwinChange(device, 0, time, Map.of(feature, fields)));
    }
}
