package org.backbeat;

import org.backbeat.memory.OpenBlasCore;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Runs once, before any test class loads, in the one JVM the suite runs in: tests that make ND4J
 * arrays themselves would otherwise load OpenBLAS before the classes that configure it
 * ({@link OpenBlasCore}), and on a CPU newer than OpenBLAS the whole suite's products would run
 * on its SSE3 kernels.
 */
public final class NativeSetup implements LauncherSessionListener {

    @Override
    public void launcherSessionOpened(LauncherSession session) {
        OpenBlasCore.configure();
    }
}
