package org.pcisegment.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/** The dotted-quad fast path of {@link IpAddress#parse} agrees with the ipaddress library. */
class DottedQuadPropertiesTest {
    @Provide
    Arbitrary<String> nearlyAddresses() {
        // Digits and dots only, so that most strings are close to a dotted quad.
        return Arbitraries.strings().withChars("0123456789.").ofMinLength(0).ofMaxLength(17);
    }

    @Provide
    Arbitrary<String> quads() {
        Arbitrary<String> octet = Arbitraries.oneOf(
                Arbitraries.integers().between(0, 300).map(String::valueOf),
                Arbitraries.strings().withChars("0123456789").ofMinLength(1).ofMaxLength(4));
        return octet.list().ofMinSize(3).ofMaxSize(5).map(parts -> String.join(".", parts));
    }

    @Property(tries = 3000)
    void agreesWithTheLibraryOnDigitsAndDots(@ForAll("nearlyAddresses") String text) {
        assertAgrees(text);
    }

    @Property(tries = 3000)
    void agreesWithTheLibraryOnOctetLists(@ForAll("quads") String text) {
        assertAgrees(text);
    }

    @Test
    void acceptsOnlyPlainDottedQuads() {
        assertThat(IpAddress.plainDottedQuad("10.0.1.20")).isEqualTo(0x0A000114L);
        assertThat(IpAddress.plainDottedQuad("255.255.255.255")).isEqualTo(0xFFFFFFFFL);
        assertThat(IpAddress.plainDottedQuad("0.0.0.0")).isZero();
        for (String other :
                new String[] {"010.0.0.1", "256.0.0.1", "1.2.3", "1.2.3.4.", "1.2.3.4.5", "1..2.3", "::1"}) {
            assertThat(IpAddress.plainDottedQuad(other)).as(other).isEqualTo(-1);
        }
    }

    private static void assertAgrees(String text) {
        Optional<IpAddress> library = IpAddress.parseWithLibrary(text);
        long fast = IpAddress.plainDottedQuad(text);
        if (fast >= 0) {
            assertThat(library).as(text).contains(IpAddress.v4(fast));
        } else {
            assertThat(library.filter(a -> a.family() == IpFamily.V4)).as(text).isEmpty();
        }
        assertThat(IpAddress.parse(text)).as(text).isEqualTo(library);
    }
}
