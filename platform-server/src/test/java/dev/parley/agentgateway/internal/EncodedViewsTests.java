package dev.parley.agentgateway.internal;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.Topic;
import dev.parley.routing.ConversationAssigned;
import dev.parley.routing.ConversationPending;
import dev.parley.routing.ConversationRequeued;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class EncodedViewsTests {

    private final EncodedViews views = new EncodedViews(JsonMapper.builder().build());

    @Test
    void anEventIsEncodedOnceForEveryConsoleThatReceivesIt() {
        ConversationPending event = new ConversationPending("acct-1", "conv-1", "no_agents");

        byte[] first = views.of(event);

        assertThat(new String(first, StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"conversation.pending\",\"conversationId\":\"conv-1\",\"reason\":\"no_agents\"}");
        assertThat(views.of(event)).isSameAs(first);
    }

    @Test
    void anotherEventWithTheSameContentIsEncodedForItself() {
        byte[] first = views.of(new ConversationPending("acct-1", "conv-1", "no_agents"));
        byte[] second = views.of(new ConversationPending("acct-1", "conv-1", "no_agents"));

        assertThat(second).isNotSameAs(first).isEqualTo(first);
    }

    @Test
    void eventsTheConsoleIsNotToldAboutHaveNoFrame() {
        assertThat(views.of(new dev.parley.routing.QueuePositionChanged("acct-1", "conv-1", 3, 60L))).isNull();
        assertThat(new String(views.of(new BusReady(Topic.account("acct-1"))), StandardCharsets.UTF_8))
                .isEqualTo("{\"type\":\"inbox.ready\"}");
    }

    @Test
    void routingEventsCarryTheirTimeSoAConsoleCanDropOneThatArrivedLate() {
        Instant at = Instant.parse("2026-11-23T08:20:00.000900Z");

        assertThat(new String(views.of(new ConversationAssigned("acct-1", "conv-1", "agent-1", "Alice", null, "routing", at)),
                StandardCharsets.UTF_8)).contains("\"assignedAt\":\"2026-11-23T08:20:00.000900Z\"");
        assertThat(new String(views.of(new ConversationRequeued("acct-1", "conv-1", "agent-1", "agent_offline", at)),
                StandardCharsets.UTF_8)).contains("\"at\":\"2026-11-23T08:20:00.000900Z\"");
    }
}
