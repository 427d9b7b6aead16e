package dev.parley.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A loopback TCP proxy that can cut the line: {@link #cut} resets every connection through it and
 * refuses new ones, as a network outage or a dead server does; {@link #heal} lets them through
 * again. Two threads per connection: for a test's few dozen connections. Test code.
 */
public final class TcpProxy implements AutoCloseable {

    private final int port;
    private final int targetPort;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile ServerSocket listener;
    private volatile boolean closed;

    private TcpProxy(int port, int targetPort) {
        this.port = port;
        this.targetPort = targetPort;
    }

    public static TcpProxy to(int targetPort) {
        try {
            TcpProxy proxy = new TcpProxy(RedisServer.freePort(), targetPort);
            proxy.heal();
            return proxy;
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return port;
    }

    /** Resets every connection and refuses new ones until {@link #heal}. */
    public synchronized void cut() {
        ServerSocket current = listener;
        listener = null;
        if (current != null) {
            quietly(current::close);
        }
        for (Socket socket : open) {
            reset(socket);
        }
    }

    /** Accepts and forwards connections again. */
    public synchronized void heal() {
        if (listener != null || closed) {
            return;
        }
        try {
            ServerSocket server = new ServerSocket();
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress("127.0.0.1", port), 200);
            listener = server;
            Thread acceptor = new Thread(() -> accept(server), "proxy-accept-" + port);
            acceptor.setDaemon(true);
            acceptor.start();
        }
        catch (IOException e) {
            throw new IllegalStateException("Cannot listen on " + port, e);
        }
    }

    public int connections() {
        return open.size() / 2;
    }

    private void accept(ServerSocket server) {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket();
                try {
                    upstream.connect(new InetSocketAddress("127.0.0.1", targetPort), 5_000);
                }
                catch (IOException refused) {
                    reset(client);
                    continue;
                }
                for (Socket s : new Socket[] {client, upstream}) {
                    s.setTcpNoDelay(true);
                    open.add(s);
                }
                pump(client, upstream);
                pump(upstream, client);
            }
            catch (IOException e) {
                // The listener was closed by cut() or close().
            }
        }
    }

    private void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            byte[] buffer = new byte[16_384];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    out.write(buffer, 0, n);
                    out.flush();
                }
            }
            catch (IOException ended) {
                // One side went away; the other follows below.
            }
            finally {
                open.remove(from);
                open.remove(to);
                quietly(from::close);
                quietly(to::close);
            }
        }, "proxy-pump-" + port);
        thread.setDaemon(true);
        thread.start();
    }

    private void reset(Socket socket) {
        open.remove(socket);
        quietly(() -> socket.setSoLinger(true, 0));
        quietly(socket::close);
    }

    @Override
    public void close() {
        closed = true;
        cut();
    }

    private interface Action {
        void run() throws IOException;
    }

    private static void quietly(Action action) {
        try {
            action.run();
        }
        catch (IOException ignored) {
            // Closing what is already broken.
        }
    }
}
