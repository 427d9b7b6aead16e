package dev.parley.mail;

import java.util.concurrent.RejectedExecutionException;

import jakarta.mail.MessagingException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.mail.MailException;
import org.springframework.mail.javamail.JavaMailSender;
import org.springframework.mail.javamail.MimeMessageHelper;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

/**
 * Sends mail through the configured SMTP server, off the event loop: each send runs on a bounded
 * scheduler of {@link MailProperties#maxConcurrentSends()} threads, and completes when the server
 * accepted the mail. Fails with {@link dev.parley.mail.MailException}; never blocks the caller.
 */
@Service
public class Mailer {

    private static final Logger log = LoggerFactory.getLogger(Mailer.class);

    private final ObjectProvider<JavaMailSender> sender;
    private final MailProperties properties;
    private final Scheduler scheduler;

    Mailer(ObjectProvider<JavaMailSender> sender, MailProperties properties) {
        this.sender = sender;
        this.properties = properties;
        this.scheduler = Schedulers.newBoundedElastic(properties.maxConcurrentSends(), properties.maxQueuedSends(), "parley-mail", 60, true);
    }

    /** Whether an SMTP server is configured ({@code spring.mail.host}). */
    public boolean enabled() {
        return sender.getIfAvailable() != null;
    }

    /** Whether {@code address} is one address Jakarta Mail would send to. */
    public static boolean validAddress(String address) {
        if (address == null || address.isBlank() || address.length() > 320) {
            return false;
        }
        try {
            InternetAddress parsed = new InternetAddress(address, true);
            return parsed.getAddress().equals(address.trim()) && parsed.getAddress().contains("@");
        }
        catch (jakarta.mail.internet.AddressException e) {
            return false;
        }
    }

    public Mono<Void> send(OutgoingMail mail) {
        JavaMailSender smtp = sender.getIfAvailable();
        if (smtp == null) {
            return Mono.error(new dev.parley.mail.MailException("mail_unavailable", "Email is not set up on this installation"));
        }
        if (!validAddress(mail.to())) {
            return Mono.error(new dev.parley.mail.MailException("invalid_address", "Not an email address"));
        }
        return Mono.<Void>fromRunnable(() -> deliver(smtp, mail))
                .subscribeOn(scheduler)
                .onErrorMap(RejectedExecutionException.class, busy -> new dev.parley.mail.MailException("mail_busy",
                        "Too many mails are waiting; try again later"));
    }

    private void deliver(JavaMailSender smtp, OutgoingMail mail) {
        try {
            MimeMessage message = smtp.createMimeMessage();
            MimeMessageHelper helper = new MimeMessageHelper(message, mail.html() != null, "UTF-8");
            helper.setFrom(properties.from());
            helper.setTo(mail.to());
            helper.setSubject(mail.subject());
            if (mail.html() != null) {
                helper.setText(mail.text(), mail.html());
            }
            else {
                helper.setText(mail.text());
            }
            smtp.send(message);
        }
        catch (MessagingException | MailException e) {
            log.warn("Sending a mail failed: {}", e.toString());
            throw new dev.parley.mail.MailException("mail_failed", "The mail server did not accept the mail");
        }
    }
}
