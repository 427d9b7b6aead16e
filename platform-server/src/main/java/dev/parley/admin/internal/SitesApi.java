package dev.parley.admin.internal;

import java.time.Instant;
import java.util.List;

import dev.parley.audit.AuditLog;
import dev.parley.security.AgentPrincipal;
import dev.parley.shared.ApiProblems;
import dev.parley.shared.ParleyProperties;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import dev.parley.site.SiteChanges;
import dev.parley.site.Sites;
import org.springframework.core.env.Environment;
import org.springframework.http.CacheControl;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;
import reactor.core.publisher.Mono;
import tools.jackson.databind.JsonNode;

/**
 * The account's sites: origins, appearance, greeting, pre-chat form, identity verification, and
 * the script tag to paste. The identity secret is shown only by its own two routes, never in a
 * site's view, and both are audited.
 */
@RestController
@RequestMapping("/api/v1/admin/sites")
class SitesApi {

    private final Sites sites;
    private final AuditLog audit;
    private final ParleyProperties parley;
    private final Environment environment;

    SitesApi(Sites sites, AuditLog audit, ParleyProperties parley, Environment environment) {
        this.sites = sites;
        this.audit = audit;
        this.parley = parley;
        this.environment = environment;
    }

    /** @param snippet the script tag to paste before {@code </body>} on the site's pages */
    record SiteView(String id, String siteKey, String name, List<String> allowedOrigins, Appearance appearance, String greeting,
            List<PrechatField> prechatFields, boolean identityRequired, Instant createdAt, String snippet) {
    }

    /** Shown to admins only, for their own server to compute identity hashes with; never to a browser of a visitor. */
    record IdentitySecret(String siteId, String identitySecret) {

        @Override
        public String toString() {
            return "IdentitySecret[siteId=" + siteId + "]";
        }
    }

    @GetMapping
    Mono<Page<SiteView>> list(@AuthenticationPrincipal AgentPrincipal admin, @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String after) {
        int size = Page.limit(limit);
        return Page.of(size, n -> sites.list(admin.accountId(), Page.after(after), n), Site::id, this::view);
    }

    @PostMapping
    Mono<ResponseEntity<SiteView>> create(@AuthenticationPrincipal AgentPrincipal admin, @RequestBody JsonNode body) {
        return Mono.fromCallable(() -> SiteRequest.draft(body))
                .flatMap(draft -> sites.create(admin.accountId(), draft))
                .flatMap(site -> audit.record(admin.accountId(), admin.agentId(), "site.created", "site", site.id(),
                        ApiProblems.auditDetails("name", site.name(), "allowedOrigins", String.join(" ", site.allowedOrigins()))).thenReturn(site))
                .map(site -> ResponseEntity.status(HttpStatus.CREATED).body(view(site)));
    }

    @GetMapping("/{siteId}")
    Mono<SiteView> get(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId) {
        return site(admin, siteId).map(this::view);
    }

    /** Changes the fields the body names; {@code greeting: null} removes the greeting. */
    @PatchMapping("/{siteId}")
    Mono<SiteView> update(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId, @RequestBody JsonNode body) {
        return site(admin, siteId).flatMap(current -> {
            SiteChanges changes = SiteRequest.changes(body, current);
            return sites.update(admin.accountId(), siteId, changes)
                    .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("site")))
                    .flatMap(site -> audit.record(admin.accountId(), admin.agentId(), "site.updated", "site", site.id(),
                            ApiProblems.auditDetails("fields", String.join(" ", body.propertyNames()),
                                    "allowedOrigins", changes.allowedOrigins() == null ? null : String.join(" ", site.allowedOrigins()),
                                    "identityRequired", changes.identityRequired())).thenReturn(view(site)));
        });
    }

    /** The script tag alone, for a copy button. */
    @GetMapping("/{siteId}/snippet")
    Mono<SnippetView> snippet(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId) {
        return site(admin, siteId).map(site -> new SnippetView(snippet(site)));
    }

    record SnippetView(String html) {
    }

    @GetMapping("/{siteId}/identity-secret")
    Mono<ResponseEntity<IdentitySecret>> identitySecret(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId) {
        return sites.identitySecret(admin.accountId(), siteId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("site")))
                .flatMap(secret -> audit.record(admin.accountId(), admin.agentId(), "site.identity_secret_viewed", "site", siteId, null)
                        .thenReturn(secretResponse(siteId, secret)));
    }

    /** A new secret: identity hashes made with the old one are refused from now on. */
    @PostMapping("/{siteId}/identity-secret/rotate")
    Mono<ResponseEntity<IdentitySecret>> rotate(@AuthenticationPrincipal AgentPrincipal admin, @PathVariable String siteId) {
        return sites.rotateIdentitySecret(admin.accountId(), siteId)
                .switchIfEmpty(Mono.error(() -> ApiProblems.notFound("site")))
                .flatMap(secret -> audit.record(admin.accountId(), admin.agentId(), "site.identity_secret_rotated", "site", siteId, null)
                        .thenReturn(secretResponse(siteId, secret)));
    }

    private Mono<Site> site(AgentPrincipal admin, String siteId) {
        return sites.find(admin.accountId(), siteId).switchIfEmpty(Mono.error(() -> ApiProblems.notFound("site")));
    }

    private static ResponseEntity<IdentitySecret> secretResponse(String siteId, String secret) {
        return ResponseEntity.ok().cacheControl(CacheControl.noStore()).body(new IdentitySecret(siteId, secret));
    }

    private SiteView view(Site s) {
        return new SiteView(s.id(), s.siteKey(), s.name(), s.allowedOrigins(), s.appearance(), s.greeting(), s.prechatFields(),
                s.identityRequired(), s.createdAt(), snippet(s));
    }

    /** The tag docs/widget.md describes, pointing at this installation's public address. */
    private String snippet(Site site) {
        String base = parley.publicUrl(environment.getProperty("local.server.port", Integer.class, 8080));
        return "<script async src=\"" + HtmlUtils.htmlEscape(base + "/widget.js") + "\" data-site=\""
                + HtmlUtils.htmlEscape(site.siteKey()) + "\"></script>";
    }
}
