package dev.parley.canned;

import java.time.Clock;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import dev.parley.audit.AuditLog;
import dev.parley.canned.internal.CannedRepository;
import dev.parley.shared.Ids;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.stereotype.Service;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * Canned responses of one account: the shared ones (admins edit them, and every change is in the
 * audit log) and each agent's personal ones (only the owner sees and edits them).
 *
 * <p>Failures are {@link CannedException}s. A response outside the editor's reach (another
 * account's, or another agent's personal one) answers exactly like one that does not exist.
 * Never blocks.
 */
@Service
public class CannedResponses {

    /** Short enough to type after a slash, long enough to say what it is: {@code /refund-eu}. */
    private static final Pattern SHORTCUT = Pattern.compile("[a-z0-9_-]{1,32}");

    /** The schema's column size. */
    private static final int MAX_TITLE = 200;

    private final CannedRepository repository;
    private final AuditLog audit;
    private final CannedProperties limits;
    private final Clock clock;

    CannedResponses(CannedRepository repository, AuditLog audit, CannedProperties limits, Clock clock) {
        this.repository = repository;
        this.audit = audit;
        this.limits = limits;
        this.clock = clock;
    }

    /** What the agent may insert: the account's shared responses and their own, by shortcut. */
    public Flux<CannedResponse> available(String accountId, String agentId) {
        return repository.available(accountId, agentId);
    }

    /** A page of the account's shared responses by shortcut, starting after {@code afterShortcut} when given. */
    public Flux<CannedResponse> shared(String accountId, String afterShortcut, int limit) {
        return repository.shared(accountId, afterShortcut, limit);
    }

    /** Creates a shared response ({@code shared}: admins only) or one of the editor's own. */
    public Mono<CannedResponse> create(Editor editor, boolean shared, CannedDraft draft) {
        if (shared && !editor.admin()) {
            return Mono.error(forbidden());
        }
        return validated(draft).flatMap(clean -> {
            String owner = shared ? null : editor.agentId();
            Instant now = clock.instant();
            CannedResponse created = new CannedResponse(Ids.next(clock), editor.accountId(), owner, clean.shortcut(), clean.title(),
                    clean.body(), now, now);
            return repository.count(editor.accountId(), owner)
                    .flatMap(count -> count >= limits.maxPerScope()
                            ? Mono.error(new CannedException("limit_reached", "There are already " + limits.maxPerScope()
                                    + " canned responses here; delete one first"))
                            : repository.insert(created).onErrorMap(DataIntegrityViolationException.class, taken -> taken(clean)))
                    .then(audited(editor, created, "canned_response.created"))
                    .thenReturn(created);
        });
    }

    /** Replaces a response's shortcut, title and text; the editor must own it, or be an admin for a shared one. */
    public Mono<CannedResponse> update(Editor editor, String id, CannedDraft draft) {
        return validated(draft).flatMap(clean -> editable(editor, id).flatMap(current -> {
            CannedResponse updated = new CannedResponse(current.id(), current.accountId(), current.ownerAgentId(), clean.shortcut(),
                    clean.title(), clean.body(), current.createdAt(), clock.instant());
            return repository.update(updated)
                    .onErrorMap(DataIntegrityViolationException.class, taken -> taken(clean))
                    .then(audited(editor, updated, "canned_response.updated"))
                    .thenReturn(updated);
        }));
    }

    /** Deletes a response the editor may edit. */
    public Mono<Void> delete(Editor editor, String id) {
        return editable(editor, id).flatMap(current -> repository.delete(current.id(), current.accountId())
                .then(audited(editor, current, "canned_response.deleted")));
    }

    /** The response when the editor may see it: a shared one of their account, or their own. */
    public Mono<CannedResponse> find(Editor editor, String id) {
        return (Ids.isWellFormed(id) ? repository.find(editor.accountId(), id) : Mono.<CannedResponse>empty())
                .filter(c -> c.shared() || c.ownerAgentId().equals(editor.agentId()))
                .switchIfEmpty(Mono.error(() -> new CannedException("not_found", "No such canned response")));
    }

    private Mono<CannedResponse> editable(Editor editor, String id) {
        return find(editor, id).flatMap(c -> c.shared() && !editor.admin() ? Mono.error(forbidden()) : Mono.just(c));
    }

    private Mono<CannedDraft> validated(CannedDraft draft) {
        if (draft == null) {
            return Mono.error(invalid("shortcut, title and body are required"));
        }
        String shortcut = draft.shortcut() == null ? "" : draft.shortcut().strip().toLowerCase(Locale.ROOT);
        if (shortcut.startsWith("/")) {
            shortcut = shortcut.substring(1);
        }
        if (!SHORTCUT.matcher(shortcut).matches()) {
            return Mono.error(invalid("shortcut must be 1 to 32 characters of a-z, 0-9, _ and -"));
        }
        String title = draft.title() == null ? "" : draft.title().strip();
        if (title.isEmpty() || title.length() > MAX_TITLE) {
            return Mono.error(invalid("title must be 1 to " + MAX_TITLE + " characters"));
        }
        if (draft.body() == null || draft.body().isBlank() || draft.body().length() > limits.maxBodyLength()) {
            return Mono.error(invalid("body must be 1 to " + limits.maxBodyLength() + " characters"));
        }
        return Mono.just(new CannedDraft(shortcut, title, draft.body()));
    }

    /** Shared responses are the account's configuration, so their changes are audited; personal ones are not. */
    private Mono<Void> audited(Editor editor, CannedResponse response, String action) {
        return response.shared()
                ? audit.record(editor.accountId(), editor.agentId(), action, "canned_response", response.id(),
                        Map.of("shortcut", response.shortcut()))
                : Mono.empty();
    }

    private static CannedException taken(CannedDraft draft) {
        return new CannedException("shortcut_taken", "/" + draft.shortcut() + " is already used here");
    }

    private static CannedException invalid(String message) {
        return new CannedException("invalid_request", message);
    }

    private static CannedException forbidden() {
        return new CannedException("forbidden", "Only admins edit the account's shared canned responses");
    }
}
