package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;

/**
 * The byte writer prints what the text methods of the values print (a range of one as its address;
 * port sets numbered by value), across buffer flushes.
 */
class CanonicalWriterTest {
    @Property(tries = 50)
    void writesWhatToStringWrites(
            @ForAll @Size(min = 1, max = 3000) List<@IntRange(min = 0, max = 9) Integer> kinds,
            @ForAll long seedA,
            @ForAll long seedB) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CanonicalWriter writer = new CanonicalWriter((bytes, length) -> written.write(bytes, 0, length));
        StringBuilder expected = new StringBuilder();
        long a = seedA;
        long b = seedB;
        PortSet shared = PortSet.of(22, 443).union(PortSet.range(8000, 8080));
        Map<PortSet, Integer> numbers = new HashMap<>();
        for (int kind : kinds) {
            a = a * 6364136223846793005L + 1442695040888963407L;
            b = b * 6364136223846793005L + 1442695040888963407L;
            switch (kind) {
                case 0, 1, 2 -> {
                    IpAddress first = IpAddress.v4(Math.min(a >>> 32, b >>> 32));
                    IpAddress last = IpAddress.v4(Math.max(a >>> 32, b >>> 32));
                    writer.range(new IpRange(first, last));
                    expectRange(expected, first, last);
                }
                case 8 -> {
                    IpAddress single = (a & 1) == 0 ? IpAddress.v4(a >>> 32) : IpAddress.v6(a, b);
                    writer.range(new IpRange(single, single));
                    expected.append(single);
                }
                case 3 -> {
                    IpAddress first = IpAddress.v6(Math.min(a >>> 1, b >>> 1), b);
                    IpAddress last = IpAddress.v6(Math.max(a >>> 1, b >>> 1), b);
                    writer.range(new IpRange(first, last));
                    expectRange(expected, first, last);
                }
                case 4 -> {
                    PortSet ports = PortSet.of((int) (a & 0xFFFF) | 1, (int) (b & 0xFFFF) | 1);
                    writer.ports(ports);
                    expectPorts(expected, numbers, ports);
                }
                case 5 -> {
                    writer.ports(shared);
                    expectPorts(expected, numbers, shared);
                }
                case 9 -> {
                    // equal to the shared set, but another instance: the same number
                    PortSet copy = PortSet.range(8000, 8080).union(PortSet.of(443, 22));
                    writer.ports(copy);
                    expectPorts(expected, numbers, copy);
                }
                case 6 -> {
                    String text =
                            (a & 1) == 0 ? "  tcp " : "workload caf\u00e9-\u00fcber " + "x".repeat((int) (b & 255));
                    writer.text(text);
                    expected.append(text);
                }
                default -> {
                    writer.newline();
                    expected.append('\n');
                }
            }
        }
        writer.flush();
        assertThat(written.toString(StandardCharsets.UTF_8)).isEqualTo(expected.toString());
    }

    private static void expectRange(StringBuilder expected, IpAddress first, IpAddress last) {
        expected.append(first);
        if (!first.equals(last)) {
            expected.append('-').append(last);
        }
    }

    /** "#n" once numbered, "#n PORTS" the first time, n counting distinct sets from 1. */
    private static void expectPorts(StringBuilder expected, Map<PortSet, Integer> numbers, PortSet ports) {
        Integer known = numbers.get(ports);
        if (known != null) {
            expected.append('#').append(known);
        } else {
            numbers.put(ports, numbers.size() + 1);
            expected.append('#').append(numbers.size()).append(' ').append(ports);
        }
    }
}
