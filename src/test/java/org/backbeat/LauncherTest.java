package org.backbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class LauncherTest {

    @Test
    void theStudioNeedsADisplayOnLinuxOnly() {
        assertTrue(Launcher.noDisplay("Linux", null, null).contains("DISPLAY is not set"));
        assertTrue(Launcher.noDisplay("Linux", null, " ").contains("the command line works"));
        assertNull(Launcher.noDisplay("Linux", null, ":0"));
        assertNull(Launcher.noDisplay("Linux", "Monocle", null));
        assertNull(Launcher.noDisplay("Mac OS X", null, null));
    }

    /** {@code DISPLAY= ./backbeat} printed a stack trace: one line, exit 1, and the command line still works. */
    @Test
    void withoutADisplayTheStudioSaysSoInOneLine() throws Exception {
        assumeTrue(System.getProperty("os.name").toLowerCase().contains("linux"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(List.of(java, "-Djava.awt.headless=true", "-cp",
            System.getProperty("java.class.path"), Launcher.class.getName()));
        pb.environment().remove("DISPLAY");
        pb.environment().put("BACKBEAT_MODEL", "/nonexistent/model.bbm");
        Process p = pb.start();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS), "it did not exit");
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(1, p.exitValue(), err);
        List<String> lines = err.lines().filter(l -> !l.contains("incubator")).toList();
        assertEquals(1, lines.size(), err);
        assertTrue(lines.get(0).startsWith("backbeat: no display"), err);
    }
}
