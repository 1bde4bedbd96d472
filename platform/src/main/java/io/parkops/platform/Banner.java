package io.parkops.platform;

import io.parkops.platform.config.PlatformConfig;
import io.parkops.rules.influx.InfluxClients;

/** What a newcomer should open once the platform is up. */
final class Banner {

    private Banner() {
    }

    static String whereToLook(Platform platform, boolean demo) {
        return whereToLook(platform, demo, false);
    }

    static String whereToLook(Platform platform, boolean demo, boolean estate) {
        PlatformConfig c = platform.config();
        String http = (c.tlsKeystore().isPresent() ? "https" : "http") + "://127.0.0.1:" + platform.httpPort();
        StringBuilder out = new StringBuilder();
        out.append('\n')
                // first: what a facility manager opens; the page asks for the admin token shown below
                .append("  dashboard             ").append(http).append("/  (sign in with the admin token)\n")
                .append("  HTTP API and status   ").append(http).append("/ready\n")
                .append("  alerts                ").append(http).append("/api/alerts\n")
                .append("  a twin                ").append(http).append("/api/2/things/nanan:iaq-0001\n")
                .append("  metrics               ").append(http).append("/metrics\n")
                .append("  MQTT                  ").append(platform.mqttHost()).append(':').append(platform.mqttPort())
                .append(c.mqttUrl().isPresent() ? " (external broker)" : " (" + (c.vertxMqttEndpoint() ? "Vert.x endpoint"
                        : "embedded HiveMQ CE") + (c.mqttAllowUnauthenticated() ? ", anonymous clients allowed)" : ", devices sign in)"))
                .append('\n')
                .append("  CoAP                  udp ").append(platform.coapPort())
                .append(c.coapAllowUnauthenticated() ? " (unauthenticated allowed)" : " (refused: use CoAPS)").append('\n')
                .append("  CoAPS (DTLS PSK)      udp ").append(platform.coapsPort()).append('\n')
                .append("  InfluxDB              ").append(InfluxClients.redacted(c.influxUrl())).append(", database ").append(c.influxDb()).append('\n')
                .append("    influx -host 127.0.0.1 -port ").append(portOf(c.influxUrl())).append(" -database ").append(c.influxDb())
                .append(" -execute 'SELECT * FROM environment ORDER BY time DESC LIMIT 5'\n");
        out.append(platform.generatedAdminToken()
                .map(t -> "  admin token           " + t + "  (shown once; kept in " + platform.adminTokenFile() + ")\n")
                .orElse("  admin token           in " + platform.adminTokenFile() + " (or PARKOPS_ADMIN_TOKEN)\n"));
        if (estate) {
            out.append("\n  The simulated estate: 20 parks, about 3,000 devices; the dashboard opens on their portfolio.\n")
                    .append("  The lead parks report every few seconds, the other 18 every 30 s to 5 min; a CO2 alert appears within a minute.\n");
        } else if (demo) {
            out.append("\n  The simulated park reports every few seconds; a CO2 alert appears within a minute.\n");
        }
        out.append("  Stop with Ctrl-C.\n");
        return out.toString();
    }

    private static int portOf(String url) {
        int port = java.net.URI.create(url).getPort();
        return port > 0 ? port : 8086;
    }
}
