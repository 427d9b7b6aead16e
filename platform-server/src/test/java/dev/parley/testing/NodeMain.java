package dev.parley.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;

import dev.parley.ParleyApplication;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;

/**
 * Runs a Parley node in a JVM of its own, for tests that kill nodes for real. The node halts when
 * the JVM that started it is gone, so a killed or crashed test run leaves no node behind. Given
 * {@code --port-file=PATH}, it writes the port its web server bound there: a node started on port 0
 * cannot lose a port picked in advance to another process during its slow start.
 */
public final class NodeMain {

    static final String PORT_FILE = "--port-file=";

    private NodeMain() {
    }

    public static void main(String[] args) {
        ProcessHandle.current().parent().ifPresent(parent -> parent.onExit().thenRun(() -> Runtime.getRuntime().halt(3)));
        SpringApplication application = new SpringApplication(ParleyApplication.class);
        Arrays.stream(args).filter(arg -> arg.startsWith(PORT_FILE)).findFirst().map(arg -> Path.of(arg.substring(PORT_FILE.length())))
                .ifPresent(file -> application.addListeners((ApplicationListener<WebServerInitializedEvent>) event -> write(file,
                        event.getWebServer().getPort())));
        application.run(Arrays.stream(args).filter(arg -> !arg.startsWith(PORT_FILE)).toArray(String[]::new));
    }

    private static void write(Path file, int port) {
        try {
            Path partial = file.resolveSibling(file.getFileName() + ".partial");
            Files.writeString(partial, Integer.toString(port));
            Files.move(partial, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot write the port file " + file, e);
        }
    }
}
