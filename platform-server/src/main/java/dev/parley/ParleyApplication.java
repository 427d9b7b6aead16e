package dev.parley;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/** Parley: self-hosted customer-service live chat. */
@SpringBootApplication
@ConfigurationPropertiesScan
public class ParleyApplication {

    /** Reactor Netty's setting for how many event loops each of its loop groups (HTTP, database driver) runs. */
    static final String IO_WORKER_COUNT = "reactor.netty.ioWorkerCount";

    public static void main(String[] args) {
        ioWorkers(Runtime.getRuntime().availableProcessors());
        SpringApplication.run(ParleyApplication.class, args);
    }

    /**
     * One event loop per core for HTTP and one per core for the database driver, unless the
     * operator set {@value #IO_WORKER_COUNT}. Reactor Netty's own default is at least four per
     * group, eight threads that never block competing for two cores on a small server: measured
     * side by side on two cores, one per core used 12 to 18 % less CPU for the same 500 msg/s with
     * a lower p99 (docs/performance.md, thirteenth round). At least two, so one loop can run while
     * the other waits on a system call. Must run before any Reactor Netty class is loaded: the
     * value is read once.
     */
    static void ioWorkers(int cores) {
        if (System.getProperty(IO_WORKER_COUNT) == null) {
            System.setProperty(IO_WORKER_COUNT, Integer.toString(Math.max(2, cores)));
        }
    }
}
