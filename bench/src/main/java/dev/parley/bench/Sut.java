package dev.parley.bench;

import java.io.IOException;
import java.util.Map;

/** A system under test as the phases see it: how to reach it and how to read its resources. */
interface Sut {

    /** {@code parley}, {@code socketio} or {@code ws}: which client the load generator uses. */
    String client();

    /** Port, site key and origin for the load generator's commands. */
    Map<String, Object> target();

    long rssBytes();

    long heapAfterGcBytes() throws IOException, InterruptedException;

    /** Writes a class histogram of the heap to {@code file}, where the runtime has one; for finding what a connection costs. */
    default void histogram(java.nio.file.Path file) throws IOException, InterruptedException {
    }

    /** CPU seconds used so far by every process of the system (Parley with its MariaDB and Redis). */
    double cpuSeconds();

    /**
     * CPU seconds used so far by the server's own process: Parley's JVM without the MariaDB and
     * Redis it runs on, so a change in Parley's cost per message is not blurred by theirs; a relay
     * is one process, so the same as {@link #cpuSeconds}.
     */
    default double processCpuSeconds() {
        return cpuSeconds();
    }

    /**
     * CPU seconds the system's JIT compiler has used so far, where its threads can be told apart
     * (a JVM's C1 and C2 threads); 0 where they cannot, which ends the warm-up after one window.
     */
    default double compilerCpuSeconds() {
        return 0;
    }

    /** The server's metrics in Prometheus' text format, where it has them ({@link WriterTimes}); null otherwise. */
    default String metrics() throws IOException, InterruptedException {
        return null;
    }
}
