package dev.parley.visitorgateway;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import dev.parley.site.Site;
import dev.parley.testing.Fixtures;
import dev.parley.testing.ParleyIntegrationTest;
import dev.parley.testing.WidgetClient;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.test.context.TestPropertySource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Behind a proxy that Parley is told to trust ({@code server.forward-headers-strategy=framework},
 * as docs/operations.md says), visitor sockets are counted by the address the proxy forwarded, not
 * by the proxy's own.
 */
@ParleyIntegrationTest
@TestPropertySource(properties = {"server.forward-headers-strategy=framework", "parley.visitor-gateway.max-connections-per-ip=2"})
class ForwardedAddressTests {

    static final String ORIGIN = "https://shop.example";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Test
    void socketsAreCountedByTheForwardedClientAddress() {
        Fixtures fixtures = new Fixtures(context);
        Site site = fixtures.site(fixtures.account("Acme"), ORIGIN);
        Map<String, String> ann = Map.of("X-Forwarded-For", "203.0.113.7, 10.0.0.1");
        Map<String, String> bob = Map.of("Forwarded", "for=\"[2001:db8::1]:4711\";proto=https");
        Map<String, String> bobElsewhere = Map.of("X-Forwarded-For", "2001:db8:0:0:0:0:0:1");
        List<WidgetClient> open = new ArrayList<>();
        try {
            open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN, ann));
            open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN, ann));
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN, ann)).isEqualTo(429);

            open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN, bob));
            open.add(WidgetClient.connect(port, site.siteKey(), ORIGIN, bob));
            // The same address however the proxy spells it.
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN, bobElsewhere)).isEqualTo(429);

            // Four sockets from the proxy's own address so far, over the limit of two: it is not what counts.
            assertThat(WidgetClient.handshakeStatus(port, site.siteKey(), ORIGIN)).isEqualTo(101);
        }
        finally {
            open.forEach(WidgetClient::close);
        }
    }
}
