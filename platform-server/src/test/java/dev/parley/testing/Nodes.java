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
     * "properties" are only defaults, below it).
     */
    public static ConfigurableApplicationContext start(Map<String, Object> backend, String... properties) {
        List<String> args = new ArrayList<>();
        backend.forEach((name, value) -> args.add("--" + name + "=" + value));
        args.add("--server.port=0");
        for (String property : properties) {
            args.add("--" + property);
        }
        return new SpringApplicationBuilder(ParleyApplication.class).run(args.toArray(String[]::new));
    }
}
