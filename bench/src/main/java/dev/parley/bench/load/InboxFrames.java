package dev.parley.bench.load;

import java.util.function.Consumer;

/**
 * The events of one inbox frame: the frame itself, or each object of a {@code batch} frame's
 * {@code events} array, cut out by scanning (the load generator reads tens of thousands of events
 * a second and only looks at their leading fields, so it does not parse them).
 */
final class InboxFrames {

    private static final String BATCH = "{\"type\":\"batch\",\"events\":[";

    private InboxFrames() {
    }

    /** Hands each event of {@code frame}, as JSON text, to {@code onEvent} in order. */
    static void split(String frame, Consumer<String> onEvent) {
        if (!frame.startsWith(BATCH)) {
            onEvent.accept(frame);
            return;
        }
        int depth = 0;
        int start = -1;
        boolean inString = false;
        for (int i = BATCH.length(); i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (inString) {
                if (c == '\\') {
                    i++;
                }
                else if (c == '"') {
                    inString = false;
                }
            }
            else if (c == '"') {
                inString = true;
            }
            else if (c == '{' || c == '[') {
                if (depth++ == 0) {
                    start = i;
                }
            }
            else if ((c == '}' || c == ']') && --depth == 0) {
                onEvent.accept(frame.substring(start, i + 1));
            }
        }
    }
}
