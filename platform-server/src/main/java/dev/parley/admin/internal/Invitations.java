package dev.parley.admin.internal;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

import dev.parley.agent.Agent;
import dev.parley.agent.Agents;
import dev.parley.mail.MailException;
import dev.parley.mail.Mailer;
import dev.parley.mail.OutgoingMail;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.ParleyProperties;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Mono;

/**
 * Mails a new agent the link to choose their password. The token travels in the link's fragment
 * ({@code /console/#invitation=…}), which browsers never send to a server or in a Referer.
 */
@Component
class Invitations {

    private final Agents agents;
    private final Mailer mailer;
    private final ParleyProperties parley;
    private final Environment environment;

    Invitations(Agents agents, Mailer mailer, ParleyProperties parley, Environment environment) {
        this.agents = agents;
        this.mailer = mailer;
        this.parley = parley;
        this.environment = environment;
    }

    /** Fails with 409 {@code mail_unavailable} when no mail server is configured: the invitation could not reach anyone. */
    Mono<Void> available() {
        return mailer.enabled() ? Mono.empty()
                : Mono.error(ApiProblems.conflict("mail_unavailable", "Email is not set up here; create the agent with a password instead"));
    }

    Mono<Void> send(Agent agent, AgentPrincipal invitedBy) {
        String base = parley.publicUrl(environment.getProperty("local.server.port", Integer.class, 8080));
        return agents.invite(agent).flatMap(invitation -> {
            String link = base + "/console/#invitation=" + invitation.token();
            String until = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'").format(invitation.expiresAt().atOffset(ZoneOffset.UTC));
            String text = "Hello " + agent.displayName() + ",\n\n" + invitedBy.displayName()
                    + " invited you to answer chats with Parley. Choose your password here:\n\n" + link
                    + "\n\nThe link works once, until " + until + ". Then sign in with " + agent.email() + ".\n";
            return mailer.send(new OutgoingMail(agent.email(), "You are invited to Parley", text, null));
        }).onErrorMap(MailException.class, e -> ApiProblems.of(HttpStatus.BAD_GATEWAY, e.code(),
                "The agent was created, but the invitation mail could not be sent: " + e.getMessage()));
    }
}
