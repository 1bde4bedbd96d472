package io.parkops.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassSharingTest {

    @TempDir
    Path dir;

    @Test
    void archiveIsNamedLikeTheLauncherNamesIt() throws Exception {
        Path release = Files.writeString(dir.resolve("release"), "JAVA_VERSION=\"17.0.15\"\n");
        // ./parkops: ${JAR%.jar}-<first 12 hex digits of md5sum of the JDK's release file>.jsa
        assertEquals(dir.resolve("parkops-" + md5Prefix(release) + ".jsa"), ClassSharing.archiveFor(dir.resolve("parkops.jar"), release));
    }

    @Test
    void recordsWhenNoArchiveAndKeepsItOnlyAfterACleanExit() throws Exception {
        Path jar = Files.writeString(dir.resolve("parkops.jar"), "jar");
        Files.setLastModifiedTime(jar, FileTime.from(Instant.now().minusSeconds(60)));
        ClassSharing first = new ClassSharing(jar);
        assertFalse(first.present());
        String option = first.jvmFlags().get(0);
        assertTrue(option.startsWith("-XX:ArchiveClassesAtExit="), option);
        Path recording = Path.of(option.substring(option.indexOf('=') + 1));
        Files.writeString(recording, "archive");
        first.afterExit(143);
        assertFalse(Files.exists(recording));

        ClassSharing second = new ClassSharing(jar);
        assertTrue(second.present());
        assertTrue(second.jvmFlags().get(0).startsWith("-XX:SharedArchiveFile="), second.jvmFlags().toString());
        assertTrue(second.jvmFlags().contains("-Xlog:cds=off"));
    }

    @Test
    void aKilledRecordingIsDropped() throws Exception {
        Path jar = Files.writeString(dir.resolve("parkops.jar"), "jar");
        ClassSharing run = new ClassSharing(jar);
        String option = run.jvmFlags().get(0);
        Path recording = Path.of(option.substring(option.indexOf('=') + 1));
        Files.writeString(recording, "half an archive");
        run.afterExit(137);
        assertFalse(Files.exists(recording));
        assertFalse(new ClassSharing(jar).present());
    }

    @Test
    void anArchiveOlderThanTheJarIsRecordedAgain() throws Exception {
        Path jar = Files.writeString(dir.resolve("parkops.jar"), "jar");
        Path archive = ClassSharing.archiveFor(jar, Path.of(System.getProperty("java.home"), "release"));
        Files.writeString(archive, "archive");
        Files.setLastModifiedTime(archive, FileTime.from(Instant.now().minusSeconds(60)));
        assertFalse(new ClassSharing(jar).present());
    }

    private static String md5Prefix(Path file) throws Exception {
        Process p = new ProcessBuilder("md5sum", file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes()).trim();
        p.waitFor();
        return out.substring(0, 12);
    }
}
