package io.parkops.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.parkops.testing.InfluxServer;
import io.parkops.testing.RealServices;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every InfluxQL query of the Grafana dashboard in infra/grafana runs on the real InfluxDB, with
 * Grafana's macros filled in the way Grafana would, against points shaped like ParkOps writes.
 */
@ExtendWith(RealServices.class)
class GrafanaDashboardTest {

    private static final Path DASHBOARD = Path.of("..", "infra", "grafana", "parkops-dashboard.json");

    @Test
    void everyPanelQueryRunsOnInfluxDb(InfluxServer influx) throws Exception {
        String db = influx.freshDatabase();
        long now = System.currentTimeMillis();
        influx.client().write(db, "", org.influxdb.dto.Point.measurement("environment").tag("tenant", "nanan")
                .tag("building", "b1").tag("zone", "3-east").addField("temperature", 22.0).addField("co2", 700.0)
                .addField("pm25", 8.0).time(now, java.util.concurrent.TimeUnit.MILLISECONDS).build());
        JsonObject dashboard = new JsonObject(Files.readString(DASHBOARD));
        List<String> queries = new ArrayList<>();
        for (Object p : dashboard.getJsonArray("panels")) {
            for (Object t : ((JsonObject) p).getJsonArray("targets", new JsonArray())) {
                queries.add(((JsonObject) t).getString("query"));
            }
        }
        for (Object v : dashboard.getJsonObject("templating").getJsonArray("list")) {
            queries.add(((JsonObject) v).getString("query"));
        }
        assertThat(queries).hasSizeGreaterThan(8);
        for (String q : queries) {
            String filled = q.replace("$timeFilter", "time > now() - 1h").replace("$__interval", "1m")
                    .replace("$tenant", ".*").replace("$building", ".*");
            influx.rows(db, filled); // throws with InfluxDB's error when the query is wrong
        }
        assertThat(influx.rows(db, queries.get(2).replace("$timeFilter", "time > now() - 1h").replace("$__interval", "1m")
                .replace("$tenant", ".*").replace("$building", ".*"))).isNotEmpty();
    }
}
