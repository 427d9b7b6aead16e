package dev.parley.bootstrap;

import java.time.Clock;
import java.util.List;

import dev.parley.agent.AgentDraft;
import dev.parley.agent.Agents;
import dev.parley.agent.Role;
import dev.parley.shared.ParleyProperties;
import dev.parley.shared.Secrets;
import dev.parley.shared.Times;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import dev.parley.site.SiteDraft;
import dev.parley.site.Sites;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.env.Environment;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Mono;

/**
 * Seeds an empty database once. The {@code system_flags} row is inserted in the same transaction
 * as the seed, so a second start, or a second node starting at the same moment, creates nothing.
 */
@Component
class FirstStart implements ApplicationRunner {

    static final String FLAG = "bootstrap.v1";

    private static final Logger log = LoggerFactory.getLogger(FirstStart.class);

    /** 18 random bytes: a 24-character password that a person can still copy from a log. */
    private static final int GENERATED_PASSWORD_BYTES = 18;

    private final DatabaseClient db;
    private final TransactionalOperator tx;
    private final Sites sites;
    private final Agents agents;
    private final AdminProperties admin;
    private final ParleyProperties parley;
    private final Clock clock;
    private final Environment environment;

    FirstStart(DatabaseClient db, TransactionalOperator tx, Sites sites, Agents agents, AdminProperties admin,
            ParleyProperties parley, Clock clock, Environment environment) {
        this.db = db;
        this.tx = tx;
        this.sites = sites;
        this.agents = agents;
        this.admin = admin;
        this.parley = parley;
        this.clock = clock;
        this.environment = environment;
    }

    /**
     * Runs on the main thread before the application reports itself ready, so it waits for the
     * seed: nobody can try to sign in before the admin exists.
     */
    @Override
    public void run(ApplicationArguments args) {
        int port = environment.getProperty("local.server.port", Integer.class, 8080);
        seed(port).toFuture().join();
    }

    /** Completes with true when this call seeded the database, false when it had been seeded before. */
    Mono<Boolean> seed(int port) {
        String publicUrl = parley.publicUrl(port);
        boolean generated = admin.password() == null || admin.password().isBlank();
        String password = generated ? Secrets.random(GENERATED_PASSWORD_BYTES) : admin.password();
        Mono<Site> seeding = db.sql("INSERT INTO system_flags (name, created_at) VALUES (:name, :at)")
                .bind("name", FLAG)
                .bind("at", Times.toDb(clock.instant()))
                .then()
                .then(sites.createAccount("Demo"))
                .flatMap(account -> agents.create(account.id(),
                                new AgentDraft(admin.emailOrDefault(), "Admin", Role.ADMIN, password, null))
                        .then(sites.create(account.id(), demoSite(publicUrl, port))));
        return tx.transactional(seeding)
                .doOnNext(site -> announce(site, publicUrl, password, generated))
                .map(site -> true)
                .onErrorResume(DataIntegrityViolationException.class, alreadySeeded -> Mono.just(false))
                .defaultIfEmpty(false);
    }

    private static SiteDraft demoSite(String publicUrl, int port) {
        List<String> origins = List.of("http://localhost:" + port, "http://127.0.0.1:" + port);
        if (!origins.contains(publicUrl)) {
            origins = List.of(origins.get(0), origins.get(1), publicUrl);
        }
        return new SiteDraft("Demo site", origins, Appearance.defaults(), "Hi! How can we help you today?",
                List.of(new PrechatField("name", "Your name", "text", false),
                        new PrechatField("email", "Email", "email", false)),
                false);
    }

    private void announce(Site site, String publicUrl, String password, boolean generated) {
        log.warn("""

                ==================================================================
                 Parley is ready. This message is shown once, on the first start.
                   Agent console : {}/console/
                   Admin email   : {}
                   Admin password: {}
                   Widget snippet: <script async src="{}/widget.js" data-site="{}"></script>
                ==================================================================""",
                publicUrl, admin.emailOrDefault(), generated ? password : "(from PARLEY_ADMIN_PASSWORD)",
                publicUrl, site.siteKey());
    }
}
