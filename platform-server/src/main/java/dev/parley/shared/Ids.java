package dev.parley.shared;

import java.security.SecureRandom;
import java.time.Clock;

/**
 * Time-ordered, 26-character ids in Crockford base32 (the ULID layout: 48 bits of milliseconds,
 * then 80 random bits).
 *
 * <p>Time order keeps inserts at the right edge of B-tree indexes; the random part makes ids
 * unguessable, so an id alone never grants access. Thread-safe.
 */
public final class Ids {

    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Ids() {
    }

    public static String next() {
        return next(Clock.systemUTC());
    }

    public static String next(Clock clock) {
        long time = clock.millis();
        byte[] random = new byte[10];
        RANDOM.nextBytes(random);
        char[] out = new char[26];
        for (int i = 9; i >= 0; i--) {
            out[i] = ALPHABET[(int) (time & 31)];
            time >>>= 5;
        }
        // 80 random bits are 16 base32 digits.
        long hi = ((random[0] & 0xFFL) << 32) | ((random[1] & 0xFFL) << 24) | ((random[2] & 0xFFL) << 16)
                | ((random[3] & 0xFFL) << 8) | (random[4] & 0xFFL);
        long lo = ((random[5] & 0xFFL) << 32) | ((random[6] & 0xFFL) << 24) | ((random[7] & 0xFFL) << 16)
                | ((random[8] & 0xFFL) << 8) | (random[9] & 0xFFL);
        for (int i = 17; i >= 10; i--) {
            out[i] = ALPHABET[(int) (hi & 31)];
            hi >>>= 5;
        }
        for (int i = 25; i >= 18; i--) {
            out[i] = ALPHABET[(int) (lo & 31)];
            lo >>>= 5;
        }
        return new String(out);
    }

    /** Whether {@code id} has the shape of an id; it says nothing of whether the id exists. */
    public static boolean isWellFormed(String id) {
        if (id == null || id.length() != 26) {
            return false;
        }
        for (int i = 0; i < 26; i++) {
            char c = id.charAt(i);
            boolean digit = c >= '0' && c <= '9';
            boolean letter = c >= 'A' && c <= 'Z' && c != 'I' && c != 'L' && c != 'O' && c != 'U';
            if (!digit && !letter) {
                return false;
            }
        }
        return true;
    }
}
