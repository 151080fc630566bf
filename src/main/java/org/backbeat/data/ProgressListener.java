package org.backbeat.data;

/** Progress of a long job: {@code done} of {@code total} units, and what is being done. */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = (done, total, what) -> { };

    void progress(long done, long total, String what);
}
