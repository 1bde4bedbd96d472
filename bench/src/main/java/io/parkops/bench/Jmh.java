package io.parkops.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The JMH micro-benchmarks of the hot path, run through Maven's {@code bench} profile (they need
 * the platform's modules on the class path and JMH's annotation processor, which the bench jar
 * does not carry), then read from {@code bench/target/jmh-result.json}.
 */
final class Jmh {

    record Score(String benchmark, double score, double error, String unit) {
    }

    private Jmh() {
    }

    static List<Score> run(Path root, Path log, boolean quick) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("mvn", "-B", "-q", "-Pbench", "-pl", "bench", "-am", "verify", "-DskipTests"));
        if (quick) {
            cmd.addAll(List.of("-Djmh.warmups=1", "-Djmh.iterations=2", "-Djmh.time=1s"));
        }
        System.out.println("bench: JMH micro-benchmarks: " + String.join(" ", cmd));
        Procs.run(root, log, 900, cmd);
        return read(root.resolve("bench/target/jmh-result.json"));
    }

    static List<Score> read(Path file) throws Exception {
        List<Score> out = new ArrayList<>();
        for (JsonNode b : new ObjectMapper().readTree(Files.readAllBytes(file))) {
            JsonNode m = b.path("primaryMetric");
            String name = b.path("benchmark").asText();
            out.add(new Score(name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1), m.path("score").asDouble(),
                    m.path("scoreError").asDouble(), m.path("scoreUnit").asText()));
        }
        return out;
    }
}
