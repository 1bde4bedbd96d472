package io.parkops.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Running helper commands: the infra/local scripts, jcmd, npm, versions. */
final class Procs {

    private Procs() {
    }

    /** Runs a command to its end (at most {@code timeoutSeconds}) and returns its stdout; stderr goes to {@code log}. */
    static String run(Path dir, Path log, int timeoutSeconds, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        Process p = pb.start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
        }
        if (p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " exited with " + p.exitValue() + " (see " + log + ")");
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** First line of a command's combined output, or "unknown". */
    static String version(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out.isEmpty() ? "unknown" : out.lines().findFirst().orElse("unknown");
        } catch (IOException | InterruptedException e) {
            return "unknown";
        }
    }

    static long pidFromFile(Path file) throws IOException {
        return Long.parseLong(Files.readString(file).trim());
    }
}
