package dev.parley.visitor;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import dev.parley.clusterbus.ClusterBus;
import dev.parley.shared.Ids;
import dev.parley.visitor.internal.BanRepository;
import dev.parley.visitor.internal.VisitorRepository;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Bans of visitors, and of the addresses they connect from, within an account. A ban is checked
 * when a widget session opens and when a socket says hello; the {@link VisitorBanned} event closes
 * the sockets already open.
 */
@Service
public class Bans {

    /** Long enough for an agent's note on why, short enough for a list. */
    private static final int MAX_REASON = 500;

    private final BanRepository bans;
    private final VisitorRepository visitors;
    private final ClusterBus bus;
    private final Clock clock;

    Bans(BanRepository bans, VisitorRepository visitors, ClusterBus bus, Clock clock) {
        this.bans = bans;
        this.visitors = visitors;
        this.bus = bus;
        this.clock = clock;
    }

    /**
     * Bans a visitor of the account, for {@code duration} or for good when it is null, and their
     * last known address too when {@code includeAddress}. Completes empty when the visitor is not
     * the account's. {@code openConversationId} names the conversation to tell, if any.
     */
    public Mono<Visitor> ban(String accountId, String visitorId, String bannedBy, String reason, Duration duration,
            boolean includeAddress, String openConversationId) {
        if (!Ids.isWellFormed(visitorId)) {
            return Mono.empty();
        }
        Instant now = clock.instant();
        return visitors.find(accountId, visitorId).flatMap(visitor -> bans.ban(Ids.next(clock), accountId, visitor.id(),
                        includeAddress ? visitor.ipAddress() : null, Visitors.cut(reason, MAX_REASON), bannedBy, now,
                        duration == null ? null : now.plus(duration))
                .then(bus.publish(new VisitorBanned(accountId, visitor.id(), openConversationId)))
                .thenReturn(visitor));
    }

    /**
     * A page of the account's bans, newest first, before {@code beforeId} (a ban id) when given;
     * with {@code activeOnly}, only those in force now.
     */
    public Flux<Ban> list(String accountId, String beforeId, int limit, boolean activeOnly) {
        return bans.bans(accountId, beforeId, limit, activeOnly ? clock.instant() : null);
    }

    /** Ends a ban in force now; completes with true when it did, false when no such ban of the account was in force. */
    public Mono<Boolean> lift(String accountId, String banId) {
        return Ids.isWellFormed(banId) ? bans.lift(accountId, banId, clock.instant()).map(n -> n > 0) : Mono.just(false);
    }

    /** Whether the visitor, or the address they connect from, is banned in their account. */
    public Mono<Boolean> banned(Visitor visitor, String ipAddress) {
        return bans.banned(visitor.accountId(), visitor.id(), ipAddress, clock.instant());
    }
}
