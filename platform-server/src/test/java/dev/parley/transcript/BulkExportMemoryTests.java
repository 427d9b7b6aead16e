package dev.parley.transcript;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.parley.agent.Role;
import dev.parley.site.Account;
import dev.parley.site.Site;
import dev.parley.testing.AdminHttp;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferUtils;
import org.springframework.web.reactive.function.client.WebClient;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * 200,000 messages of 500 characters (about 100 MB of text, far more with their JSON) are exported
 * over HTTP while the heap is measured after a collection every two seconds. Had the export gathered
 * its rows anywhere (a list, a whole-body buffer), the live heap would grow by the size of the
 * export; streamed page by page it grows by a few pages at most.
 */
@ParleyIntegrationTest
class BulkExportMemoryTests {

    static final int CONVERSATIONS = 2_000;
    static final int MESSAGES_EACH = 100;
    static final int BODY_LENGTH = 500;
    /** Live heap the export may add: a few 1,000-message pages and the response's buffers, not 100 MB. */
    static final long HEAP_BOUND = 48L * 1024 * 1024;

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void twoHundredThousandMessagesStreamWithFlatMemory() throws Exception {
        Fixtures fixtures = new Fixtures(context);
        ExportSeeds seeds = new ExportSeeds(context);
        Account account = fixtures.account("Bulk");
        Site site = fixtures.site(account, "https://bulk.example");
        Instant start = Instant.parse("2026-01-01T00:00:00Z");
        String filler = "x".repeat(BODY_LENGTH - 12);
        String visitor = fixtures.visitor(site);
        for (int i = 0; i < CONVERSATIONS; i++) {
            String conversation = seeds.conversation(account.id(), site.id(), visitor, null, null, "CLOSED",
                    start.plusSeconds(i));
            int n = i;
            seeds.messages(conversation, start.plusSeconds(i), MESSAGES_EACH, seq -> String.format("%05d/%05d ", n, seq) + filler);
        }
        long seeded = System.nanoTime();
        String token = AdminHttp.token(AdminHttp.http(port), context, account.id(), Role.ADMIN);

        MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
        long baseline = liveHeap(memory);
        AtomicLong peak = new AtomicLong(baseline);
        ScheduledExecutorService sampler = Executors.newSingleThreadScheduledExecutor();
        sampler.scheduleWithFixedDelay(() -> peak.accumulateAndGet(liveHeap(memory), Math::max), 1, 2, TimeUnit.SECONDS);
        AtomicLong lines = new AtomicLong();
        AtomicLong bytes = new AtomicLong();
        try {
            WebClient.create("http://127.0.0.1:" + port).get().uri("/api/v1/admin/exports/messages?format=ndjson")
                    .header("Authorization", "Bearer " + token)
                    .retrieve()
                    .bodyToFlux(DataBuffer.class)
                    .doOnNext(buffer -> {
                        bytes.addAndGet(buffer.readableByteCount());
                        while (buffer.readableByteCount() > 0) {
                            if (buffer.read() == '\n') {
                                lines.incrementAndGet();
                            }
                        }
                        DataBufferUtils.release(buffer);
                    })
                    .then()
                    .block(Duration.ofMinutes(10));
        }
        finally {
            sampler.shutdownNow();
            sampler.awaitTermination(10, TimeUnit.SECONDS);
        }

        System.out.printf("Bulk export: %,d lines, %,d bytes in %d s, live heap %,d before, peak %,d%n", lines.get(), bytes.get(),
                (System.nanoTime() - seeded) / 1_000_000_000, baseline, peak.get());
        assertThat(lines.get()).isEqualTo((long) CONVERSATIONS * MESSAGES_EACH);
        assertThat(bytes.get()).isGreaterThan((long) CONVERSATIONS * MESSAGES_EACH * BODY_LENGTH);
        assertThat(peak.get() - baseline).as("live heap added while exporting %,d bytes", bytes.get()).isLessThan(HEAP_BOUND);
    }

    /** Heap in use after a full collection: what is really held, not garbage waiting to go. */
    static long liveHeap(MemoryMXBean memory) {
        System.gc();
        return memory.getHeapMemoryUsage().getUsed();
    }
}
