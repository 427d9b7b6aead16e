package dev.parley.webhook.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class AddressGuardTests {

    final AddressGuard guard = new AddressGuard(false);

    @Test
    void privateLoopbackLinkLocalAndReservedAddressesAreRefused() throws Exception {
        for (String address : List.of("127.0.0.1", "127.8.8.8", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "198.18.0.1",
                "::1", "::", "fe80::1", "fd00::1", "fc00::5", "::ffff:127.0.0.1", "::ffff:10.0.0.1")) {
            assertThat(guard.allowed(InetAddress.getByName(address))).as(address).isFalse();
        }
    }

    @Test
    void publicAddressesAreAllowed() throws Exception {
        for (String address : List.of("93.184.216.34", "1.1.1.1", "172.32.0.1", "2606:4700:4700::1111", "::ffff:8.8.8.8")) {
            assertThat(guard.allowed(InetAddress.getByName(address))).as(address).isTrue();
        }
    }

    @Test
    void urlsAreCheckedWithoutLookingNamesUp() {
        assertThat(guard.refusal("https://hooks.example.com/parley")).isNull();
        assertThat(guard.refusal("http://127.0.0.1:8080/x")).contains("private or loopback");
        assertThat(guard.refusal("http://[::1]/x")).contains("private or loopback");
        assertThat(guard.refusal("http://localhost/x")).contains("private or loopback");
        assertThat(guard.refusal("http://api.localhost/x")).contains("private or loopback");
        assertThat(guard.refusal("http://169.254.169.254/latest/meta-data")).contains("private or loopback");
        assertThat(guard.refusal("ftp://example.com/x")).contains("http or https");
        assertThat(guard.refusal("/relative")).contains("http or https");
        assertThat(guard.refusal("https://user:pw@example.com/")).contains("credentials");
    }

    @Test
    void onlyPermittedResolvedAddressesAreConnectedTo() throws Exception {
        var loopback = new InetSocketAddress(InetAddress.getByName("127.0.0.1"), 80);
        var metadata = new InetSocketAddress(InetAddress.getByName("169.254.169.254"), 80);
        var open = new InetSocketAddress(InetAddress.getByName("93.184.216.34"), 80);
        assertThat(guard.permitted(List.of(loopback, metadata))).isEmpty();
        assertThat(guard.permitted(List.of(loopback, open))).containsExactly(open);
    }

    @Test
    void theSettingAllowsPrivateAddresses() throws Exception {
        AddressGuard allowing = new AddressGuard(true);
        assertThat(allowing.refusal("http://127.0.0.1:8080/x")).isNull();
        assertThat(allowing.allowed(InetAddress.getByName("10.0.0.1"))).isTrue();
    }
}
