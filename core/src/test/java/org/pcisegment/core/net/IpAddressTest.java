package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressTest {
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // RFC 5952: lower case, no leading zeros, the longest run of zero groups compressed,
        // the first one on a tie, a single zero group never compressed.
        "2001:0DB8:0000:0000:0000:0000:0000:0001, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1,                     2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1,                     2001:db8:0:1:1:1:1:1",
        "2001:db8:0:0:0:1:0:0,                     2001:db8::1:0:0",
        "0:0:0:0:0:0:0:0,                          ::",
        "0:0:0:0:0:0:0:1,                          ::1",
        "1:0:0:0:0:0:0:0,                          1::",
        "fe80:0:0:0:0:0:0:0,                       fe80::",
        "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff,  ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff",
        // IPv4-mapped: RFC 5952 section 5 recommends the mixed notation.
        "::ffff:10.0.1.20,                         ::ffff:10.0.1.20",
        "::ffff:a00:114,                           ::ffff:10.0.1.20",
        // IPv4 is printed as written, without leading zeros.
        "10.0.1.20,                                10.0.1.20",
        "0.0.0.0,                                  0.0.0.0",
        "255.255.255.255,                          255.255.255.255"
    })
    void printsCanonicalText(String written, String canonical) {
        IpAddress address = IpAddress.parseOrThrow(written.strip());
        assertThat(address).hasToString(canonical);
        assertThat(IpAddress.parseOrThrow(canonical)).isEqualTo(address);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                "", " ", "10.0.0", "10.0.0.256", "10.0.0.1.2", "010.0.0.1", "10.0.0.-1", "10.0.0.*", "10.0.0.1-5",
                "1::2::3", "12345::", "fe80::1%eth0", "gggg::", "10.0.0.0/8", "::/0", "localhost", "0x0a000001",
                        "167772161"
            })
    void refusesWhatIsNotOneLiteralAddress(String text) {
        assertThat(IpAddress.parse(text)).isEmpty();
    }

    @Test
    void equalityIsByFamilyAndValue() {
        IpAddress a = IpAddress.parseOrThrow("10.0.0.1");
        assertThat(a).isEqualTo(IpAddress.v4(0x0A000001L)).hasSameHashCodeAs(IpAddress.v4(0x0A000001L));
        assertThat(a).isNotEqualTo(IpAddress.v4(0x0A000002L)).isNotEqualTo(IpAddress.v6(0, 0x0A000001L));
        assertThat(IpAddress.v6(1, 2)).isEqualTo(IpAddress.v6(1, 2)).isNotEqualTo(IpAddress.v6(2, 1));
        assertThat(IpAddress.v6(1, 2).hashCode())
                .isNotEqualTo(IpAddress.v6(2, 1).hashCode());
        assertThat(a).isNotEqualTo("10.0.0.1");
    }

    @Test
    void ordersIpv4BeforeIpv6AndByValueWithinAFamily() {
        assertThat(IpAddress.parseOrThrow("10.0.0.2")).isGreaterThan(IpAddress.parseOrThrow("10.0.0.1"));
        assertThat(IpAddress.parseOrThrow("255.255.255.255")).isLessThan(IpAddress.parseOrThrow("::"));
        assertThat(IpAddress.parseOrThrow("8000::")).isGreaterThan(IpAddress.parseOrThrow("7fff::"));
    }

    @Test
    void convertsToBytes() throws Exception {
        for (String text : new String[] {"192.0.2.1", "2001:db8::ff00:42:8329", "::ffff:192.0.2.1"}) {
            IpAddress address = IpAddress.parseOrThrow(text);
            assertThat(address.toInetAddress().getAddress()).isEqualTo(address.toBytes());
        }
        assertThat(IpAddress.parseOrThrow("0.0.1.0").toBigInteger()).hasToString("256");
        assertThatThrownBy(() -> new IpAddress(IpFamily.V4, 0, 1L << 32)).isInstanceOf(IllegalArgumentException.class);
    }
}
