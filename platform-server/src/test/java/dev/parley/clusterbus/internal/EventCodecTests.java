package dev.parley.clusterbus.internal;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import dev.parley.clusterbus.ClusterEvent;
import dev.parley.conversation.AuthorKind;
import dev.parley.conversation.MessagesRead;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The wire form of events: every event type survives it, and nothing but an event type comes out of it. */
class EventCodecTests {

    static final EventCodec CODEC = EventCodec.scanning("dev.parley", 65_536);

    @Test
    void everyPublishedEventTypeIsKnownByItsSimpleName() {
        assertThat(CODEC.types().keySet()).contains("MessagePosted", "ConversationOpened", "ConversationClosed", "ConversationReopened",
                "ConversationRated", "MessagesRead", "TypingChanged", "ConversationAssigned", "ConversationRequeued", "ConversationPending",
                "QueuePositionChanged", "QueueSettingsChanged", "AgentStatusChanged", "VisitorNavigated", "VisitorBanned", "SessionRevoked")
                .doesNotContain("BusReady");
    }

    @Test
    void everyEventTypeRoundTripsWithEveryField() {
        for (Class<? extends ClusterEvent> type : CODEC.types().values()) {
            ClusterEvent event = (ClusterEvent) sample(type);
            String wire = CODEC.encode("node-1", event);
            assertThat(wire).as(type.getSimpleName()).isNotNull();
            EventCodec.Decoded decoded = CODEC.decode(wire);
            assertThat(decoded).as(type.getSimpleName()).isNotNull();
            assertThat(decoded.node()).isEqualTo("node-1");
            assertThat(decoded.event()).as(type.getSimpleName()).isEqualTo(event);
        }
    }

    @Test
    void unknownTypesNewerVersionsForeignClassesAndGarbageDecodeToNothing() {
        String event = "{\"accountId\":\"a\",\"conversationId\":\"c\",\"reader\":\"VISITOR\",\"upToSeq\":3}";
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"MessagesRead\",\"event\":" + event + "}").event())
                .isEqualTo(new MessagesRead("a", "c", AuthorKind.VISITOR, 3));
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"SomethingNew\",\"event\":" + event + "}")).isNull();
        assertThat(CODEC.decode("{\"v\":2,\"node\":\"n\",\"type\":\"MessagesRead\",\"event\":" + event + "}")).isNull();
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"java.lang.ProcessBuilder\",\"event\":{\"command\":[\"sh\"]}}")).isNull();
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"Site\",\"event\":{}}")).as("a record that is no event").isNull();
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"BusReady\",\"event\":{\"topic\":{\"name\":\"x\"}}}")).isNull();
        assertThat(CODEC.decode("{\"v\":1,\"type\":\"MessagesRead\",\"event\":{\"upToSeq\":\"many\"}}")).isNull();
        assertThat(CODEC.decode("not json")).isNull();
        assertThat(CODEC.decode("[1,2]")).isNull();
        // A newer node's extra field is ignored, so adding one is a compatible change.
        assertThat(CODEC.decode("{\"v\":1,\"node\":\"n\",\"type\":\"MessagesRead\",\"event\":"
                + event.replace("}", ",\"addedLater\":true}") + ",\"alsoNew\":1}").event()).isEqualTo(new MessagesRead("a", "c", AuthorKind.VISITOR, 3));
    }

    @Test
    void eventsLargerThanTheLimitAreNeitherSentNorRead() {
        EventCodec small = EventCodec.scanning("dev.parley", 1_024);
        MessagesRead event = new MessagesRead("a".repeat(2_000), "c", AuthorKind.VISITOR, 1);
        assertThat(small.encode("n", event)).isNull();
        assertThat(small.decode(CODEC.encode("n", event))).isNull();
        assertThat(small.encode("n", new MessagesRead("a", "c", AuthorKind.VISITOR, 1))).isNotNull();
    }

    /** An instance with a distinct, non-default value in every component, nested records included. */
    static Object sample(Class<?> type) {
        if (!type.isRecord()) {
            throw new IllegalArgumentException("not a record: " + type);
        }
        RecordComponent[] components = type.getRecordComponents();
        Object[] values = new Object[components.length];
        Class<?>[] types = new Class<?>[components.length];
        for (int i = 0; i < components.length; i++) {
            types[i] = components[i].getType();
            values[i] = value(components[i].getType(), components[i].getGenericType(), components[i].getName(), i);
        }
        try {
            var constructor = type.getDeclaredConstructor(types);
            constructor.setAccessible(true);
            return constructor.newInstance(values);
        }
        catch (ReflectiveOperationException e) {
            throw new IllegalStateException(type.getName(), e);
        }
    }

    private static Object value(Class<?> type, Type generic, String name, int index) {
        if (type == String.class) {
            return name + "-é✓-" + index;
        }
        if (type == long.class || type == Long.class) {
            return 40L + index;
        }
        if (type == int.class || type == Integer.class) {
            return 3 + index;
        }
        if (type == boolean.class || type == Boolean.class) {
            return true;
        }
        if (type == Instant.class) {
            return Instant.parse("2026-11-22T05:56:31.856305Z").plusSeconds(index);
        }
        if (type.isEnum()) {
            Object[] constants = type.getEnumConstants();
            return constants[constants.length - 1];
        }
        if (type == Map.class) {
            return Map.of("k" + index, "v\"" + index);
        }
        if (type == List.class && generic instanceof ParameterizedType p && p.getActualTypeArguments()[0] == String.class) {
            return List.of("x" + index);
        }
        if (type.isRecord()) {
            return sample(type);
        }
        throw new IllegalArgumentException("No sample for " + type + " " + name);
    }

    @Test
    void aNodeKnowsItsOwnEnvelopesFromTheirFirstBytes() {
        String mine = CODEC.encode("bus-a", new MessagesRead("a", "c", AuthorKind.VISITOR, 3));
        assertThat(mine).startsWith(CODEC.prefixOf("bus-a"));
        assertThat(mine).doesNotStartWith(CODEC.prefixOf("bus-ab")).doesNotStartWith(CODEC.prefixOf("bus-"));
    }
}
