package dev.parley.testing;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.parley.conversation.Conversation;
import dev.parley.conversation.Conversations;
import dev.parley.conversation.OpenCommand;
import dev.parley.shared.Ids;
import dev.parley.shared.Times;
import dev.parley.site.Account;
import dev.parley.site.Appearance;
import dev.parley.site.PrechatField;
import dev.parley.site.Site;
import dev.parley.site.SiteDraft;
import dev.parley.site.Sites;
import org.springframework.context.ApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;

/** Builds accounts, sites, visitors and conversations for tests, through the real modules. Test code may wait. */
public final class Fixtures {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final ApplicationContext context;

    public Fixtures(ApplicationContext context) {
        this.context = context;
    }

    public Account account(String name) {
        return context.getBean(Sites.class).createAccount(name).block(WAIT);
    }

    public Site site(Account account, String... origins) {
        return site(account, false, origins);
    }

    public Site site(Account account, boolean identityRequired, String... origins) {
        return context.getBean(Sites.class).create(account.id(), new SiteDraft("Shop", List.of(origins), Appearance.defaults(),
                "Hello", List.of(new PrechatField("email", "Email", "email", false)), identityRequired)).block(WAIT);
    }

    /** What the customer's server would compute: HMAC-SHA256 of the user id under the site's secret, hex. */
    public String identityHash(Site site, String userId) {
        String secret = context.getBean(DatabaseClient.class).sql("SELECT identity_secret FROM sites WHERE id = :id")
                .bind("id", site.id()).map(row -> row.get("identity_secret", String.class)).one().block(WAIT);
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8), "HmacSHA256"));
            return java.util.HexFormat.of().formatHex(mac.doFinal(userId.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    public dev.parley.agent.Agent agent(Account account, String name, dev.parley.agent.Role role) {
        return context.getBean(dev.parley.agent.Agents.class).create(account.id(), new dev.parley.agent.AgentDraft(
                name.toLowerCase(java.util.Locale.ROOT) + "-" + Ids.next().toLowerCase(java.util.Locale.ROOT) + "@example.test",
                name, role, "password-" + name, null)).block(WAIT);
    }

    /** The agent opens a console connection on this node and chooses ONLINE: they are available. */
    public String online(dev.parley.agent.Agent agent) {
        String connection = "test-" + Ids.next();
        dev.parley.agent.Presence presence = context.getBean(dev.parley.agent.Presence.class);
        presence.connected(agent.accountId(), agent.id(), connection).block(WAIT);
        presence.setStatus(agent.accountId(), agent.id(), dev.parley.agent.AgentStatus.ONLINE).block(WAIT);
        return connection;
    }

    /**
     * Pushes the connection's lease a day ahead, for tests whose virtual time would otherwise
     * outrun the node's real-time renewals.
     */
    public void keepAlive(String connection) {
        // Out of the node's renewal set first, or its next renewal would pull the expiry back to real time.
        context.getBean(dev.parley.agent.Presence.class).disconnected(connection).block(WAIT);
        context.getBean(DatabaseClient.class).sql("UPDATE presence_leases SET expires_at = :until WHERE connection_id = :id")
                .bind("until", Times.toDb(java.time.Instant.now().plus(java.time.Duration.ofDays(1))))
                .bind("id", connection)
                .then().block(WAIT);
    }

    /** A visitor row without a token, for tests that never authenticate as them. */
    public String visitor(Site site) {
        String id = Ids.next();
        context.getBean(DatabaseClient.class)
                .sql("INSERT INTO visitors (id, account_id, site_id, first_seen_at, last_seen_at) VALUES (:id, :account, :site, :now, :now)")
                .bind("id", id)
                .bind("account", site.accountId())
                .bind("site", site.id())
                .bind("now", Times.toDb(java.time.Instant.now()))
                .then().block(WAIT);
        return id;
    }

    public Conversation conversation(Site site) {
        return context.getBean(Conversations.class)
                .open(new OpenCommand(site.accountId(), site.id(), visitor(site), Map.of(), null)).block(WAIT);
    }
}
