package dev.parley.clusterbus.internal;

import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

import dev.parley.clusterbus.BusReady;
import dev.parley.clusterbus.ClusterEvent;
import org.springframework.beans.factory.annotation.AnnotatedBeanDefinition;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.context.annotation.ClassPathScanningCandidateComponentProvider;
import org.springframework.core.type.filter.AssignableTypeFilter;
import org.springframework.util.ClassUtils;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The wire form of cluster events: one JSON envelope per event,
 * {@code {"v":1,"node":"…","type":"MessagePosted","event":{…}}}.
 *
 * <p>Only the event records found under {@code dev.parley} at start-up can be decoded: {@code type}
 * is looked up by name in that fixed table and the payload is bound to that one record class, so a
 * message can never make a node instantiate any other class. An unknown type, a newer envelope
 * version or a malformed payload decodes to nothing: during a rolling upgrade an old node skips what
 * it does not know, and its subscribers recover from the database as after any lost event. Adding a
 * field to an event is compatible (unknown fields are ignored); renaming or retyping one needs a new
 * record name. Thread-safe.
 */
final class EventCodec {

    /** The envelope format this node writes and the newest it reads. */
    static final int VERSION = 1;

    private final JsonMapper json = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();
    private final Map<String, Class<? extends ClusterEvent>> types;
    private final int maxBytes;

    EventCodec(Map<String, Class<? extends ClusterEvent>> types, int maxBytes) {
        this.types = Collections.unmodifiableMap(new TreeMap<>(types));
        this.maxBytes = maxBytes;
    }

    /** A codec for every top-level event record under {@code basePackage}; fails on two records of one simple name. */
    static EventCodec scanning(String basePackage, int maxBytes) {
        ClassPathScanningCandidateComponentProvider scanner = new ClassPathScanningCandidateComponentProvider(false) {
            @Override
            protected boolean isCandidateComponent(AnnotatedBeanDefinition definition) {
                return definition.getMetadata().isIndependent() && !definition.getMetadata().hasEnclosingClass();
            }
        };
        scanner.addIncludeFilter(new AssignableTypeFilter(ClusterEvent.class));
        Map<String, Class<? extends ClusterEvent>> types = new TreeMap<>();
        for (BeanDefinition candidate : scanner.findCandidateComponents(basePackage)) {
            Class<?> type = ClassUtils.resolveClassName(candidate.getBeanClassName(), EventCodec.class.getClassLoader());
            if (!type.isRecord() || !Modifier.isPublic(type.getModifiers()) || type == BusReady.class) {
                continue;
            }
            Class<? extends ClusterEvent> event = type.asSubclass(ClusterEvent.class);
            Class<? extends ClusterEvent> clash = types.put(type.getSimpleName(), event);
            if (clash != null) {
                throw new IllegalStateException("Two cluster events are named " + type.getSimpleName() + ": " + clash.getName()
                        + " and " + type.getName() + "; the wire type is the simple name, so rename one");
            }
        }
        return new EventCodec(types, maxBytes);
    }

    /** The types this codec reads and writes, by wire name. */
    Map<String, Class<? extends ClusterEvent>> types() {
        return types;
    }

    /** The envelope, or null when the event cannot travel: not a known type, or larger than the limit. */
    String encode(String node, ClusterEvent event) {
        String type = event.getClass().getSimpleName();
        if (types.get(type) != event.getClass()) {
            return null;
        }
        // Written around the event's own JSON rather than through a tree: building the envelope as
        // a tree copied every event once more, an eighth of the I/O threads' time in a routing burst.
        // The node and the type need no escaping: an id of this class and a Java identifier.
        String encoded = prefixOf(node) + "\"type\":\"" + type + "\",\"event\":" + json.writeValueAsString(event) + '}';
        return tooLarge(encoded) ? null : encoded;
    }

    /**
     * How every envelope {@code node} writes starts ({@link #encode} puts the node right after the
     * version), so a node can drop its own events without parsing them: each comes back to it once
     * per topic, and parsing only to drop cost two JSON parses per message.
     */
    String prefixOf(String node) {
        return "{\"v\":" + VERSION + ",\"node\":\"" + node + "\",";
    }

    /** The decoded envelope, or null when it is malformed, too large, of a newer version or of an unknown type. */
    Decoded decode(String message) {
        if (message == null || tooLarge(message)) {
            return null;
        }
        try {
            JsonNode envelope = json.readTree(message);
            if (!envelope.isObject() || envelope.path("v").asInt(0) < 1 || envelope.path("v").asInt(0) > VERSION) {
                return null;
            }
            Class<? extends ClusterEvent> type = types.get(envelope.path("type").asString(""));
            JsonNode event = envelope.get("event");
            if (type == null || event == null || !event.isObject()) {
                return null;
            }
            return new Decoded(envelope.path("node").asString(""), json.treeToValue(event, type));
        }
        catch (JacksonException | IllegalArgumentException malformed) {
            return null;
        }
    }

    private boolean tooLarge(String s) {
        // No char takes more than 3 bytes of UTF-8 (a surrogate pair takes 4 for 2), so most need no count.
        return s.length() > maxBytes || (s.length() > maxBytes / 3 && s.getBytes(StandardCharsets.UTF_8).length > maxBytes);
    }

    /** An event and the node that published it. */
    record Decoded(String node, ClusterEvent event) {
    }
}
