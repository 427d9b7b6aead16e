package dev.parley.canned.internal;

import java.time.Instant;
import java.util.List;

import dev.parley.canned.CannedDraft;
import dev.parley.canned.CannedException;
import dev.parley.canned.CannedResponse;
import dev.parley.canned.CannedResponses;
import dev.parley.canned.Editor;
import dev.parley.security.AgentPrincipal;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.ErrorResponseException;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ServerWebInputException;
import reactor.core.publisher.Mono;

/**
 * The admin API of the account's shared canned responses. The security chain admits admins only to
 * {@code /api/v1/admin/**}; everything is scoped to the caller's account. Errors are problem+json
 * with a {@code code}.
 */
@RestController
@RequestMapping("/api/v1/admin/canned-responses")
class CannedAdminApi {

    /** A screenful. */
    private static final int DEFAULT_PAGE = 50;

    /** Bounds one request's work. */
    private static final int MAX_PAGE = 200;

    private final CannedResponses canned;

    CannedAdminApi(CannedResponses canned) {
        this.canned = canned;
    }

    record View(String id, String shortcut, String title, String body, Instant createdAt, Instant updatedAt) {
        static View of(CannedResponse c) {
            return new View(c.id(), c.shortcut(), c.title(), c.body(), c.createdAt(), c.updatedAt());
        }
    }

    /**
     * @param next pass as {@code after} for the next page; absent on the last page
     */
    record Page(List<View> items, String next) {
    }

    /** By shortcut; {@code after} is the {@code next} of the previous page. */
    @GetMapping
    Mono<Page> list(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after) {
        if ((limit != null && (limit < 1 || limit > MAX_PAGE)) || (after != null && after.length() > 32)) {
            return Mono.error(problem(HttpStatus.BAD_REQUEST, "invalid_request", "limit must be 1 to " + MAX_PAGE
                    + " and after a shortcut"));
        }
        int page = limit == null ? DEFAULT_PAGE : limit;
        return canned.shared(admin.accountId(), after, page + 1)
                .map(View::of)
                .collectList()
                .map(items -> items.size() > page ? new Page(items.subList(0, page), items.get(page - 1).shortcut()) : new Page(items, null));
    }

    @GetMapping("/{id}")
    Mono<View> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String id) {
        return canned.find(editor(admin), id).filter(CannedResponse::shared)
                .switchIfEmpty(Mono.error(() -> new CannedException("not_found", "No such canned response")))
                .map(View::of).onErrorMap(CannedException.class, CannedAdminApi::problem);
    }

    @PostMapping
    Mono<ResponseEntity<View>> create(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody(required = false) CannedDraft draft) {
        return canned.create(editor(admin), true, draft)
                .map(created -> ResponseEntity.status(HttpStatus.CREATED)
                        .location(java.net.URI.create("/api/v1/admin/canned-responses/" + created.id()))
                        .body(View.of(created)))
                .onErrorMap(CannedException.class, CannedAdminApi::problem);
    }

    @PutMapping("/{id}")
    Mono<View> update(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String id,
            @RequestBody(required = false) CannedDraft draft) {
        return sharedOnly(admin, id).then(canned.update(editor(admin), id, draft)).map(View::of)
                .onErrorMap(CannedException.class, CannedAdminApi::problem);
    }

    @DeleteMapping("/{id}")
    Mono<ResponseEntity<Void>> delete(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String id) {
        return sharedOnly(admin, id).then(canned.delete(editor(admin), id))
                .thenReturn(ResponseEntity.noContent().<Void>build())
                .onErrorMap(CannedException.class, CannedAdminApi::problem);
    }

    /** A body that is not JSON of a draft's shape. */
    @ExceptionHandler(ServerWebInputException.class)
    ResponseEntity<ProblemDetail> unreadable(ServerWebInputException e) {
        return ResponseEntity.badRequest().contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem(HttpStatus.BAD_REQUEST, "invalid_request", "The request body is not JSON of a canned response").getBody());
    }

    /** An admin's personal responses are theirs, edited in the console; this API is the account's shared set only. */
    private Mono<CannedResponse> sharedOnly(AgentPrincipal admin, String id) {
        return canned.find(editor(admin), id).filter(CannedResponse::shared)
                .switchIfEmpty(Mono.error(() -> new CannedException("not_found", "No such canned response")));
    }

    private static Editor editor(AgentPrincipal admin) {
        return new Editor(admin.accountId(), admin.agentId(), true);
    }

    private static ErrorResponseException problem(CannedException e) {
        HttpStatus status = switch (e.code()) {
            case "not_found" -> HttpStatus.NOT_FOUND;
            case "forbidden" -> HttpStatus.FORBIDDEN;
            case "shortcut_taken", "limit_reached" -> HttpStatus.CONFLICT;
            default -> HttpStatus.BAD_REQUEST;
        };
        return problem(status, e.code(), e.getMessage());
    }

    private static ErrorResponseException problem(HttpStatus status, String code, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setProperty("code", code);
        return new ErrorResponseException(status, problem, null);
    }
}
