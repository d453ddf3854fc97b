package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.Cidr;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;

/** The address map at the ends of both address spaces and for the widest and narrowest prefixes. */
class AddressIndexTest {

    private static IpRange range(String cidr) {
        Cidr parsed = Cidr.of(cidr);
        return new IpRange(parsed.network(), parsed.last());
    }

    private static IpAddress ip(String text) {
        return IpAddress.parseOrThrow(text);
    }

    @Test
    void firstAndLastAddressesOfBothFamilies() {
        AddressIndex index = AddressIndex.builder()
                .put(range("0.0.0.0/32"), 1)
                .put(range("10.0.0.0/8"), 2)
                .put(range("255.255.255.255/32"), 3)
                .put(range("::/128"), 4)
                .put(range("fd00::/8"), 5)
                .put(range("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"), 6)
                .build();

        assertThat(index.lookup(ip("0.0.0.0"))).isEqualTo(1);
        assertThat(index.lookup(ip("0.0.0.1"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("9.255.255.255"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("10.0.0.0"))).isEqualTo(2);
        assertThat(index.lookup(ip("10.255.255.255"))).isEqualTo(2);
        assertThat(index.lookup(ip("11.0.0.0"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("255.255.255.254"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("255.255.255.255"))).isEqualTo(3);
        assertThat(index.lookup(ip("::"))).isEqualTo(4);
        assertThat(index.lookup(ip("::1"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("fd00::1"))).isEqualTo(5);
        assertThat(index.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:fffe"))).isEqualTo(AddressIndex.NONE);
        assertThat(index.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isEqualTo(6);
        assertThat(index.size()).isEqualTo(5 + 5);
    }

    @Test
    void slashZeroCoversEveryAddressOfItsFamilyOnly() {
        AddressIndex index = AddressIndex.builder().put(range("0.0.0.0/0"), 7).build();

        assertThat(index.lookup(ip("0.0.0.0"))).isEqualTo(7);
        assertThat(index.lookup(ip("255.255.255.255"))).isEqualTo(7);
        assertThat(index.lookup(ip("::"))).isEqualTo(AddressIndex.NONE);

        AddressIndex v6 = AddressIndex.builder().put(range("::/0"), 8).build();
        assertThat(v6.lookup(ip("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff"))).isEqualTo(8);
        assertThat(v6.lookup(ip("0.0.0.0"))).isEqualTo(AddressIndex.NONE);
    }

    @Test
    void forEachGivesBackTheRangesThatWerePut() {
        List<String> ranges = List.of(
                "0.0.0.0/32",
                "10.0.0.0/31",
                "10.0.0.2/32",
                "255.255.255.255/32",
                "::/128",
                "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128");
        AddressIndex.Builder builder = AddressIndex.builder();
        for (int i = 0; i < ranges.size(); i++) {
            builder.put(range(ranges.get(i)), i);
        }
        List<String> visited = new ArrayList<>();
        builder.build()
                .forEach(value -> value != AddressIndex.NONE, (range, value) -> visited.add(value + " " + range));

        assertThat(visited)
                .containsExactly(
                        "0 " + range("0.0.0.0/32"),
                        "1 " + range("10.0.0.0/31"),
                        "2 " + range("10.0.0.2/32"),
                        "3 " + range("255.255.255.255/32"),
                        "4 " + range("::/128"),
                        "5 " + range("ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128"));
    }
}
