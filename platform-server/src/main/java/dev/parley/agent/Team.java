package dev.parley.agent;

import java.util.List;

/** A group of agents a conversation can be routed or transferred to. */
public record Team(String id, String accountId, String name, List<String> memberIds) {

    public Team {
        memberIds = List.copyOf(memberIds);
    }
}
