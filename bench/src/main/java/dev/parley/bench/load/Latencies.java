package dev.parley.bench.load;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * One-way latencies of one direction in one measured window. Only messages whose intended send
 * time falls inside the window count, so warm-up traffic and the drain after it are excluded.
 * Thread-safe: recorded from event loops, read once the window is over.
 */
final class Latencies {

    /** A minute: anything slower is reported as lost rather than late. */
    private static final long HIGHEST_NANOS = 60_000_000_000L;

    private final Recorder recorder = new Recorder(HIGHEST_NANOS, 3);
    private final LongAdder sent = new LongAdder();
    private final LongAdder received = new LongAdder();
    /**
     * The intended times that arrived: one pacer numbers every message of a window, so a time seen
     * twice is the same message delivered twice, which the protocol forbids.
     */
    private final Set<Long> arrived = ConcurrentHashMap.newKeySet();
    private final LongAdder duplicates = new LongAdder();
    private volatile long windowStart = Long.MAX_VALUE;
    private volatile long windowEnd = Long.MAX_VALUE;

    void window(long startNanos, long endNanos) {
        windowStart = startNanos;
        windowEnd = endNanos;
    }

    boolean inWindow(long intendedNanos) {
        return intendedNanos >= windowStart && intendedNanos < windowEnd;
    }

    void sent(long intendedNanos) {
        if (inWindow(intendedNanos)) {
            sent.increment();
        }
    }

    /**
     * A message intended for {@code intendedNanos} arrived at {@code nowNanos}. A second arrival of
     * the same message is counted as a duplicate, never as received or timed.
     */
    void received(long intendedNanos, long nowNanos) {
        if (inWindow(intendedNanos)) {
            if (!arrived.add(intendedNanos)) {
                duplicates.increment();
                return;
            }
            received.increment();
            recorder.recordValue(Math.min(HIGHEST_NANOS, Math.max(0, nowNanos - intendedNanos)));
        }
    }

    /** Counts so far, without consuming the recorded latencies. */
    Map<String, Object> peek() {
        return Map.of("sent", sent.sum(), "received", received.sum());
    }

    /** The window's summary; milliseconds with microsecond precision. Call once, after the window. */
    Map<String, Object> summary() {
        Histogram h = recorder.getIntervalHistogram();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sent", sent.sum());
        out.put("received", received.sum());
        out.put("duplicates", duplicates.sum());
        out.put("p50Ms", ms(h.getValueAtPercentile(50)));
        out.put("p99Ms", ms(h.getValueAtPercentile(99)));
        out.put("p999Ms", ms(h.getValueAtPercentile(99.9)));
        out.put("maxMs", ms(h.getMaxValue()));
        out.put("meanMs", ms((long) h.getMean()));
        return out;
    }

    private static double ms(long nanos) {
        return Math.round(nanos / 1_000.0) / 1_000.0;
    }

    /** The intended send time carried in a body written by {@link #body}, or -1 when there is none. */
    static long intendedIn(String frame) {
        int at = frame.indexOf("\"body\":\"T");
        if (at < 0) {
            return -1;
        }
        long value = 0;
        for (int i = at + 9; i < frame.length(); i++) {
            char c = frame.charAt(i);
            if (c < '0' || c > '9') {
                return c == '.' ? value : -1;
            }
            value = value * 10 + (c - '0');
        }
        return -1;
    }

    /** A message body of exactly {@code length} characters carrying the intended send time. */
    static String body(long intendedNanos, int length) {
        StringBuilder body = new StringBuilder(length).append('T').append(intendedNanos).append('.');
        while (body.length() < length) {
            body.append('x');
        }
        return body.toString();
    }
}
