package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CidrTest {
    private static String invalid(String text) {
        return ((Cidr.Invalid) Cidr.parse(text, false)).reason();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10.0.1.0/24,        10.0.1.0,      10.0.1.255,   false",
        "10.0.1.5/24,        10.0.1.0,      10.0.1.255,   true",
        "0.0.0.0/0,          0.0.0.0,       255.255.255.255, false",
        "10.9.8.7/32,        10.9.8.7,      10.9.8.7,     false",
        "10.9.8.7/31,        10.9.8.6,      10.9.8.7,     true",
        "::/0,               ::,            ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff, false",
        "2001:db8::1/64,     2001:db8::,    2001:db8::ffff:ffff:ffff:ffff, true",
        "2001:db8::/63,      2001:db8::,    2001:db8:0:1:ffff:ffff:ffff:ffff, false",
        "2001:db8::8000/65,  2001:db8::,    2001:db8::7fff:ffff:ffff:ffff, true",
        "2001:db8::1/128,    2001:db8::1,   2001:db8::1,  false"
    })
    void coversFromItsNetworkToItsLastAddress(String text, String network, String last, boolean hostBits) {
        Cidr cidr = Cidr.of(text);
        assertThat(cidr.network()).hasToString(network);
        assertThat(cidr.last()).hasToString(last);
        assertThat(cidr.hasHostBits()).isEqualTo(hostBits);
        assertThat(cidr.contains(cidr.network())).isTrue();
        assertThat(cidr.contains(cidr.last())).isTrue();
        assertThat(PrefixSet.of(cidr).toCidrs()).singleElement().hasToString(cidr.canonical());
    }

    @Test
    void keepsWhatWasWrittenAndPrintsTheCanonicalBlockSeparately() {
        Cidr cidr = Cidr.of("10.0.1.5/24");
        assertThat(cidr).hasToString("10.0.1.5/24");
        assertThat(cidr.canonical()).isEqualTo("10.0.1.0/24");
        assertThat(Cidr.of(" 2001:DB8::/32 ").canonical()).isEqualTo("2001:db8::/32");
    }

    @Test
    void containmentStaysWithinOneFamily() {
        Cidr private10 = Cidr.of("10.0.0.0/8");
        assertThat(private10.contains(Cidr.of("10.1.0.0/16"))).isTrue();
        assertThat(private10.contains(Cidr.of("10.0.0.0/8"))).isTrue();
        assertThat(private10.contains(Cidr.of("0.0.0.0/0"))).isFalse();
        assertThat(private10.contains(Cidr.of("11.0.0.0/16"))).isFalse();
        assertThat(Cidr.of("::/0").contains(IpAddress.parseOrThrow("10.0.0.1"))).isFalse();
        assertThat(Cidr.of("::ffff:0:0/96").contains(IpAddress.parseOrThrow("::ffff:10.0.0.1")))
                .isTrue();
    }

    @Test
    void bareAddressesAreHostsOnlyWhereAllowed() {
        assertThat(Cidr.parse("10.0.0.1", true)).isEqualTo(new Cidr.Valid(Cidr.of("10.0.0.1/32")));
        assertThat(Cidr.parse("2001:db8::1", true)).isEqualTo(new Cidr.Valid(Cidr.of("2001:db8::1/128")));
        assertThat(invalid("10.0.0.1")).isEqualTo("'10.0.0.1' is not a CIDR block; expected address/length");
        assertThat(((Cidr.Invalid) Cidr.parse("10.0.0", true)).reason())
                .isEqualTo("'10.0.0' is not an IPv4 or IPv6 address");
    }

    @Test
    void explainsEachInvalidForm() {
        assertThat(invalid("10.0.0.0/33")).isEqualTo("'10.0.0.0/33' has prefix length /33; the maximum is /32");
        assertThat(invalid("::/129")).isEqualTo("'::/129' has prefix length /129; the maximum is /128");
        assertThat(invalid("10.0.0.0/99999"))
                .isEqualTo("'10.0.0.0/99999' has prefix length /99999; the maximum is /32");
        assertThat(invalid("10.0.0.0/")).isEqualTo("'10.0.0.0/' has no valid prefix length after '/'");
        assertThat(invalid("10.0.0.0/-1")).isEqualTo("'10.0.0.0/-1' has no valid prefix length after '/'");
        assertThat(invalid("10.0.0.0/8/8")).isEqualTo("'10.0.0.0/8/8' has no valid prefix length after '/'");
        assertThat(invalid("10.0.0.0 /8")).isEqualTo("'10.0.0.0 /8' does not start with an IPv4 or IPv6 address");
        assertThat(invalid("any/0")).isEqualTo("'any/0' does not start with an IPv4 or IPv6 address");
        assertThat(invalid("")).isEqualTo("'' is not a CIDR block; expected address/length");
    }
}
