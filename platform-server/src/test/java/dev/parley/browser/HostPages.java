package dev.parley.browser;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import com.sun.net.httpserver.HttpServer;

/**
 * The customer's website: a second HTTP server on loopback, so its pages have another origin than
 * Parley, as on a real site, and load widget.js cross-origin. Pages are served with the headers
 * given, which is how a test sets a Content-Security-Policy.
 */
final class HostPages implements AutoCloseable {

    private record Page(String html, Map<String, String> headers) {
    }

    private final HttpServer server;
    private final Map<String, Page> pages = new ConcurrentHashMap<>();

    private HostPages(HttpServer server) {
        this.server = server;
    }

    static HostPages start() {
        try {
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            HostPages pages = new HostPages(server);
            server.createContext("/", exchange -> {
                Page page = pages.pages.get(exchange.getRequestURI().getPath());
                byte[] body = (page == null ? "not found" : page.html()).getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
                exchange.getResponseHeaders().set("Cache-Control", "no-store");
                if (page != null) {
                    page.headers().forEach(exchange.getResponseHeaders()::set);
                }
                exchange.sendResponseHeaders(page == null ? 404 : 200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(body);
                }
            });
            server.start();
            return pages;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** {@code http://127.0.0.1:port}: what the site must allow. */
    String origin() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Serves {@code html} at {@code path} with extra response headers; returns its URL. */
    String put(String path, String html, Map<String, String> headers) {
        pages.put(path, new Page(html, Map.copyOf(headers)));
        return origin() + path;
    }

    /**
     * A plain shop page with the install snippet for Parley at {@code parleyPort}. {@code head}
     * goes into the page's head; {@code withStub} adds the inline queueing stub, which a strict CSP
     * forbids.
     */
    static String shopPage(int parleyPort, String siteKey, String head, boolean withStub) {
        return "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>Shop</title>" + head + "</head><body>"
                + "<main><h1>Shop</h1><p>Blue shoes, 49 EUR.</p></main>"
                + (withStub ? "<script>window.Parley=window.Parley||function(){(Parley.q=Parley.q||[]).push(arguments)}</script>" : "")
                + "<script async src=\"http://127.0.0.1:" + parleyPort + "/widget.js\" data-site=\"" + siteKey + "\"></script>"
                + "</body></html>";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
