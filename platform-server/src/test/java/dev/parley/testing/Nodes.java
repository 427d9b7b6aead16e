package dev.parley.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.ParleyApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** Starts whole Parley nodes in this JVM, on a random port each, sharing the backend they are given. */
public final class Nodes {

    private Nodes() {
    }

    /**
     * Everything is passed as a command-line argument, which outranks application.yml (builder
     * "properties" are only defaults, below it). The port is random unless {@code properties} names
     * one ({@code server.port=8123}), as a test that restarts a node at the same address does.
     */
    public static ConfigurableApplicationContext start(Map<String, Object> backend, String... properties) {
        List<String> args = new ArrayList<>();
        backend.forEach((name, value) -> args.add("--" + name + "=" + value));
        // A repeated option would reach Spring as "0,8123", which is no port.
        if (java.util.Arrays.stream(properties).noneMatch(p -> p.startsWith("server.port="))) {
            args.add("--server.port=0");
        }
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
    }
}
