package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The machine and the versions of everything measured, for the report's header. */
final class Machine {

    private Machine() {
    }

    static void describe(Map<String, String> out) {
        out.put("cores", String.valueOf(Runtime.getRuntime().availableProcessors()));
        out.put("CPU", cpuModel());
        out.put("RAM", memTotal());
        out.put("kernel", Procs.version("uname", "-sr"));
        out.put("JDK", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        out.put("mosquitto", Procs.version("mosquitto", "-h").replace("mosquitto version ", ""));
        out.put("influxd", Procs.version("influxd", "version"));
        out.put("node", Procs.version("node", "--version"));
    }

    /** "cores 2; CPU …; RAM …" for a report's header. */
    static String summary(Map<String, String> machine) {
        return String.join("; ", machine.entrySet().stream().map(e -> e.getKey() + " " + e.getValue()).toList());
    }

    private static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String memTotal() {
        try {
            String line = Files.readAllLines(Path.of("/proc/meminfo")).get(0);
            long kb = Long.parseLong(line.replaceAll("\\D", ""));
            return String.format("%.1f GiB", kb / 1024.0 / 1024.0);
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }
}
