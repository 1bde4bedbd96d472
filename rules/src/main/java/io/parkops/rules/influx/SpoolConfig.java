package io.parkops.rules.influx;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where points wait on disk while InfluxDB is down, slow or refusing writes.
 *
 * @param file     the MVStore file, {@code {data dir}/spool/influx.mv}
 * @param maxBytes bound of the spool; when full, new points are refused (counted, health degraded)
 */
public record SpoolConfig(Path file, long maxBytes) {

    public static final String MAX_BYTES_KEY = "PARKOPS_SPOOL_MAX_BYTES";
    /** 1 GiB holds roughly ten million points: hours of a large park's data. */
    public static final long DEFAULT_MAX_BYTES = 1L << 30;

    public SpoolConfig {
        Objects.requireNonNull(file, "file");
        if (maxBytes < 1 << 16) {
            throw new IllegalArgumentException(MAX_BYTES_KEY + " must be at least 64 KiB (65536), got " + maxBytes);
        }
    }

    public static SpoolConfig in(Path dataDir) {
        return new SpoolConfig(dataDir.resolve("spool").resolve("influx.mv"), DEFAULT_MAX_BYTES);
    }
}
