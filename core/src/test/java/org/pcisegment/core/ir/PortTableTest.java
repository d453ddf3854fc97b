package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;
import org.pcisegment.core.net.PortSet;

/**
 * Port tables in their flat form against "the first rule whose ports hold the port", on every port,
 * for tables short enough to be counted whole and long enough to be halved first.
 */
class PortTableTest {

    private static PortSet randomPorts(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> PortSet.all();
            case 1 -> PortSet.of(random.nextBoolean() ? PortSet.MIN_PORT : PortSet.MAX_PORT);
            case 2 -> {
                int first = 1 + random.nextInt(65535);
                yield PortSet.range(first, Math.min(PortSet.MAX_PORT, first + random.nextInt(300)));
            }
            default -> PortSet.of(1 + random.nextInt(65535));
        };
    }

    /** Every port's answer from the table at a non-zero offset of a shared array. */
    private static void assertMatchesFirstRule(List<PortSet> ports, int[] positions) {
        IntArray data = new IntArray();
        PortTable.of(new int[] {0}, List.of(PortSet.of(80))).appendTo(data); // another table first
        int offset = PortTable.of(positions, ports).appendTo(data);
        int[] flat = data.toArray();
        for (int port = 0; port <= PortSet.MAX_PORT; port++) {
            int expected = AddressIndex.NONE;
            for (int position : positions) {
                if (port >= PortSet.MIN_PORT && ports.get(position).contains(port)) {
                    expected = position;
                    break;
                }
            }
            assertThat(PortTable.firstRule(flat, offset, port))
                    .as("port %d", port)
                    .isEqualTo(expected);
        }
    }

    @Property(tries = 40)
    void firstRuleIsTheFirstPositionWhosePortsHoldThePort(@ForAll long seed) {
        Random random = new Random(seed);
        int rules = random.nextInt(4) == 0 ? 1 + random.nextInt(8) : 20 + random.nextInt(400);
        List<PortSet> ports = new ArrayList<>();
        for (int i = 0; i < rules; i++) {
            ports.add(randomPorts(random));
        }
        int[] positions =
                IntStream.range(0, rules).filter(i -> random.nextInt(5) != 0).toArray();
        assertMatchesFirstRule(ports, positions);
    }

    @Test
    void longTablesAreSearchedToTheirLastStart() {
        // 300 single ports: 601 starts, halved before counting; the last piece ends at 65535
        List<PortSet> ports = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            ports.add(PortSet.of(PortSet.MAX_PORT - 2 * i));
        }
        ports.add(PortSet.of(PortSet.MIN_PORT));
        int[] positions = IntStream.range(0, ports.size()).toArray();
        assertMatchesFirstRule(ports, positions);

        IntArray data = new IntArray();
        int offset = PortTable.of(positions, ports).appendTo(data);
        int[] flat = data.toArray();
        assertThat(flat[offset]).isGreaterThan(64);
        assertThat(PortTable.firstRule(flat, offset, PortSet.MAX_PORT)).isEqualTo(0);
        assertThat(PortTable.firstRule(flat, offset, PortSet.MAX_PORT - 1)).isEqualTo(AddressIndex.NONE);
        assertThat(PortTable.firstRule(flat, offset, PortSet.MIN_PORT)).isEqualTo(300);
    }

    @Test
    void allPortsThenOnePortCitesTheEarlierRule() {
        assertMatchesFirstRule(List.of(PortSet.of(443), PortSet.all()), new int[] {0, 1});
        assertMatchesFirstRule(List.of(PortSet.all(), PortSet.of(443)), new int[] {0, 1});
    }
}
