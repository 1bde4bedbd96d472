package io.parkops.sim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import io.parkops.sim.fault.Fault;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SimArgsTest {

    private static final Map<String, String> NO_ENV = Map.of("PARKOPS_DATA_DIR", "/nonexistent-parkops-data");

    @Test
    void defaultsToTheEmbeddedPlatformOnLoopback() {
        SimArgs args = SimArgs.parse(new String[0], NO_ENV);
        SimOptions o = args.options();

        assertThat(o.platformHttp()).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(o.bearerToken()).isNull();
        assertThat(o.mqttHost() + ':' + o.mqttPort()).isEqualTo("127.0.0.1:1883");
        assertThat(o.coapHost() + ':' + o.coapPort()).isEqualTo("127.0.0.1:5683");
        assertThat(o.coapsPort()).isEqualTo(5684);
        assertThat(o.sites()).containsExactly("nanan", "xinshengli");
        assertThat(o.devicesPerType()).isZero(); // as the layout places them
        assertThat(o.totalDevices()).isZero();
        assertThat(o.interval()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.rate()).isZero();
        assertThat(o.protocols()).containsExactly(Protocol.MQTT, Protocol.COAP, Protocol.COAPS);
        assertThat(o.faults().isEmpty()).isTrue();
        assertThat(o.provision()).isTrue();
        assertThat(args.duration()).isNull();
        assertThat(args.help()).isFalse();
    }

    @Test
    void estateIsTheBuiltInLayoutOfTwentySites() {
        SimOptions o = SimArgs.parse(new String[] {"--layout", "estate", "--tenants", "nanan,suzhou-bay"}, NO_ENV).options();

        assertThat(o.layout().tenants()).hasSize(20);
        assertThat(o.sites()).containsExactly("nanan", "suzhou-bay");
    }

    @Test
    void parsesEveryOptionInBothSpellings() {
        SimArgs args = SimArgs.parse(new String[] {"--http", "http://platform:9090", "--token=abc", "--mqtt", "broker:11883",
                "--coap=[::1]:15683", "--coaps-port", "15684", "--tenants", "nanan, north-park", "--per-type", "3",
                "--devices", "500", "--interval", "0.5", "--rate", "250", "--buffer", "7", "--source-addresses", "3",
                "--protocol", "CoAP,mqtt", "--faults", "stuck,duplicate=0.5", "--fault-rate", "0.2", "--no-provision",
                "--duration", "60", "--seed", "42"}, NO_ENV);
        SimOptions o = args.options();

        assertThat(o.platformHttp()).isEqualTo(URI.create("http://platform:9090"));
        assertThat(o.bearerToken()).isEqualTo("abc");
        assertThat(o.mqttHost()).isEqualTo("broker");
        assertThat(o.mqttPort()).isEqualTo(11883);
        assertThat(o.coapHost()).isEqualTo("::1");
        assertThat(o.coapPort()).isEqualTo(15683);
        assertThat(o.coapsPort()).isEqualTo(15684);
        assertThat(o.sites()).containsExactly("nanan", "north-park");
        assertThat(o.devicesPerType()).isEqualTo(3);
        assertThat(o.totalDevices()).isEqualTo(500);
        assertThat(o.interval()).isEqualTo(Duration.ofMillis(500));
        assertThat(o.rate()).isEqualTo(250.0);
        assertThat(o.bufferPerDevice()).isEqualTo(7);
        assertThat(o.sourceAddresses()).isEqualTo(3);
        assertThat(o.protocols()).containsExactly(Protocol.COAP, Protocol.MQTT);
        assertThat(o.faults().fractions()).containsExactly(entry(Fault.STUCK, 0.2), entry(Fault.DUPLICATE, 0.5));
        assertThat(o.provision()).isFalse();
        assertThat(o.seed()).isEqualTo(42);
        assertThat(args.duration()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void takesTheTokenFromTheEnvironmentOrThePlatformsTokenFile(@TempDir Path dataDir) throws Exception {
        assertThat(SimArgs.parse(new String[0], Map.of("PARKOPS_ADMIN_TOKEN", "from-env")).options().bearerToken())
                .isEqualTo("from-env");

        Files.writeString(dataDir.resolve("admin.token"), "from-file\n");
        assertThat(SimArgs.parse(new String[0], Map.of("PARKOPS_DATA_DIR", dataDir.toString())).options().bearerToken())
                .isEqualTo("from-file");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--devices zero          | --devices 'zero' is not a whole number",
            "--devices 0             | devices must be 1..",
            "--per-type 0            | devicesPerType must be 1..",
            "--rate 0                | --rate must be a positive number",
            "--faults stuck,sticky   | fault 'sticky' is not one of stuck,dropout,skew,burst,duplicate,reorder,malformed",
            "--faults dropout=2      | fault dropout needs a fraction of devices 0..1",
            "--fault-rate 1.5        | --fault-rate is a fraction of devices 0..1",
            "--layout /nonexistent/park.yaml | layout file /nonexistent/park.yaml cannot be read",
            "--protocol smoke        | protocol 'smoke' must be one of mqtt, coap, coaps, mixed",
            "--mqtt nohost           | --mqtt 'nohost' must be HOST:PORT",
            "--coap host:99999       | coapPort must be 1..65535",
            "--interval -1           | --interval must be a positive number of seconds",
            "--tenants Bad_Tenant    | tenant 'Bad_Tenant' must match",
            "--http ftp://x          | must be an http(s) URL",
            "--bogus 1               | unknown option '--bogus'",
            "--devices               | --devices needs a value",
            "stray                   | unexpected argument 'stray'"})
    void rejectsBadArgumentsNamingWhatIsWrong(String commandLine, String message) {
        assertThatThrownBy(() -> SimArgs.parse(commandLine.trim().split(" +"), NO_ENV)).hasMessageContaining(message);
    }

    @Test
    void badArgumentsExitWithCodeTwoAndAClearMessage() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = SimMain.run(new String[] {"--protocol", "smoke"}, NO_ENV, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(code).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("protocol 'smoke' must be one of mqtt, coap, coaps, mixed")
                .contains("--help");
    }

    @Test
    void helpListsEveryOptionAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = SimMain.run(new String[] {"--help"}, NO_ENV, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()));

        assertThat(code).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(List.of("--http", "--token", "--mqtt", "--coap",
                "--coaps-port", "--layout", "--tenants", "--devices", "--per-type", "--interval", "--rate", "--buffer",
                "--source-addresses", "--protocol", "--faults", "--fault-rate", "--no-provision", "--duration", "--seed", "--help"));
    }
}
