package dev.parley.visitorgateway;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.conversation.Author;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.PostCommand;
import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.LocalHttp;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetSessions;
import dev.parley.visitor.Visitor;
import dev.parley.visitor.Visitors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.http.MediaType;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.web.reactive.server.WebTestClient;
import reactor.core.publisher.Flux;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/** The widget's REST calls: origin checks first, then what a visitor session holds and never reveals. */
@ParleyIntegrationTest
class WidgetApiTests {

    static final Duration WAIT = Duration.ofSeconds(10);
    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    DatabaseClient db;

    WebTestClient http;
    Site site;

    @BeforeEach
    void setUp() {
        http = LocalHttp.to(port);
        Fixtures fixtures = new Fixtures(context);
        site = fixtures.site(fixtures.account("Acme"), ORIGIN);
    }

    @Test
    void aForeignOrMissingOriginIsRefusedWithAProblem() {
        for (String origin : new String[] {"https://evil.example", "null"}) {
            http.post().uri("/api/v1/widget/sessions").header("Origin", origin)
                    .bodyValue(Map.of("siteKey", site.siteKey()))
                    .exchange()
                    .expectStatus().isForbidden()
                    .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                    .expectBody().jsonPath("$.code").isEqualTo("origin_not_allowed").jsonPath("$.status").isEqualTo(403);
        }
        http.post().uri("/api/v1/widget/sessions").bodyValue(Map.of("siteKey", site.siteKey()))
                .exchange().expectStatus().isForbidden();
    }

