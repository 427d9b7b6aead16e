package dev.parley.testing;

import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.internet.MimeMessage;
import org.springframework.test.context.DynamicPropertyRegistry;

/** A real SMTP server (GreenMail) on a free loopback port, for tests that read what Parley mailed. */
public final class MailServer {

    private final GreenMail greenMail;
    private final int port;

    public MailServer() {
        this.port = freePort();
        this.greenMail = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        greenMail.start();
    }

    /** Points Parley's mail at this server. */
    public void register(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
        registry.add("parley.mail.from", () -> "Parley Test <support@example.test>");
    }

    /** The settings of {@link #register} as {@code key=value} pairs, for a node of {@code Nodes.start}. */
    public String[] properties() {
        return new String[] {"spring.mail.host=127.0.0.1", "spring.mail.port=" + port, "parley.mail.from=Parley Test <support@example.test>"};
    }

    /** Waits (at most 10 s) until {@code count} mails in all arrived; returns every mail received. */
    public MimeMessage[] await(int count) {
        if (!greenMail.waitForIncomingEmail(Duration.ofSeconds(10).toMillis(), count)) {
            throw new AssertionError("Expected " + count + " mails, got " + greenMail.getReceivedMessages().length);
        }
        return greenMail.getReceivedMessages();
    }

    public MimeMessage[] received() {
        return greenMail.getReceivedMessages();
    }

    public void stop() {
        greenMail.stop();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
        catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
