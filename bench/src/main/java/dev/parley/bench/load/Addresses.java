package dev.parley.bench.load;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Source addresses for client sockets, spread over 127.0.0.0/8 (all of it is loopback on Linux).
 * Parley allows 50 visitor sockets per client address by default; spreading keeps every address
 * below that, as real visitors behind many addresses would be, and keeps each address's ephemeral
 * ports plentiful.
 */
final class Addresses {

    /** Below Parley's default of 50 sockets per address, with room for sockets still closing. */
    static final int PER_ADDRESS = 40;

    private final AtomicInteger next = new AtomicInteger();

    /** The address for the next socket: 127.0.1.1, 40 times, then 127.0.1.2, and so on. */
    String next() {
        return of(next.getAndIncrement());
    }

    static String of(int socketIndex) {
        int address = socketIndex / PER_ADDRESS;
        return "127." + address / 62_500 + "." + (1 + (address / 250) % 250) + "." + (1 + address % 250);
    }
}