    @Test
    void anUnknownSiteKeyIsNotFoundAndAMissingOneIsABadRequest() {
        http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).bodyValue(Map.of("siteKey", "nope"))
                .exchange().expectStatus().isNotFound()
                .expectBody().jsonPath("$.code").isEqualTo("site_not_found");
        http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).bodyValue(Map.of("token", "x"))
                .exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON);
        http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"siteKey\": [1, 2").exchange().expectStatus().isBadRequest()
                .expectBody(String.class).value(body -> assertThat(body).doesNotContain("Exception", "dev.parley"));
    }

    @Test
    void historyNeedsAVisitorToken() {
        http.get().uri("/api/v1/widget/conversations/{id}/messages", "01ARZ3NDEKTSV4RRFFQ69G5FAV").header("Origin", ORIGIN)
                .exchange().expectStatus().isUnauthorized()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_token");
        http.get().uri("/api/v1/widget/conversations/{id}/messages", "01ARZ3NDEKTSV4RRFFQ69G5FAV").header("Origin", ORIGIN)
                .header("Authorization", "Bearer forged").exchange().expectStatus().isUnauthorized();
    }

    @Test
    void inputThatCannotBeReadIsABadRequestWithACode() {
        http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).contentType(MediaType.APPLICATION_JSON)
                .bodyValue("not json").exchange().expectStatus().isBadRequest()
                .expectHeader().contentTypeCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)
                .expectBody().jsonPath("$.code").isEqualTo("invalid_request");
        http.get().uri("/api/v1/widget/conversations/{id}/messages?limit=many", "01ARZ3NDEKTSV4RRFFQ69G5FAV").header("Origin", ORIGIN)
                .exchange().expectStatus().isBadRequest()
                .expectBody().jsonPath("$.code").isEqualTo("invalid_field").jsonPath("$.field").isEqualTo("limit");
    }

    @Test
    void aFullPageOfHistorySaysOlderMessagesAreLeftAndTheNextPageHasThem() {
        WidgetSessions.Chat chat = WidgetSessions.chat(http, port, site.siteKey(), ORIGIN);
        Conversations conversations = context.getBean(Conversations.class);
        Author visitor = Author.visitor(conversations.find(chat.conversationId()).block(WAIT).visitorId(), null);
        Flux.range(1, 105)
                .concatMap(i -> conversations.post(PostCommand.text(chat.conversationId(), "m-" + i, visitor, "message " + i)))
                .blockLast(WAIT);

        // The largest page a visitor may ask for: one more message than it holds must not be cut off.
        JsonNode newest = history(chat, "limit=100");
        assertThat(newest.path("messages").size()).isEqualTo(100);
        assertThat(newest.path("hasMore").asBoolean()).isTrue();
        JsonNode older = history(chat, "limit=100&beforeSeq=" + newest.path("messages").get(0).path("seq").asLong());
        assertThat(older.path("hasMore").asBoolean()).isFalse();

        List<String> bodies = new java.util.ArrayList<>(older.path("messages").findValuesAsString("body"));
        bodies.addAll(newest.path("messages").findValuesAsString("body"));
        assertThat(bodies.stream().filter(body -> body.startsWith("message ")))
                .containsExactlyElementsOf(java.util.stream.IntStream.rangeClosed(1, 105).mapToObj(i -> "message " + i).toList());
    }

    @Test
    void aNewBrowserGetsATokenOnceAndAReturningOneIsRecognisedWithoutItBeingEchoed() {
        JsonNode first = session(Map.of("siteKey", site.siteKey(), "pageUrl", "https://shop.example/pricing",
                "referrer", "https://search.example/?q=shoes", "locale", "de-DE"));
        String token = first.path("token").asString();
        assertThat(token).matches("[A-Za-z0-9_-]{43}");
        String visitorId = first.path("visitor").path("id").asString();
        assertThat(first.path("site").path("name").asString()).isEqualTo("Shop");
        assertThat(first.path("site").has("identitySecret")).isFalse();
        assertThat(first.path("limits").path("maxMessageLength").asInt()).isEqualTo(5000);

        JsonNode again = session(Map.of("siteKey", site.siteKey(), "token", token, "pageUrl", "https://shop.example/cart"));
        assertThat(again.path("visitor").path("id").asString()).isEqualTo(visitorId);
        assertThat(again.has("token")).as("a presented token is never sent back").isFalse();
        assertThat(again.toString()).doesNotContain(token);

        JsonNode stranger = session(Map.of("siteKey", site.siteKey(), "token", "made-up"));
        assertThat(stranger.path("visitor").path("id").asString()).isNotEqualTo(visitorId);
        assertThat(stranger.path("token").asString()).isNotEqualTo(token).hasSize(43);

        Visitor visitor = context.getBean(Visitors.class).find(site.accountId(), visitorId).block(WAIT);
        assertThat(visitor.locale()).isEqualTo("de-DE");
        assertThat(visitor.currentUrl()).isEqualTo("https://shop.example/cart");
        assertThat(visitor.referrer()).isEqualTo("https://search.example/?q=shoes");
        assertThat(visitor.userAgent()).isNotBlank();
    }

    @Test
    void onlyTheTokensHashIsStored() {
        String token = session(Map.of("siteKey", site.siteKey())).path("token").asString();
        List<String> hashes = db.sql("SELECT token_hash FROM visitor_tokens").map(row -> row.get("token_hash", String.class))
                .all().collectList().block(WAIT);
        assertThat(hashes).isNotEmpty().doesNotContain(token).allMatch(hash -> hash.matches("[0-9a-f]{64}"));
        String everything = db.sql("SELECT * FROM visitors").fetch().all().collectList().block(WAIT).toString();
        assertThat(everything).doesNotContain(token);
    }

    @Test
    void preflightsFromCustomersPagesAreAnswered() {
        http.options().uri("/api/v1/widget/sessions")
                .header("Origin", ORIGIN)
                .header("Access-Control-Request-Method", "POST")
                .header("Access-Control-Request-Headers", "content-type")
                .exchange()
                .expectStatus().isOk()
                .expectHeader().valueEquals("Access-Control-Allow-Origin", ORIGIN)
                .expectHeader().doesNotExist("Access-Control-Allow-Credentials");
    }

    private JsonNode history(WidgetSessions.Chat chat, String query) {
        return http.get().uri("/api/v1/widget/conversations/" + chat.conversationId() + "/messages?" + query)
                .header("Origin", ORIGIN).header("Authorization", "Bearer " + chat.token())
                .exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }

    private JsonNode session(Map<String, String> body) {
        return http.post().uri("/api/v1/widget/sessions").header("Origin", ORIGIN).header("User-Agent", "Mozilla/5.0 Test")
                .bodyValue(body).exchange().expectStatus().isOk()
                .expectBody(JsonNode.class).returnResult().getResponseBody();
    }
}
