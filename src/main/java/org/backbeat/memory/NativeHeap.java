package org.backbeat.memory;

import java.util.Optional;

/**
 * Gives the memory that the C allocator holds free back to the operating system: glibc's
 * {@code malloc_trim(0)}, through the JVM's own {@code System.trim_native_heap} diagnostic command
 * (JDK 17.0.9 and later; the same call {@code -XX:TrimNativeHeapInterval} makes periodically).
 *
 * <p>Why: ND4J allocates every array's buffer with {@code malloc} and frees it with {@code free}.
 * A training step allocates and frees thousands of buffers of many sizes, and glibc keeps freed
 * chunks in its arenas for reuse instead of returning the pages: on the tiny hierarchical training
 * benchmark, after 500 steps, malloc had 149 MB from the system of which 72 MB were in use, and one
 * trim took the process's native memory from 255 to 196 MB (docs/benchmarks.md). A trim now and
 * then keeps the resident size near what is really in use.
 */
public final class NativeHeap {

    private NativeHeap() {
    }

    /**
     * Trims the native heap; returns the JVM's report (e.g. {@code "Trim native heap: RSS+Swap:
     * 480M->411M (-70372K)"}), or empty where this JVM has no such command. On a C library without
     * {@code malloc_trim} (not glibc) the JVM reports that it is not available and nothing happens.
     */
    public static Optional<String> trim() {
        return DiagnosticCommand.run("systemTrimNativeHeap").map(String::strip);
    }
}
