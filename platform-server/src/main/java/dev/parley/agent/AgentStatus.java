package dev.parley.agent;

/** The status an agent chose. Being available for new chats also needs a live console connection. */
public enum AgentStatus {
    /** Taking new chats. */
    ONLINE,
    /** Connected and keeping their chats, but taking no new ones. */
    AWAY,
    /** Not working: their open chats go back to the queue. */
    OFFLINE
}
