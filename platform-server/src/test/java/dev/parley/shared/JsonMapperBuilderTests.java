package dev.parley.shared;

import java.lang.management.ManagementFactory;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jackson.autoconfigure.JacksonAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.ResolvableType;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;
import org.springframework.http.codec.json.JacksonJsonEncoder;
import org.springframework.util.MimeTypeUtils;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

class JsonMapperBuilderTests {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(SharedConfiguration.class)
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class));

    @Test
    void bootsCustomizationStillApplies() {
        context.withPropertyValues("spring.jackson.serialization.indent-output=true").run(app -> {
            JsonMapper json = app.getBean(JsonMapper.class);

            assertThat(json.writeValueAsString(Map.of("a", 1))).isEqualTo("{\n  \"a\" : 1\n}");
        });
    }

    @Test
    void springsEncoderReusesJacksonsBuffers() {
        context.run(app -> {
            long withDefaultPool = bytesPerEncode(JsonMapper.builder().build());
            long withApplicationMapper = bytesPerEncode(app.getBean(JsonMapper.class));

            // Jackson's default pool gives the encoder fresh buffers for every value (about 25 KB).
            assertThat(withDefaultPool).isGreaterThan(16_000);
            assertThat(withApplicationMapper).isLessThan(4_000);
        });
    }

    /** What Spring's encoder allocates on this thread per small value, once warm. */
    private static long bytesPerEncode(JsonMapper json) {
        JacksonJsonEncoder encoder = new JacksonJsonEncoder(json);
        ResolvableType type = ResolvableType.forClass(Ack.class);
        Ack ack = new Ack("01JD3ZK5V1S7B5M0T7Q3B8N2XF", 42, "client-1");
        for (int i = 0; i < 2_000; i++) {
            DataBufferUtils.release(encoder.encodeValue(ack, DefaultDataBufferFactory.sharedInstance, type,
                    MimeTypeUtils.APPLICATION_JSON, Map.of()));
        }
        com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        int rounds = 1_000;
        long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < rounds; i++) {
            DataBufferUtils.release(encoder.encodeValue(ack, DefaultDataBufferFactory.sharedInstance, type,
                    MimeTypeUtils.APPLICATION_JSON, Map.of()));
        }
        return (threads.getCurrentThreadAllocatedBytes() - before) / rounds;
    }

    record Ack(String conversationId, long seq, String clientMsgId) {
    }
}
