package io.parkops.rules.influx;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import okhttp3.OkHttpClient;
import org.influxdb.InfluxDB;
import org.influxdb.InfluxDBFactory;

/**
 * Every influxdb-java client ParkOps opens comes from here, so how the platform talks to InfluxDB
 * (timeouts, credentials) is decided in one place. Credentials ride in {@code PARKOPS_INFLUX_URL}
 * ({@code http://user:password@host:8086}) because the contract has no other key for them; they are
 * sent as HTTP Basic, which InfluxDB 1.x and the v1 compatibility API of 2.x and 3.x accept.
 */
public final class InfluxClients {

    /** How long a caller waits for InfluxDB to accept a connection, answer, and take a request body. */
    public record Timeouts(Duration connect, Duration read, Duration write) {

        /** The writer: a batch that is slow goes to the spool and is retried, so it gives up early. */
        public static final Timeouts WRITES = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(10));
        /** The dashboard's views: a person waits for the answer, which covers at most a week of one site. */
        public static final Timeouts VIEWS = new Timeouts(Duration.ofSeconds(3), Duration.ofSeconds(15), Duration.ofSeconds(10));
        /** Backtests read up to two million rows of history in one answer. */
        public static final Timeouts HISTORY = new Timeouts(Duration.ofSeconds(5), Duration.ofSeconds(60), Duration.ofSeconds(10));
    }

    /** A URL split into what influxdb-java wants: the base URL without user info, and the credentials (null when none). */
    record Endpoint(String url, String user, String password) {

        static Endpoint parse(String url) {
            String userInfo = URI.create(url).getRawUserInfo();
            if (userInfo == null) {
                return new Endpoint(url, null, null);
            }
            int colon = userInfo.indexOf(':');
            String user = colon < 0 ? userInfo : userInfo.substring(0, colon);
            String password = colon < 0 ? "" : userInfo.substring(colon + 1);
            return new Endpoint(replaceUserInfo(url, userInfo, ""), decode(user), decode(password));
        }

        /** Only the scheme comes before the authority, so the first match is the user info itself. */
        static String replaceUserInfo(String url, String userInfo, String replacement) {
            return url.replaceFirst(Pattern.quote(userInfo + "@"), Matcher.quoteReplacement(replacement));
        }

        /** Percent-decoding as in a URI, where '+' is a plus and not a space. */
        private static String decode(String text) {
            return URLDecoder.decode(text.replace("+", "%2B"), StandardCharsets.UTF_8);
        }
    }

    private InfluxClients() {
    }

    /** A client for the InfluxDB at {@code url} (v1 HTTP API); close it when done. */
    public static InfluxDB connect(String url, Timeouts timeouts) {
        Endpoint endpoint = Endpoint.parse(url);
        OkHttpClient.Builder http = new OkHttpClient.Builder()
                .connectTimeout(timeouts.connect())
                .readTimeout(timeouts.read())
                .writeTimeout(timeouts.write());
        return endpoint.user() == null ? InfluxDBFactory.connect(endpoint.url(), http)
                : InfluxDBFactory.connect(endpoint.url(), endpoint.user(), endpoint.password(), http);
    }

    /** The URL as logs, banners and health answers may show it: a password in it replaced by {@code ***}. */
    public static String redacted(String url) {
        String userInfo;
        try {
            userInfo = URI.create(url).getRawUserInfo();
        } catch (IllegalArgumentException notAUrl) {
            return url;
        }
        int colon = userInfo == null ? -1 : userInfo.indexOf(':');
        return colon < 0 ? url : Endpoint.replaceUserInfo(url, userInfo, userInfo.substring(0, colon) + ":***@");
    }
}
