package dev.parley.testing;

import java.time.Duration;

import org.springframework.test.web.reactive.server.WebTestClient;

/** REST clients for a node the test started on loopback. */
public final class LocalHttp {

    /**
     * How long a response may take. Spring's 5 s default is made for mock servers: on a shared
     * 2-core CI box a real request behind a context start, a password hash or a GC pause of another
     * test's node once took longer, and a test of what an API answers must not fail on when.
     */
    static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(30);

    private LocalHttp() {
    }

    /**
     * A client for {@code http://127.0.0.1:port} reusing its connections, as browsers do (that a
     * kept-alive connection answers every request is KeptAliveConnectionTests' subject).
     */
    public static WebTestClient to(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(RESPONSE_TIMEOUT).build();
    }
}
