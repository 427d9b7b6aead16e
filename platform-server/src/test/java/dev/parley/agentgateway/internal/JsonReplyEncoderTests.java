package dev.parley.agentgateway.internal;

import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.core.ResolvableType;
import org.springframework.core.codec.ByteArrayEncoder;
import org.springframework.core.codec.CharSequenceEncoder;
import org.springframework.core.codec.Encoder;
import org.springframework.core.codec.EncodingException;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MimeType;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonReplyEncoderTests {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final MimeType APPLICATION_JSON = MimeTypeUtils.APPLICATION_JSON;
    private static final ResolvableType ACK = ResolvableType.forClass(Ack.class);

    record Broken(String value) {
        @Override
        public String value() {
            throw new IllegalStateException("no value");
        }
    }

    record Ack(String conversationId, String clientMsgId, long seq, Instant createdAt, boolean duplicate, List<String> tags) {
    }

    private final Ack ack = new Ack("01JD3ZK5V1S7B5M0T7Q3B8N2XF", "a-1", 42, Instant.parse("2026-11-23T03:30:00.123456Z"), false,
            List.of("vip", "\"quoted\" <b>"));

    @Test
    void aValueThatIsNotJsonIsAnEncodingErrorNotAnEmptyReply() {
        assertThatThrownBy(() -> encode(new JsonReplyEncoder(JSON), new Broken("x")))
                .isInstanceOf(EncodingException.class).hasMessageContaining("Could not write JSON");
    }

    @Test
    void writesWhatSpringsJacksonEncoderWrites() {
        assertThat(text(encode(new JsonReplyEncoder(JSON), ack))).isEqualTo(text(encode(new JacksonJsonEncoder(JSON), ack)))
                .contains("\"seq\":42").contains("\\\"quoted\\\" <b>");
    }

    @Test
    void leavesTextBytesAndOtherFormatsToSpringsOwnEncoders() {
        JsonReplyEncoder encoder = new JsonReplyEncoder(JSON);

        assertThat(encoder.canEncode(ACK, APPLICATION_JSON)).isTrue();
        assertThat(encoder.canEncode(ResolvableType.forClass(List.class), APPLICATION_JSON)).isTrue();
        assertThat(encoder.canEncode(ResolvableType.forClass(byte[].class), APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(String.class), APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(DataBuffer.class), APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(ResolvableType.forClass(Void.class), APPLICATION_JSON)).isFalse();
        assertThat(encoder.canEncode(ACK, MimeType.valueOf("application/cbor"))).isFalse();
    }

    @Test
    void goesJustBeforeSpringsJsonEncoder() {
        List<Encoder<?>> encoders = new ArrayList<>(List.of(CharSequenceEncoder.allMimeTypes(), new ByteArrayEncoder(),
                new JacksonJsonEncoder(JSON)));

        JsonReplyEncoder.insertInto(encoders, JSON);

        assertThat(encoders).hasSize(4);
        assertThat(encoders.get(2)).isInstanceOf(JsonReplyEncoder.class);
        assertThat(encoders.get(3)).isInstanceOf(JacksonJsonEncoder.class);
    }

    @Test
    void aReplyCostsAFractionOfWhatSpringsEncoderAllocates() {
        long spring = bytesPerEncode(new JacksonJsonEncoder(JSON));
        long ours = bytesPerEncode(new JsonReplyEncoder(JSON));

        // Spring's encoder takes fresh Jackson buffers for every value (about 25 KB) and never returns them.
        assertThat(spring).isGreaterThan(16_000);
        assertThat(ours).as("bytes allocated per reply").isLessThan(4_000);
    }

    /** What the encoder allocates on this thread per reply, once warm. */
    private long bytesPerEncode(Encoder<Object> encoder) {
        for (int i = 0; i < 2_000; i++) {
            DataBufferUtils.release(encode(encoder, ack));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rounds = 1_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            DataBufferUtils.release(encode(encoder, ack));
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static DataBuffer encode(Encoder encoder, Object value) {
        return encoder.encodeValue(value, DefaultDataBufferFactory.sharedInstance, ResolvableType.forInstance(value), APPLICATION_JSON,
                Map.of());
    }

    private static String text(DataBuffer buffer) {
        String text = buffer.toString(StandardCharsets.UTF_8);
        DataBufferUtils.release(buffer);
        return text;
    }
}
