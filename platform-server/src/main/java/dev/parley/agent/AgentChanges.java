package dev.parley.agent;

/**
 * What an admin changes about an agent; null fields stay as they are.
 *
 * @param setCapacity whether {@code capacityOverride} is to be written: true with a null value
 *     removes the override, so the queue's setting applies again
 */
public record AgentChanges(String displayName, Role role, boolean setCapacity, Integer capacityOverride) {

    public boolean empty() {
        return displayName == null && role == null && !setCapacity;
    }
}
