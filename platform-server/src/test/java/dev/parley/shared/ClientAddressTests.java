package dev.parley.shared;

import java.net.InetSocketAddress;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** One client, one key: the address a visitor is counted and banned by, however it reached the server. */
class ClientAddressTests {

    @Test
    void noAddressIsUnknown() {
        assertThat(ClientAddress.of((InetSocketAddress) null)).isEqualTo("unknown");
        assertThat(ClientAddress.of(InetSocketAddress.createUnresolved(" ", 80))).isEqualTo("unknown");
    }

    @Test
    void aConnectedPeerIsItsAddress() {
        assertThat(ClientAddress.of(new InetSocketAddress("127.0.0.1", 5555))).isEqualTo("127.0.0.1");
    }

    @Test
    void aForwardedAddressIsItsHostInCanonicalFormAndNeverLookedUp() {
        assertThat(ClientAddress.of(InetSocketAddress.createUnresolved("203.0.113.7", 80))).isEqualTo("203.0.113.7");
        assertThat(ClientAddress.of(InetSocketAddress.createUnresolved("[2001:db8::1]", 4711))).isEqualTo("2001:db8:0:0:0:0:0:1");
        assertThat(ClientAddress.of(InetSocketAddress.createUnresolved("2001:DB8:0::1", 80))).isEqualTo("2001:db8:0:0:0:0:0:1");
        // RFC 7239 lets a proxy hide the client behind an obfuscated name: it is still one key.
        assertThat(ClientAddress.of(InetSocketAddress.createUnresolved("_hidden", 80))).isEqualTo("_hidden");
    }
}
