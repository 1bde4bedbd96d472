package io.parkops.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class LoadArgsTest {

    @Test
    void severalPortsAndTheAcknowledgedLogSurviveTheCommandLine() {
        LoadArgs args = new LoadArgs("mqtt", "127.0.0.1", 1883, 1000, 30, 2000, "bench", "d", 2000, 2000, 0,
                List.of(1883, 1884), "/tmp/acked.txt");
        assertThat(LoadArgs.parse(args.toArgs())).isEqualTo(args);
    }

    @Test
    void oneNodeNeedsNeitherOption() {
        LoadArgs args = new LoadArgs("mqtt", "127.0.0.1", 1883, 1000, 30, 2000, "bench", "d", 2000, 2000, 100);
        assertThat(args.ports()).containsExactly(1883);
        assertThat(args.ackedLog()).isEmpty();
        assertThat(List.of(args.toArgs())).doesNotContain("--ports", "--acked-log");
        assertThat(LoadArgs.parse(args.toArgs())).isEqualTo(args);
    }

    @Test
    void thePortsStartWithThePort() {
        assertThatThrownBy(() -> LoadArgs.parse(new String[] {"--port", "1883", "--ports", "1884,1883"}))
                .hasMessageContaining("--ports must start with --port 1883");
    }
}
