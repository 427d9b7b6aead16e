package dev.parley.security.internal;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import com.nimbusds.jose.jwk.ECKey;
import dev.parley.testing.Nodes;
import dev.parley.testing.TestBackend;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.r2dbc.core.DatabaseClient;
import reactor.core.publisher.Flux;
import reactor.core.scheduler.Schedulers;

import static org.assertj.core.api.Assertions.assertThat;

/** Many nodes creating the first key at the same moment end up with one key, the same for all. */
class SigningKeysRaceTests {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Test
    void concurrentFirstStartsAgreeOnOneKey() {
        try (ConfigurableApplicationContext node = Nodes.start(TestBackend.selected())) {
            DatabaseClient db = node.getBean(DatabaseClient.class);
            for (int round = 0; round < 5; round++) {
                // Back to an empty table; each SigningKeys below is a node that has not read the key yet.
                db.sql("DELETE FROM signing_keys").then().block(WAIT);
                List<String> kids = Flux.range(0, 8)
                        .flatMap(i -> new SigningKeys(db, Clock.systemUTC()).signingKey().subscribeOn(Schedulers.parallel()))
                        .map(ECKey::getKeyID)
                        .collectList()
                        .block(WAIT);
                List<String> stored = db.sql("SELECT kid FROM signing_keys").map(row -> row.get("kid", String.class)).all()
                        .collectList().block(WAIT);
                assertThat(stored).hasSize(1);
                assertThat(kids).hasSize(8).containsOnly(stored.get(0));
            }
        }
    }
}
