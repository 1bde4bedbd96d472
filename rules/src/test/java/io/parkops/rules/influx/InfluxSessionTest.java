package io.parkops.rules.influx;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import org.influxdb.InfluxDBException;
import org.influxdb.InfluxDBIOException;
import org.junit.jupiter.api.Test;

/** Which InfluxDB answers are retried and which refuse a batch for good (messages as InfluxDB 1.x sends them). */
class InfluxSessionTest {

    @Test
    void unreachableAndOverloadedAreRetried() {
        assertThat(InfluxSession.isPermanent(new InfluxDBIOException(new IOException("Connection refused")))).isFalse();
        assertThat(InfluxSession.isPermanent(error("timeout"))).isFalse();
        assertThat(InfluxSession.isPermanent(error("engine: cache-max-memory-size exceeded: (1049/1048)"))).isFalse();
    }

    @Test
    void refusalsARetryCannotFixAreNotRetried() {
        assertThat(InfluxSession.isPermanent(error("partial write: field type conflict: input field \"f\" on "
                + "measurement \"m\" is type string, already exists as type float dropped=1"))).isTrue();
        assertThat(InfluxSession.isPermanent(error("unable to parse 'm f=': missing field value"))).isTrue();
        assertThat(InfluxSession.isPermanent(error("partial write: points beyond retention policy dropped=3"))).isTrue();
        assertThat(InfluxSession.isPermanent(error("partial write: max-values-per-tag limit exceeded (100000/100000)")))
                .isTrue();
    }

    private static InfluxDBException error(String message) {
        return InfluxDBException.buildExceptionForErrorState("{\"error\":\"" + message.replace("\"", "\\\"") + "\"}");
    }
}
