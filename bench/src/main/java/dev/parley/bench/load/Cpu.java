package dev.parley.bench.load;

import java.lang.management.ManagementFactory;

/** This process's own CPU time: the load generator reports what it used. */
final class Cpu {

    private Cpu() {
    }

    static long processNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
