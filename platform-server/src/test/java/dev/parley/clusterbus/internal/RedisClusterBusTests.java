package dev.parley.clusterbus.internal;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterBusProperties;
import dev.parley.clusterbus.ClusterEvent;
import dev.parley.clusterbus.SlowSubscriberException;
import dev.parley.clusterbus.Topic;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.MessagesRead;
import dev.parley.testing.RedisServer;
import dev.parley.testing.TcpProxy;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.test.StepVerifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

/**
 * Two nodes' buses on a private redis-server: delivery across nodes by topic, readiness, echo
 * suppression, and recovery from a killed subscription connection and from Redis being down.
 */
class RedisClusterBusTests {

    static final Duration WAIT = Duration.ofSeconds(20);

    static RedisServer redis;
    static RedisClusterBus nodeA;
    static RedisClusterBus nodeB;
    static final List<Object> listenedOnA = new CopyOnWriteArrayList<>();
    static final List<Object> listenedOnB = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() {
        assumeThat(RedisServer.installed() || TestBackend.servicesRequired()).as("redis-server is not installed").isTrue();
        redis = RedisServer.start();
        nodeA = bus(listenedOnA::add);
        nodeB = bus(listenedOnB::add);
    }

    @AfterAll
    static void stop() {
        for (RedisClusterBus bus : new RedisClusterBus[] {nodeA, nodeB}) {
            if (bus != null) {
                bus.stop();
            }
        }
        if (redis != null) {
            redis.close();
        }
    }

    static RedisClusterBus bus(org.springframework.context.ApplicationEventPublisher listeners) {
        return bus(redis.url(), listeners);
    }

    static RedisClusterBus bus(String url, org.springframework.context.ApplicationEventPublisher listeners) {
        ClusterBusProperties properties = new ClusterBusProperties(url, "test:", Duration.ofSeconds(1), Duration.ofMillis(50),
                Duration.ofMillis(500), Duration.ofSeconds(1), 1_000, 65_536);
        RedisClusterBus bus = new RedisClusterBus(properties, EventCodec.scanning("dev.parley", 65_536), listeners);
        bus.start();
        return bus;
    }

    static MessagesRead read(String conversationId, long n) {
        return new MessagesRead("acct-1", conversationId, AuthorKind.VISITOR, n);
    }

    @Test
    void anEventReachesSubscribersOnBothNodesOnceAndOnlyThoseOfItsTopics() {
        String conversation = "c-" + System.nanoTime();
        Topic topic = Topic.conversation(conversation);
        List<ClusterEvent> onA = new CopyOnWriteArrayList<>();
        List<ClusterEvent> onB = new CopyOnWriteArrayList<>();
        List<ClusterEvent> otherOnB = new CopyOnWriteArrayList<>();
        Disposable a = nodeA.subscribe(topic, 64).subscribe(onA::add);
        Disposable b = nodeB.subscribe(topic, 64).subscribe(onB::add);
        Disposable other = nodeB.subscribe(Topic.conversation("someone-else"), 64).subscribe(otherOnB::add);
        try {
            await().atMost(WAIT).until(() -> onA.contains(new BusReady(topic)) && onB.contains(new BusReady(topic)));
            nodeA.publish(read(conversation, 1)).block(WAIT);
            nodeB.publish(read(conversation, 2)).block(WAIT);
            await().atMost(WAIT).until(() -> onA.size() == 3 && onB.size() == 3);
            sleep(300);
            assertThat(onA).containsExactlyInAnyOrder(new BusReady(topic), read(conversation, 1), read(conversation, 2));
            assertThat(onB).containsExactlyInAnyOrder(new BusReady(topic), read(conversation, 1), read(conversation, 2));
            assertThat(onA.get(0)).isEqualTo(new BusReady(topic));
            assertThat(otherOnB).containsExactly(new BusReady(Topic.conversation("someone-else")));
            // Application listeners hear what happened on their own node, once: routing reacts where the change was made.
            assertThat(listenedOnA).contains(read(conversation, 1)).doesNotContain(read(conversation, 2));
            assertThat(listenedOnB).contains(read(conversation, 2)).doesNotContain(read(conversation, 1));
        }
        finally {
            a.dispose();
            b.dispose();
            other.dispose();
        }
        await().atMost(WAIT).until(() -> redis.shardSubscribers("test:" + topic.name()) == 0);
    }

    @Test
    void aBatchReachesLocalSubscribersBeforeItCompletesAndTheOtherNodeInOrder() {
        String first = "c-" + System.nanoTime();
        String second = first + "-2";
        List<ClusterEvent> localFirst = new CopyOnWriteArrayList<>();
        List<ClusterEvent> remoteFirst = new CopyOnWriteArrayList<>();
        List<ClusterEvent> remoteSecond = new CopyOnWriteArrayList<>();
        Disposable a = nodeA.subscribe(Topic.conversation(first), 256).subscribe(localFirst::add);
        Disposable b = nodeB.subscribe(Topic.conversation(first), 256).subscribe(remoteFirst::add);
        Disposable c = nodeB.subscribe(Topic.conversation(second), 256).subscribe(remoteSecond::add);
        try {
            await().atMost(WAIT).until(() -> localFirst.size() == 1 && remoteFirst.size() == 1 && remoteSecond.size() == 1);
            List<MessagesRead> batch = new java.util.ArrayList<>();
            for (int i = 1; i <= 100; i++) {
                batch.add(read(i % 2 == 0 ? second : first, i));
            }
            // Nothing is published after the batch: it reaches node B only if the batch itself was written out.
            nodeA.publishAll(batch).block(WAIT);
            assertThat(localFirst).hasSize(51);
            await().atMost(WAIT).until(() -> remoteFirst.size() == 51 && remoteSecond.size() == 51);
            assertThat(remoteFirst.subList(1, 51)).containsExactlyElementsOf(batch.stream().filter(e -> e.conversationId().equals(first)).toList());
            assertThat(remoteSecond.subList(1, 51)).containsExactlyElementsOf(batch.stream().filter(e -> e.conversationId().equals(second)).toList());
            assertThat(listenedOnA).containsAll(batch);
            assertThat(listenedOnB).doesNotContainAnyElementsOf(batch);
        }
        finally {
            a.dispose();
            b.dispose();
            c.dispose();
        }
    }

