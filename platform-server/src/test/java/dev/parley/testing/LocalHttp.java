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
     * A client for {@code http://127.0.0.1:port}, a connection per request. On reactor-netty 1.3.7 a
     * request on a kept-alive connection still stalled past 30 s twice in CI (a DELETE right after a
     * PUT answered on the same connection; reactor-netty #4188 / #4361, which 1.3.7 was to fix), so
     * these tests of what an API answers do not reuse connections; the stall itself is a transport
     * issue tracked apart from them.
     */
    public static WebTestClient to(int port) {
        return WebTestClient.bindToServer().baseUrl("http://127.0.0.1:" + port)
                .defaultHeader(org.springframework.http.HttpHeaders.CONNECTION, "close")
                .responseTimeout(RESPONSE_TIMEOUT).build();
    }
}
