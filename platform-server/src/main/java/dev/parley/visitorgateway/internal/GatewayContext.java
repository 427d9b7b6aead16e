package dev.parley.visitorgateway.internal;

import dev.parley.conversation.Conversations;
import dev.parley.routing.Queues;
import dev.parley.transcript.Transcripts;
import dev.parley.visitor.Bans;
import dev.parley.visitor.Visitors;
import dev.parley.visitorgateway.VisitorGatewayProperties;
import reactor.core.scheduler.Scheduler;

/** What every visitor connection shares. */
record GatewayContext(Visitors visitors, Bans bans, Conversations conversations, Queues queues, Transcripts transcripts, FrameCodec codec,
        VisitorGatewayProperties limits, Scheduler timers, OpenChannels channels) {
}