    @Test
    void aKilledSubscriptionConnectionComesBackAndSaysReadyAgain() {
        String conversation = "k-" + System.nanoTime();
        Topic topic = Topic.conversation(conversation);
        List<ClusterEvent> onB = new CopyOnWriteArrayList<>();
        Disposable b = nodeB.subscribe(topic, 64).subscribe(onB::add);
        try {
            await().atMost(WAIT).until(() -> onB.contains(new BusReady(topic)));
            assertThat(redis.killPubSubClients()).isGreaterThanOrEqualTo(1);
            await().atMost(WAIT).until(() -> onB.stream().filter(BusReady.class::isInstance).count() == 2);
            nodeA.publish(read(conversation, 7)).block(WAIT);
            await().atMost(WAIT).until(() -> onB.contains(read(conversation, 7)));
        }
        finally {
            b.dispose();
        }
    }

    @Test
    void publishingWhileRedisIsDownNeitherFailsNorBlocksAndDeliveryResumesAfterIt() {
        String conversation = "d-" + System.nanoTime();
        Topic topic = Topic.conversation(conversation);
        List<ClusterEvent> onA = new CopyOnWriteArrayList<>();
        List<ClusterEvent> onB = new CopyOnWriteArrayList<>();
        Disposable a = nodeA.subscribe(topic, 64).subscribe(onA::add);
        Disposable b = nodeB.subscribe(topic, 64).subscribe(onB::add);
        try {
            await().atMost(WAIT).until(() -> onA.contains(new BusReady(topic)) && onB.contains(new BusReady(topic)));
            redis.stop();
            StepVerifier.create(nodeA.publish(read(conversation, 1))).expectComplete().verify(Duration.ofSeconds(1));
            assertThat(onA).as("local subscribers do not need Redis").contains(read(conversation, 1));
            redis.restart();
            await().atMost(WAIT).until(() -> onB.stream().filter(BusReady.class::isInstance).count() == 2);
            nodeA.publish(read(conversation, 2)).block(WAIT);
            await().atMost(WAIT).until(() -> onB.contains(read(conversation, 2)));
            assertThat(nodeA.connected()).isTrue();
        }
        finally {
            a.dispose();
            b.dispose();
        }
    }

    /**
     * Only the publisher lost Redis: the subscriber's own connection never broke, so nothing but the
     * publisher can tell it that events went missing. Once it can publish again it does, and the
     * subscriber is ready again, which makes it catch up from the database.
     */
    @Test
    void eventsAPublisherCouldNotSendMakeTheirSubscribersCatchUpOnceItCanSendAgain() {
        String conversation = "p-" + System.nanoTime();
        Topic topic = Topic.conversation(conversation);
        List<ClusterEvent> onB = new CopyOnWriteArrayList<>();
        try (TcpProxy line = TcpProxy.to(redis.port())) {
            RedisClusterBus cutOff = bus("redis://127.0.0.1:" + line.port(), event -> { });
            Disposable b = nodeB.subscribe(topic, 64).subscribe(onB::add);
            try {
                await().atMost(WAIT).until(() -> onB.contains(new BusReady(topic)) && cutOff.connected());
                line.cut();
                cutOff.publish(read(conversation, 1)).block(WAIT);
                sleep(500);
                assertThat(onB).as("lost on the way, and B's own connection never broke").containsExactly(new BusReady(topic));
                line.heal();
                await().atMost(WAIT).until(() -> onB.stream().filter(BusReady.class::isInstance).count() == 2);
                cutOff.publish(read(conversation, 2)).block(WAIT);
                await().atMost(WAIT).until(() -> onB.contains(read(conversation, 2)));
                assertThat(onB).doesNotContain(read(conversation, 1));
            }
            finally {
                b.dispose();
                cutOff.stop();
            }
        }
    }

    @Test
    void aSubscriberThatFallsBehindItsBufferFailsInsteadOfGrowing() {
        Topic topic = Topic.conversation("slow-" + System.nanoTime());
        StepVerifier.create(nodeB.subscribe(topic, 16), 1)
                .expectNext(new BusReady(topic))
                .then(() -> {
                    for (int i = 0; i < 100; i++) {
                        nodeA.publish(read(topic.name().substring("conversation:".length()), i)).block(WAIT);
                    }
                })
                .expectError(SlowSubscriberException.class)
                .verify(WAIT);
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        }
        catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
