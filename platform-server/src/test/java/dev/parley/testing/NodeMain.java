package dev.parley.testing;

import dev.parley.ParleyApplication;
import org.springframework.boot.SpringApplication;

/**
 * Runs a Parley node in a JVM of its own, for tests that kill nodes for real. The node halts when
 * the JVM that started it is gone, so a killed or crashed test run leaves no node behind.
 */
public final class NodeMain {

    private NodeMain() {
    }

    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        SpringApplication.run(ParleyApplication.class, args);
    }
}
