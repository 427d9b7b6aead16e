package dev.parley.visitorgateway.internal;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/** A frame from the widget. The {@code type} property names the record. */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
        @JsonSubTypes.Type(value = InboundFrame.Hello.class, name = "hello"),
        @JsonSubTypes.Type(value = InboundFrame.Identify.class, name = "identify"),
        @JsonSubTypes.Type(value = InboundFrame.Start.class, name = "start"),
        @JsonSubTypes.Type(value = InboundFrame.Send.class, name = "send"),
        @JsonSubTypes.Type(value = InboundFrame.Typing.class, name = "typing"),
        @JsonSubTypes.Type(value = InboundFrame.Read.class, name = "read"),
        @JsonSubTypes.Type(value = InboundFrame.PageView.class, name = "pageView"),
        @JsonSubTypes.Type(value = InboundFrame.Close.class, name = "close"),
        @JsonSubTypes.Type(value = InboundFrame.Rate.class, name = "rate"),
        @JsonSubTypes.Type(value = InboundFrame.Transcript.class, name = "transcript"),
        @JsonSubTypes.Type(value = InboundFrame.Ping.class, name = "ping")})
sealed interface InboundFrame {

    record Hello(String token, String conversationId, Long lastSeq) implements InboundFrame {

        @Override
        public String toString() {
            return "Hello[conversationId=" + conversationId + ", lastSeq=" + lastSeq + "]";
        }
    }

    /** {@code hash} is the HMAC-SHA256 of {@code id} under the site's identity secret, from the site's server. */
    record Identify(String id, String name, String email, String hash) implements InboundFrame {
    }

    record Start(Map<String, String> prechat, String clientMsgId, String body) implements InboundFrame {
    }

    record Send(String clientMsgId, String body) implements InboundFrame {
    }

    record Typing(Boolean active, String draft) implements InboundFrame {
    }

    record Read(Long upToSeq) implements InboundFrame {
    }

    record PageView(String url, String title, String referrer) implements InboundFrame {
    }

    record Close() implements InboundFrame {
    }

    record Rate(Integer rating, String comment) implements InboundFrame {
    }

    /** Mail the followed conversation's transcript to {@code email}, or to the visitor's own address. */
    record Transcript(String email) implements InboundFrame {

        @Override
        public String toString() {
            return "Transcript[]";
        }
    }

    record Ping() implements InboundFrame {
    }
}
