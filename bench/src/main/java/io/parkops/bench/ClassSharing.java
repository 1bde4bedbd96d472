package io.parkops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The platform jar's class data sharing archive, used the way {@code ./parkops run} uses it
 * (docs/startup.md), so the start-up the bench reports is the one operators get: the archive is
 * mapped when it is there and newer than the jar; otherwise this run records it (into a file of its
 * own, renamed into place only after a clean exit) for the next.
 */
final class ClassSharing {

    private static final List<String> QUIET = List.of("-Xlog:cds=off", "-Xlog:cds+dynamic=off");

    private final Path archive;
    private final Path recording;
    private final boolean present;

    ClassSharing(Path jar) throws IOException {
        this.archive = archiveFor(jar, Path.of(System.getProperty("java.home"), "release"));
        this.recording = archive.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        this.present = Files.size(jar) > 0 && Files.isRegularFile(archive) && Files.size(archive) > 0
                && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    }

    /**
     * {@code <jar without .jar>-<first 12 hex digits of the MD5 of the JDK's release file>.jsa}: the
     * name the launcher script gives it, so both find the same archive for the same JDK build.
     */
    static Path archiveFor(Path jar, Path jdkRelease) throws IOException {
        String key;
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(Files.readAllBytes(jdkRelease));
            key = HexFormat.of().formatHex(digest).substring(0, 12);
        } catch (NoSuchAlgorithmException | IOException e) {
            key = "jdk";
        }
        String name = jar.getFileName().toString().replaceFirst("\\.jar$", "");
        return jar.resolveSibling(name + "-" + key + ".jsa");
    }

    /** Whether this run maps an existing archive (false: it records one). */
    boolean present() {
        return present;
    }

    /** The JVM options for this run. */
    List<String> jvmFlags() {
        String option = present ? "-XX:SharedArchiveFile=" + archive : "-XX:ArchiveClassesAtExit=" + recording;
        return java.util.stream.Stream.concat(java.util.stream.Stream.of(option), QUIET.stream()).toList();
    }

    /** After the platform JVM exited with {@code exitCode}: keeps what it recorded when it shut down cleanly. */
    void afterExit(int exitCode) throws IOException {
        if (present) {
            return;
        }
        // 143: SIGTERM, the bench's own way of stopping it; the JVM wrote the archive before exiting
        if ((exitCode == 0 || exitCode == 143) && Files.isRegularFile(recording) && Files.size(recording) > 0) {
            Files.move(recording, archive, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } else {
            Files.deleteIfExists(recording);
        }
    }
}
