package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.MessageKind;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.RawSocket;
import dev.parley.testing.WidgetClient;
import dev.parley.testing.WidgetSessions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.web.reactive.server.WebTestClient;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** A visitor chatting over a real socket, and a hostile client trying to break it. */
@ParleyIntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class VisitorSocketTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    Conversations conversations;

    WebTestClient http;
    Site site;

    @BeforeEach
    void setUp() {
        http = LocalHttp.to(port);
        Fixtures fixtures = new Fixtures(context);
        site = fixtures.site(fixtures.account("Acme"), ORIGIN);
    }

    @Test
    void anOversizedFrameClosesTheSocketWith1009() throws Exception {
        try (RawSocket socket = new RawSocket(port, "/ws/visitor?site=" + site.siteKey(), ORIGIN, 65_536)) {
            socket.sendText("{\"type\":\"ping\",\"pad\":\"" + "x".repeat(65_537) + "\"}");
            assertThat(socket.readCloseCode()).isEqualTo(1009);
        }
    }

    @Test
    void anOversizedMessageInSmallFragmentsClosesTheSocketWith1009BeforeItIsBuffered() throws Exception {
        try (RawSocket socket = new RawSocket(port, "/ws/visitor?site=" + site.siteKey(), ORIGIN, 65_536)) {
            byte[] chunk = "x".repeat(16_384).getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            socket.sendFrame(false, 0x1, chunk);
            int code = -1;
            // 160 fragments would be 2.5 MB; the server must stop reading long before.
            for (int i = 0; i < 160; i++) {
                try {
                    socket.sendFrame(false, 0x0, chunk);
                }
                catch (java.io.IOException closed) {
                    break;
                }
            }
            code = socket.readCloseCode();
            assertThat(code).isEqualTo(1009);
        }
    }

    @Test
    void malformedDeepWrongTypedAndUnknownFramesGetErrorsAndNoServerErrorLog(CapturedOutput output) {
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send("{\"type\":\"hello\",");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("malformed_json");
            client.send("[".repeat(10_000) + "]".repeat(10_000));
            assertThat(client.await("error", WAIT).path("code").asString()).isIn("frame_too_complex", "invalid_frame");
            client.send("{\"type\":\"hello\",\"token\":" + "{\"a\":".repeat(10_000) + "1" + "}".repeat(10_000) + "}");
            assertThat(client.await("error", WAIT).path("code").asString()).isIn("frame_too_complex", "invalid_field");
            client.send("{\"type\":\"hello\",\"token\":{\"$regex\":\".*\"}}");
            JsonNode wrongType = client.await("error", WAIT);
            assertThat(wrongType.path("code").asString()).isEqualTo("invalid_field");
            assertThat(wrongType.path("message").asString()).contains("token").doesNotContain("dev.parley", "Exception");
            client.send("{\"type\":\"hello\",\"token\":12345}");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_field");
            client.send("{\"type\":\"subscribeAll\"}");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("unknown_type");
            client.send("{\"no\":\"type\"}");
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("invalid_frame");
            client.sendBinary(new byte[] {1, 2, 3});
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("unsupported_frame");

            // The socket still works for a well-behaved frame.
            client.send(Map.of("type", "hello", "token", token));
            assertThat(client.await("welcome", WAIT).path("visitorId").asString()).isNotEmpty();
        }
        assertThat(output.getOut()).doesNotContain(" ERROR ").doesNotContain("Exception");
    }

    @Test
    void repeatedProtocolErrorsCloseTheSocketWith1008() {
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            for (int i = 0; i < 10; i++) {
                client.send("not json " + i);
            }
            assertThat(client.closeCode(WAIT)).isEqualTo(1008);
        }
    }

    @Test
    void aVisitorStartsAChatSendsAndReceivesInOrder() {
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", token));
            JsonNode welcome = client.await("welcome", WAIT);
            assertThat(welcome.path("conversation").isMissingNode()).isTrue();

            client.send(Map.of("type", "start", "prechat", Map.of("email", "ann@example.com"), "clientMsgId", "c-1",
                    "body", "Hi, is the blue one in stock?"));
            String conversationId = client.await("started", WAIT).path("conversation").path("id").asString();
            JsonNode ack = client.await("ack", WAIT);
            assertThat(ack.path("clientMsgId").asString()).isEqualTo("c-1");
            assertThat(ack.path("seq").asLong()).isEqualTo(1);
            JsonNode own = client.await("message", WAIT);
            assertThat(own.path("body").asString()).isEqualTo("Hi, is the blue one in stock?");
            assertThat(own.path("author").path("kind").asString()).isEqualTo("visitor");

            Conversation conversation = conversations.find(conversationId).block(WAIT);
            assertThat(conversation.prechat()).containsEntry("email", "ann@example.com");
            conversations.post(PostCommand.text(conversationId, "a-1", Author.agent("01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice"),
                    "Yes, we have three left.")).block(WAIT);
            conversations.post(new PostCommand(conversationId, "a-2", Author.agent("01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice"),
                    MessageKind.NOTE, "Upsell the case", Map.of())).block(WAIT);
            conversations.typing(conversation, Author.agent("01ARZ3NDEKTSV4RRFFQ69G5FAV", "Alice"), true, null, false, 2).block(WAIT);

            JsonNode reply = client.await("message", WAIT);
            assertThat(reply.path("seq").asLong()).isEqualTo(2);
            assertThat(reply.path("author").path("name").asString()).isEqualTo("Alice");
            assertThat(reply.path("author").has("id")).isFalse();
            assertThat(client.nextExceptRouting(WAIT).path("type").asString()).as("the note is never delivered").isEqualTo("typing");

            client.send(Map.of("type", "send", "clientMsgId", "c-2", "body", "Great, thanks!"));
            assertThat(client.await("ack", WAIT).path("seq").asLong()).isEqualTo(4);
            client.send(Map.of("type", "send", "clientMsgId", "c-2", "body", "Great, thanks!"));
            JsonNode retry = client.await("ack", WAIT);
            assertThat(retry.path("seq").asLong()).isEqualTo(4);
            assertThat(retry.path("duplicate").asBoolean()).isTrue();

            client.send(Map.of("type", "read", "upToSeq", 2));
            client.send(Map.of("type", "pageView", "url", "https://shop.example/checkout", "title", "Checkout"));
            client.send(Map.of("type", "close"));
            assertThat(client.await("closed", WAIT).path("by").asString()).isEqualTo("visitor");
            client.send(Map.of("type", "send", "clientMsgId", "c-3", "body", "one more thing"));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("conversation_closed");
            assertThat(conversations.find(conversationId).block(WAIT).visitorReadSeq()).isEqualTo(2);
        }
    }

    @Test
    void messagesOverTheLengthLimitAreRefusedAndNothingIsStored() {
        String token = WidgetSessions.newToken(http, site.siteKey(), ORIGIN);
        try (WidgetClient client = WidgetClient.connect(port, site.siteKey(), ORIGIN)) {
            client.send(Map.of("type", "hello", "token", token));
            client.await("welcome", WAIT);
            client.send(Map.of("type", "start"));
            String id = client.await("started", WAIT).path("conversation").path("id").asString();
            client.send(Map.of("type", "send", "clientMsgId", "long", "body", "x".repeat(5_001)));
            JsonNode error = client.await("error", WAIT);
            assertThat(error.path("code").asString()).isEqualTo("message_too_long");
            assertThat(error.path("ref").asString()).isEqualTo("long");
            client.send(Map.of("type", "send", "clientMsgId", "blank", "body", "   "));
            assertThat(client.await("error", WAIT).path("code").asString()).isEqualTo("empty_message");
            client.send(Map.of("type", "send", "clientMsgId", "ok", "body", "x".repeat(5_000)));
            assertThat(client.await("ack", WAIT).path("seq").asLong()).isEqualTo(1);
            assertThat(conversations.find(id).block(WAIT).lastSeq()).isEqualTo(1);
        }
    }
}
