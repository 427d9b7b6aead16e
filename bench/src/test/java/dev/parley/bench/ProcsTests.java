package dev.parley.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ProcsTests {

    @Test
    void threadCpuCountsTheNamedThreadsOnly() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        CountDownLatch spun = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Thread busy = new Thread(() -> {
            // Until this thread itself has used 0.3 s of CPU (at most 20 s), however busy the machine is.
            long deadline = System.nanoTime() + 20_000_000_000L;
            while (threads.getCurrentThreadCpuTime() < 300_000_000L && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            spun.countDown();
            try {
                release.await();
            }
            catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "bench-spinner-1");
        busy.start();
        try {
            spun.await();
            long pid = ProcessHandle.current().pid();

            assertThat(Procs.threadCpuSeconds(pid, List.of("bench-spinner"))).isGreaterThanOrEqualTo(0.25);
            assertThat(Procs.threadCpuSeconds(pid, List.of("no such thread"))).isZero();
        }
        finally {
            release.countDown();
            busy.join();
        }
    }
}
