package org.backbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./backbeat} launcher with a stand-in {@code java} (a script that logs its arguments,
 * prints what a cancelled training prints when signalled, and writes the class-data archive it is
 * asked to): signals reach Java, Java's messages reach the terminal, a damaged archive is dropped.
 */
class LauncherScriptTest {

    @TempDir
    Path dir;
    Path log;

    static final String FAKE_JAVA = """
        #!/bin/bash
        echo "args: $*" >> "$FAKE_LOG"
        echo "WARNING: Using incubator modules: jdk.incubator.vector" >&2
        archive=""
        for a in "$@"; do case "$a" in -XX:ArchiveClassesAtExit=*) archive="${a#*=}";; esac; done
        finish() {
          sleep 0.2
          echo "cancelled: checkpoint written at step 33" >&2
          echo "got $1" >> "$FAKE_LOG"
          if [ -n "$archive" ]; then head -c 5000 /dev/zero > "$archive"; fi
          exit 0
        }
        trap 'finish INT' INT
        trap 'finish TERM' TERM
        if [ -n "$FAKE_WAIT" ]; then echo ready >> "$FAKE_LOG"; while :; do sleep 0.05; done; fi
        if [ -n "$archive" ]; then head -c 5000 /dev/zero > "$archive"; fi
        echo "Backbeat test"
        exit "${FAKE_RC:-0}"
        """;

    @BeforeEach
    void launcherWithAStandInJava() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")) || Files.isExecutable(Path.of("/bin/setsid")));
        Files.copy(Path.of("backbeat"), dir.resolve("backbeat"));
        Path flags = Files.copy(Path.of("jvm.flags"), dir.resolve("jvm.flags"));
        Files.setLastModifiedTime(flags, FileTime.fromMillis(System.currentTimeMillis() - 7_200_000)); // no rebuild
        Path jar = Files.createDirectories(dir.resolve("target")).resolve("backbeat.jar");
        Files.writeString(jar, "not really a jar");
        Files.setLastModifiedTime(jar, FileTime.fromMillis(System.currentTimeMillis() - 3_600_000));
        Path java = Files.createDirectories(dir.resolve("bin")).resolve("java");
        Files.writeString(java, FAKE_JAVA);
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
        log = dir.resolve("java.log");
        Files.writeString(log, "");
    }

    private Process start(boolean wait, String... args) throws Exception {
        return start(wait, 0, args);
    }

    private Process start(boolean wait, int rc, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("setsid", "bash", dir.resolve("backbeat").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("PATH", dir.resolve("bin") + ":" + System.getenv("PATH"));
        pb.environment().put("FAKE_LOG", log.toString());
        pb.environment().remove("BACKBEAT_CDS");
        if (wait) {
            pb.environment().put("FAKE_WAIT", "1");
        }
        pb.environment().put("FAKE_RC", String.valueOf(rc));
        return pb.start();
    }

    private void awaitReady() throws Exception {
        for (int i = 0; i < 200 && !Files.readString(log).contains("ready"); i++) {
            Thread.sleep(50);
        }
        assertTrue(Files.readString(log).contains("ready"), "java never started");
        Thread.sleep(200); // the launcher's trap is set right after java starts
    }

    private static void signal(String sig, String target) throws Exception {
        assertEquals(0, new ProcessBuilder("kill", "-" + sig, "--", target).inheritIO().start().waitFor());
    }

    private static String finish(Process p, CompletableFuture<String> err) throws Exception {
        boolean ended = p.waitFor(20, TimeUnit.SECONDS);
        if (!ended) {
            signal("KILL", "-" + p.pid());
        }
        assertTrue(ended, "the launcher did not end");
        return err.get(20, TimeUnit.SECONDS);
    }

    private static CompletableFuture<String> stderr(Process p) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            } catch (java.io.IOException e) {
                return e.toString();
            }
        });
    }

    /** The JVM flags come from jvm.flags beside the script, their one source (an argument file). */
    @Test
    void javaGetsTheFlagsFileBesideTheScript() throws Exception {
        Process p = start(false, "--version");
        finish(p, stderr(p));
        assertEquals(0, p.exitValue());
        String args = Files.readString(log);
        assertTrue(args.startsWith("args: @" + dir.resolve("jvm.flags") + " -jar "), args);
    }

    /** Ctrl+C reaches the whole foreground group: the stderr filter must outlive Java's last words. */
    @Test
    void ctrlCStillShowsWhatJavaPrintsOnItsWayOut() throws Exception {
        Process p = start(true, "train", "--data", "d", "--out", "m.bbm");
        CompletableFuture<String> err = stderr(p);
        awaitReady();
        signal("INT", "-" + p.pid()); // the terminal's Ctrl+C: every process of the group
        String e = finish(p, err);
        assertTrue(e.contains("cancelled: checkpoint written at step 33"), "lost: [" + e + "]");
        assertFalse(e.contains("Using incubator modules"), e);
        assertTrue(Files.readString(log).contains("got INT"));
    }

    /** TERM sent to the launcher of a studio (which records the archive) left the studio's JVM running. */
    @Test
    void termSentToTheLauncherReachesTheStudiosJavaAndTheArchiveIsRecorded() throws Exception {
        Process p = start(true);
        CompletableFuture<String> err = stderr(p);
        awaitReady();
        assertTrue(Files.readString(log).contains("-XX:ArchiveClassesAtExit="));
        signal("TERM", String.valueOf(p.pid())); // the launcher only
        String e = finish(p, err);
        assertTrue(Files.readString(log).contains("got TERM"), Files.readString(log));
        assertTrue(e.contains("cancelled: checkpoint written"), e);
        Path jsa = dir.resolve("target/backbeat.jsa");
        assertEquals(5000, Files.size(jsa));
        assertTrue(Files.readString(dir.resolve("target/backbeat.jsa.cksum")).trim().endsWith(" 5000"));
    }

    /** A studio that failed to start (no display: exit 1) recorded an archive of a handful of classes. */
    @Test
    void aFailedStudioStartKeepsNoArchive() throws Exception {
        Process p = start(false, 1);
        finish(p, stderr(p));
        assertEquals(1, p.exitValue());
        assertFalse(Files.exists(dir.resolve("target/backbeat.jsa")));
        try (var files = Files.list(dir.resolve("target"))) {
            assertEquals(List.of("backbeat.jar"), files.map(f -> f.getFileName().toString()).toList());
        }
    }

    /** A truncated archive made every command die with SIGBUS: it is dropped, not mapped. */
    @Test
    void aDamagedArchiveIsDroppedAndAGoodOneIsUsed() throws Exception {
        Process rec = start(false);
        finish(rec, stderr(rec));
        Path jsa = dir.resolve("target/backbeat.jsa");
        assertTrue(Files.exists(jsa));

        Process good = start(false, "--version");
        String e = finish(good, stderr(good));
        assertFalse(e.contains("damaged"), e);
        assertTrue(Files.readString(log).lines().reduce((a, b) -> b).orElse("").contains("-XX:SharedArchiveFile="));

        byte[] bytes = Files.readAllBytes(jsa);
        Files.write(jsa, java.util.Arrays.copyOf(bytes, 1000)); // truncated, and newer than the jar
        Files.writeString(log, "");
        Process bad = start(false, "--version");
        String e2 = finish(bad, stderr(bad));
        assertTrue(e2.contains("dropping the damaged class-data archive"), e2);
        assertFalse(Files.readString(log).contains("SharedArchiveFile"), Files.readString(log));
        assertFalse(Files.exists(jsa));
    }
}
