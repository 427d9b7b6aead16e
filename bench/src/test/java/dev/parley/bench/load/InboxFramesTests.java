package dev.parley.bench.load;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InboxFramesTests {

    @Test
    void aSingleEventFrameIsItsOwnEvent() {
        String frame = "{\"type\":\"message\",\"conversationId\":\"c1\",\"seq\":3}";

        assertThat(split(frame)).containsExactly(frame);
    }

    @Test
    void aBatchIsCutIntoItsEventsInOrderWhateverTheirStringsHold() {
        String first = "{\"type\":\"message\",\"body\":\"braces } ] and \\\"quotes\\\" {\",\"author\":{\"kind\":\"visitor\"}}";
        String second = "{\"type\":\"conversation.assigned\",\"tags\":[\"a\",{\"b\":1}]}";

        assertThat(split("{\"type\":\"batch\",\"events\":[" + first + "," + second + "]}")).containsExactly(first, second);
    }

    private static List<String> split(String frame) {
        List<String> events = new ArrayList<>();
        InboxFrames.split(frame, events::add);
        return events;
    }
}
