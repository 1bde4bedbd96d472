package io.parkops.bench;

import io.parkops.bench.load.LoadArgs;
import io.parkops.bench.load.LoadGenMain;
import io.parkops.bench.load.LoadResult;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** One run of the load generator in its own JVM ({@link LoadGenMain}), so its CPU is its own. */
final class LoadGenProcess implements AutoCloseable {

    static final List<String> JVM_FLAGS = List.of("-Xms256m", "-Xmx512m", "-XX:+UseParallelGC", "-XX:TieredStopAtLevel=1");

    private final Process process;
    private final BufferedReader out;

    private LoadGenProcess(Process process) {
        this.process = process;
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Starts it and returns once it is connected and about to send. */
    static LoadGenProcess start(Path benchJar, Path log, LoadArgs args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(ProcessHandle.current().info().command().orElse("java")));
        cmd.addAll(JVM_FLAGS);
        cmd.addAll(List.of("-cp", benchJar.toString(), LoadGenMain.class.getName()));
        cmd.addAll(List.of(args.toArgs()));
        Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
        LoadGenProcess lg = new LoadGenProcess(p);
        String line;
        while ((line = lg.out.readLine()) != null) {
            if (line.equals("READY")) {
                return lg;
            }
        }
        throw new IOException("the load generator exited before it was ready (see " + log + ")");
    }

    long pid() {
        return process.pid();
    }

    LoadResult result() throws IOException {
        String line;
        while ((line = out.readLine()) != null) {
            if (line.startsWith("RESULT ")) {
                return LoadResult.parseLine(line);
            }
        }
        throw new IOException("the load generator ended without a result");
    }

    @Override
    public void close() {
        process.destroy();
    }
}
