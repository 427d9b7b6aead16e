package dev.parley.visitorgateway;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Limits of the visitor gateway ({@code parley.visitor-gateway.*}). Every one protects the server
 * from a misbehaving or hostile browser; each default says why it is what it is.
 *
 * @param maxFrameBytes largest WebSocket message accepted; a larger one closes the socket with 1009
 * @param maxMessageLength most characters in one chat message (and in a typing draft)
 * @param helloTimeout how long a new socket may stay unauthenticated before it is closed with 1008
 * @param idleTimeout how long a socket may send nothing (not even a ping) before it is closed with 1001
 * @param sendBurst chat messages a visitor may send at once, e.g. when a reconnect flushes their queue
 * @param sendPerSecond sustained chat messages per second per socket once the burst is spent
 * @param signalsPerSecond typing, read and page-view frames per second per socket; extra ones are dropped
 * @param maxConnectionsPerIp sockets one address may hold open; the next handshake gets 429
 * @param outboundBufferFrames frames queued for a socket that reads too slowly before it is closed with 1013
 * @param maxProtocolErrors malformed or unexpected frames a socket may send before it is closed with 1008
 */
@ConfigurationProperties("parley.visitor-gateway")
public record VisitorGatewayProperties(
        @DefaultValue("" + DEFAULT_MAX_FRAME_BYTES) int maxFrameBytes,
        @DefaultValue("" + DEFAULT_MAX_MESSAGE_LENGTH) int maxMessageLength,
        @DefaultValue(DEFAULT_HELLO_TIMEOUT) Duration helloTimeout,
        @DefaultValue(DEFAULT_IDLE_TIMEOUT) Duration idleTimeout,
        @DefaultValue("" + DEFAULT_SEND_BURST) int sendBurst,
        @DefaultValue("" + DEFAULT_SEND_PER_SECOND) int sendPerSecond,
        @DefaultValue("" + DEFAULT_SIGNALS_PER_SECOND) int signalsPerSecond,
        @DefaultValue("" + DEFAULT_MAX_CONNECTIONS_PER_IP) int maxConnectionsPerIp,
        @DefaultValue("" + DEFAULT_OUTBOUND_BUFFER_FRAMES) int outboundBufferFrames,
        @DefaultValue("" + DEFAULT_MAX_PROTOCOL_ERRORS) int maxProtocolErrors) {

    /** 64 KB: a 5,000-character message is at most 20 KB of UTF-8 plus its envelope. */
    static final int DEFAULT_MAX_FRAME_BYTES = 65_536;

    /** Long enough for a detailed support question; Chatwoot allows 10,000, most chats are under 500. */
    static final int DEFAULT_MAX_MESSAGE_LENGTH = 5_000;

    /** A browser authenticates within milliseconds; ten seconds covers a slow mobile network. */
    static final String DEFAULT_HELLO_TIMEOUT = "10s";

    /** Three missed 25-second heartbeats of the widget. */
    static final String DEFAULT_IDLE_TIMEOUT = "75s";

    /** Covers a reconnect that flushes a queue of messages typed while offline. */
    static final int DEFAULT_SEND_BURST = 30;

    /** 120 a minute: beyond any human typist, near OWASP's suggested 100 a minute. */
    static final int DEFAULT_SEND_PER_SECOND = 2;

    /** Typing updates are debounced by the widget to a few a second; more is noise or abuse. */
    static final int DEFAULT_SIGNALS_PER_SECOND = 5;

    /** An office or mobile carrier NAT puts many visitors behind one address, but not hundreds per node. */
    static final int DEFAULT_MAX_CONNECTIONS_PER_IP = 50;

    /** About 256 KB of typical frames per socket: far more than a healthy reader ever lags. */
    static final int DEFAULT_OUTBOUND_BUFFER_FRAMES = 512;

    /** A correct client sends none; a few tolerate version skew, more is fuzzing. */
    static final int DEFAULT_MAX_PROTOCOL_ERRORS = 10;

    public VisitorGatewayProperties {
        if (maxMessageLength < 1 || maxMessageLength > dev.parley.conversation.Conversations.MAX_BODY_LENGTH) {
            throw new IllegalArgumentException("parley.visitor-gateway.max-message-length must be 1 to "
                    + dev.parley.conversation.Conversations.MAX_BODY_LENGTH);
        }
        if (maxFrameBytes < 1024 || sendBurst < 1 || sendPerSecond < 1 || signalsPerSecond < 1 || maxConnectionsPerIp < 1
                || outboundBufferFrames < 16 || maxProtocolErrors < 1) {
            throw new IllegalArgumentException("parley.visitor-gateway.* limits must be positive");
        }
    }
}
