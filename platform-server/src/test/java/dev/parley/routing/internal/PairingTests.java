package dev.parley.routing.internal;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import dev.parley.routing.QueueSettings;
import dev.parley.routing.RoutingPolicy;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** Each policy's choice on constructed scenarios. */
class PairingTests {

    static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void roundRobinGivesTheNextChatToWhoeverWaitedLongestSinceTheirLast() {
        List<Candidate> agents = List.of(agent("ann", ago(10)), agent("bob", ago(60)), agent("cy", null));
        List<Pairing.Match> matches = Pairing.pair(queue(4), agents, Map.of(), site(RoutingPolicy.ROUND_ROBIN, 3), NOW);
        // Never assigned first, then the longest waiting, then around again.
        assertThat(matches).extracting(m -> m.agent().id()).containsExactly("cy", "bob", "ann", "cy");
        assertThat(matches).extracting(m -> m.conversation().id()).containsExactly("c0", "c1", "c2", "c3");
    }

    @Test
    void leastBusyPrefersFewestChatsAndBreaksTiesByLongestWaiting() {
        List<Candidate> agents = List.of(agent("ann", ago(5)), agent("bob", ago(50)), agent("cy", ago(20)));
        Map<String, Integer> loads = Map.of("ann", 0, "bob", 2, "cy", 0);
        List<Pairing.Match> matches = Pairing.pair(queue(4), agents, loads, site(RoutingPolicy.LEAST_BUSY, 3), NOW);
        // ann and cy both hold none: cy waited longer. Then ann holds none. Then both hold one and cy's was earlier.
        assertThat(matches).extracting(m -> m.agent().id()).containsExactly("cy", "ann", "cy", "ann");
    }

    @Test
    void nobodyGoesAboveCapacityAndTheRestWaitInOrder() {
        List<Candidate> agents = List.of(agent("ann", null), agent("bob", null));
        List<Pairing.Match> matches = Pairing.pair(queue(6), agents, Map.of("ann", 1), site(RoutingPolicy.ROUND_ROBIN, 2), NOW);
        assertThat(matches).hasSize(3);
        assertThat(matches).extracting(m -> m.conversation().id()).containsExactly("c0", "c1", "c2");
        assertThat(matches).filteredOn(m -> m.agent().id().equals("ann")).hasSize(1);
        assertThat(matches).filteredOn(m -> m.agent().id().equals("bob")).hasSize(2);
    }

    @Test
    void aTeamsConversationWaitsForItsTeamWhileYoungerOnesOthersMayTakeGoAhead() {
        List<Candidate> agents = List.of(new Candidate("ann", "ann", null, null, Set.of("sales")), agent("bob", null));
        List<Waiting> queue = List.of(waiting("billing-chat", "billing", null), waiting("c1", null, null), waiting("sales-chat", "sales", null));
        List<Pairing.Match> matches = Pairing.pair(queue, agents, Map.of("ann", 0, "bob", 0), site(RoutingPolicy.ROUND_ROBIN, 1), NOW);
        // Nobody is in billing, so younger c1 goes first; sales-chat waits for ann, the only sales agent, who is now full.
        assertThat(matches).extracting(m -> m.conversation().id() + "->" + m.agent().id()).containsExactly("c1->ann");
    }

    @Test
    void teamRulesHoldEvenWhenTheOnlyFreeAgentIsOutside() {
        List<Candidate> agents = List.of(new Candidate("ann", "ann", null, null, Set.of("sales")), agent("bob", null));
        List<Waiting> queue = List.of(waiting("sales-chat", "sales", null));
        List<Pairing.Match> matches = Pairing.pair(queue, agents, Map.of("ann", 1), site(RoutingPolicy.ROUND_ROBIN, 1), NOW);
        assertThat(matches).isEmpty();
    }

    @Test
    void anAgentWhoLetAChatTimeOutIsOfferedItLast() {
        List<Candidate> agents = List.of(agent("ann", null), agent("bob", NOW));
        List<Pairing.Match> matches = Pairing.pair(List.of(waiting("c0", null, "ann")), agents, Map.of(), site(RoutingPolicy.ROUND_ROBIN, 3), NOW);
        assertThat(matches).extracting(m -> m.agent().id()).containsExactly("bob");
        // Alone, they get it back rather than leave the visitor waiting.
        assertThat(Pairing.pair(List.of(waiting("c0", null, "ann")), List.of(agent("ann", null)), Map.of(), site(RoutingPolicy.ROUND_ROBIN, 3), NOW))
                .extracting(m -> m.agent().id()).containsExactly("ann");
    }

    @Test
    void manualSitesAreNeverAssignedAutomatically() {
        assertThat(Pairing.pair(queue(3), List.of(agent("ann", null)), Map.of(), site(RoutingPolicy.MANUAL, 3), NOW)).isEmpty();
    }

    @Test
    void aCapacityOverrideBeatsTheSitesMaximum() {
        Candidate busy = new Candidate("ann", "ann", 5, null, Set.of());
        assertThat(Pairing.pair(queue(6), List.of(busy), Map.of(), site(RoutingPolicy.ROUND_ROBIN, 1), NOW)).hasSize(5);
    }

    @Test
    void aChatQueuedAfterThePassReadTheClockIsNotAssignedBeforeItWasQueued() {
        Instant queuedLater = NOW.plusNanos(400_000);
        List<Waiting> queue = List.of(waiting("c0", null, null), new Waiting("late", "site", null, queuedLater, null),
                waiting("c2", null, null));

        List<Pairing.Match> matches = Pairing.pair(queue, List.of(agent("ann", null), agent("bob", null), agent("cy", null)), Map.of(),
                site(RoutingPolicy.ROUND_ROBIN, 3), NOW);

        assertThat(matches).extracting(Pairing.Match::assignedAt).containsExactly(NOW, queuedLater, queuedLater.plusNanos(1_000));
    }

    private static java.util.function.Function<String, QueueSettings> site(RoutingPolicy policy, int max) {
        return id -> new QueueSettings(id, policy, null, max, Duration.ofMinutes(5), null, null, null, null);
    }

    private static List<Waiting> queue(int n) {
        return java.util.stream.IntStream.range(0, n).mapToObj(i -> waiting("c" + i, null, null)).toList();
    }

    private static Waiting waiting(String id, String team, String passed) {
        return new Waiting(id, "site", team, NOW.minusSeconds(100), passed);
    }

    private static Candidate agent(String id, Instant lastAssigned) {
        return new Candidate(id, id, null, lastAssigned, Set.of());
    }

    private static Instant ago(int seconds) {
        return NOW.minusSeconds(seconds);
    }
}
