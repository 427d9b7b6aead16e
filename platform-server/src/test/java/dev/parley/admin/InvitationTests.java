package dev.parley.admin;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.icegreen.greenmail.util.GreenMailUtil;
import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.MailServer;
import dev.parley.testing.ParleyIntegrationTest;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

import static dev.parley.testing.AdminHttp.ok;
import static org.assertj.core.api.Assertions.assertThat;

/** An invited agent gets a mail, chooses a password with its link once, and signs in. */
@ParleyIntegrationTest
class InvitationTests {

    static final MailServer mail = new MailServer();

    @DynamicPropertySource
    static void mail(DynamicPropertyRegistry registry) {
        mail.register(registry);
    }

    @AfterAll
    static void stop() {
        mail.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void anInvitedAgentChoosesTheirPasswordOnceAndSignsIn() throws Exception {
        WebTestClient http = AdminHttp.http(port);
        Account account = new Fixtures(context).account("Acme");
        String admin = AdminHttp.token(http, AdminHttp.agent(context, account.id(), Role.ADMIN, "Ada"));
        ok(http.post().uri("/api/v1/admin/agents").header("Authorization", "Bearer " + admin).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"email\": \"carol@example.test\", \"displayName\": \"Carol\", \"role\": \"AGENT\", \"invite\": true}"));

        MimeMessage invitation = mail.await(1)[0];
        assertThat(invitation.getAllRecipients()[0].toString()).isEqualTo("carol@example.test");
        assertThat(invitation.getFrom()[0].toString()).contains("support@example.test");
        String body = GreenMailUtil.getBody(invitation);
        assertThat(body).contains("Ada invited you");
        Matcher link = Pattern.compile("http://localhost:\\d+/console/#invitation=([A-Za-z0-9_-]{43})").matcher(body);
        assertThat(link.find()).isTrue();
        String token = link.group(1);

        // No password yet: signing in fails like any wrong password.
        http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", "carol@example.test", "password", "chosen by carol"))
                .exchange().expectStatus().isUnauthorized();
        http.post().uri("/api/v1/auth/invitations/accept").bodyValue(Map.of("token", token, "password", "short"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.field").isEqualTo("password");
        http.post().uri("/api/v1/auth/invitations/accept").bodyValue(Map.of("token", token, "password", "chosen by carol"))
                .exchange().expectStatus().isNoContent();
        http.post().uri("/api/v1/auth/login").bodyValue(Map.of("email", "carol@example.test", "password", "chosen by carol"))
                .exchange().expectStatus().isOk();
        // Once only.
        http.post().uri("/api/v1/auth/invitations/accept").bodyValue(Map.of("token", token, "password", "another password"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_invitation");
        http.post().uri("/api/v1/auth/invitations/accept").bodyValue(Map.of("token", "forged", "password", "another password"))
                .exchange().expectStatus().isBadRequest().expectBody().jsonPath("$.code").isEqualTo("invalid_invitation");
    }
}
