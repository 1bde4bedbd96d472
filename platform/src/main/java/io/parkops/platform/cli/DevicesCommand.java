package io.parkops.platform.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;

/**
 * {@code parkops devices import FILE [--url URL] [--token TOKEN]}: provisions every row of a CSV or
 * JSON file through a running platform's {@code POST /api/devices}, {@value #IN_FLIGHT} at a time,
 * with a progress line every second (done, rate, time left) and, at the end, every rejected row
 * with the platform's reason. Exit code 0 when
 * every row was provisioned, 1 when some were rejected, 2 when the file or options are wrong.
 */
public final class DevicesCommand {

    /** Enough to keep a platform's provisioning workers (one per core) busy on a large machine. */
    private static final int IN_FLIGHT = 16;
    private static final long REPORT_EVERY_NANOS = 1_000_000_000L;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PrintStream out;
    private final PrintStream err;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public DevicesCommand(PrintStream out, PrintStream err) {
        this.out = out;
        this.err = err;
    }

    public int run(String[] args, Map<String, String> env) {
        if (args.length < 2 || !args[0].equals("import")) {
            err.println("usage: parkops devices import FILE [--url http://127.0.0.1:8080] [--token TOKEN]");
            return 2;
        }
        String url = "http://127.0.0.1:" + env.getOrDefault("PARKOPS_HTTP_PORT", "8080");
        String token = env.get("PARKOPS_ADMIN_TOKEN");
        if (token == null) {
            // a local platform keeps its generated admin token in the data folder
            java.nio.file.Path file = java.nio.file.Path.of(env.getOrDefault("PARKOPS_DATA_DIR", "./data"), "admin.token");
            try {
                token = java.nio.file.Files.isReadable(file) ? java.nio.file.Files.readString(file).trim() : null;
            } catch (java.io.IOException e) {
                token = null;
            }
        }
        for (int i = 2; i < args.length; i++) {
            if (i + 1 >= args.length || !(args[i].equals("--url") || args[i].equals("--token"))) {
                err.println("parkops devices import: unknown option '" + args[i] + "' (use --url URL, --token TOKEN)");
                return 2;
            }
            if (args[i].equals("--url")) {
                url = args[++i];
            } else {
                token = args[++i];
            }
        }
        List<DeviceImportFile.Row> rows;
        try {
            rows = DeviceImportFile.read(Path.of(args[1]));
        } catch (IOException | RuntimeException e) {
            err.println("parkops devices import: " + args[1] + " cannot be read: " + e.getMessage());
            return 2;
        }
        return importAll(rows, URI.create(url.replaceAll("/$", "") + "/api/devices"), token);
    }

    private int importAll(List<DeviceImportFile.Row> rows, URI target, String token) {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        ImportProgress progress = new ImportProgress(rows.size(), System.nanoTime(), REPORT_EVERY_NANOS);
        Map<Integer, String> rejected = new ConcurrentHashMap<>();
        List<CompletableFuture<?>> calls = new ArrayList<>();
        for (DeviceImportFile.Row row : rows) {
            slots.acquireUninterruptibly();
            calls.add(post(row, target, token).whenComplete((reason, e) -> {
                boolean refused = e != null || reason != null;
                if (refused) {
                    rejected.put(row.number(), describe(row.body()) + ": " + (e != null ? "platform unreachable: " + e.getMessage() : reason));
                }
                slots.release();
                synchronized (out) { // counted and printed together, so the lines come in order
                    String line = progress.rowDone(refused, System.nanoTime());
                    if (line != null) {
                        out.println(line);
                        out.flush();
                    }
                }
            }));
        }
        CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
        out.printf("%d of %d devices provisioned, %d rejected%n", rows.size() - rejected.size(), rows.size(), rejected.size());
        rejected.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> out.printf("  row %d %s%n", e.getKey(), e.getValue()));
        return rejected.isEmpty() ? 0 : 1;
    }

    /** Completes with null when created, else with the reason. */
    private CompletableFuture<String> post(DeviceImportFile.Row row, URI target, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(row.body().toString()));
        if (token != null) {
            request.header("authorization", "Bearer " + token);
        }
        return http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(r -> r.statusCode() == 201 ? null : r.statusCode() + " " + message(r.body()));
    }

    private static String describe(JsonNode body) {
        return "(" + body.path("tenant").asText("?") + "/" + body.path("deviceId").asText("?") + ")";
    }

    private static String message(String body) {
        try {
            JsonNode error = JSON.readTree(body);
            return error.path("message").asText(body);
        } catch (IOException e) {
            return body;
        }
    }
}
