package org.pcisegment.core.ir;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;
import org.pcisegment.core.net.IpAddress;
import org.pcisegment.core.net.IpRange;
import org.pcisegment.core.net.PortSet;

/** The byte writer prints exactly what the text methods of the values print, across buffer flushes. */
class CanonicalWriterTest {
    @Property(tries = 50)
    void writesWhatToStringWrites(
            @ForAll @Size(min = 1, max = 3000) List<@IntRange(min = 0, max = 7) Integer> kinds,
            @ForAll long seedA,
            @ForAll long seedB) {
        ByteArrayOutputStream written = new ByteArrayOutputStream();
        CanonicalWriter writer = new CanonicalWriter((bytes, length) -> written.write(bytes, 0, length));
        StringBuilder expected = new StringBuilder();
        long a = seedA;
        long b = seedB;
        PortSet shared = PortSet.of(22, 443).union(PortSet.range(8000, 8080));
        for (int kind : kinds) {
            a = a * 6364136223846793005L + 1442695040888963407L;
            b = b * 6364136223846793005L + 1442695040888963407L;
            switch (kind) {
                case 0, 1, 2 -> {
                    IpAddress first = IpAddress.v4(Math.min(a >>> 32, b >>> 32));
                    IpAddress last = IpAddress.v4(Math.max(a >>> 32, b >>> 32));
                    writer.range(new IpRange(first, last));
                    expected.append(first).append('-').append(last);
                }
                case 3 -> {
                    IpAddress first = IpAddress.v6(Math.min(a >>> 1, b >>> 1), b);
                    IpAddress last = IpAddress.v6(Math.max(a >>> 1, b >>> 1), b);
                    writer.range(new IpRange(first, last));
                    expected.append(first).append('-').append(last);
                }
                case 4 -> {
                    PortSet ports = PortSet.of((int) (a & 0xFFFF) | 1, (int) (b & 0xFFFF) | 1);
                    writer.ports(ports);
                    expected.append(ports);
                }
                case 5 -> {
                    writer.ports(shared);
                    expected.append(shared);
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
}
