package org.backbeat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** jvm.flags is the one source of the JVM flags: the tests, the jar and the scripts read it. */
class BackbeatTest {

    @Test
    void thePackagedFlagsAreTheRootFilesFlags() throws Exception {
        List<String> root = Files.readAllLines(Path.of("jvm.flags")).stream().map(l -> l.replaceFirst("#.*", "").strip())
            .filter(l -> !l.isEmpty()).toList();
        assertEquals(root, Backbeat.flags());
        assertEquals(List.of("--add-modules=jdk.incubator.vector", "-Dorg.nd4j.autodiff.samediff=false",
            "--add-exports=java.desktop/com.sun.media.sound=ALL-UNNAMED"), root);
    }

    /** Surefire's argLine is {@code @jvm.flags}: this JVM was started with every flag in it. */
    @Test
    void theTestsRunWithTheFlags() {
        assertEquals("false", System.getProperty("org.nd4j.autodiff.samediff"));
        assertTrue(ModuleLayer.boot().findModule("jdk.incubator.vector").isPresent());
        assertTrue(ModuleLayer.boot().findModule("java.desktop").orElseThrow()
            .isExported("com.sun.media.sound", getClass().getModule()));
    }

    @Test
    void configureSetsTheFlagsPropertiesTheJvmWasStartedWithoutAndKeepsGivenOnes() {
        assertEquals(Map.of("a.b", "c=d", "e", ""), Backbeat.systemProperties(List.of("--add-modules=x", "-Da.b=c=d", "-De")));
        String key = "org.nd4j.autodiff.samediff";
        String before = System.getProperty(key);
        try {
            System.clearProperty(key);
            Backbeat.configure();
            assertEquals("false", System.getProperty(key));
            System.setProperty(key, "true");
            Backbeat.configure();
            assertEquals("true", System.getProperty(key));
        } finally {
            System.setProperty(key, before);
        }
    }
}
