package org.pcisegment.report.html;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.fontbox.ttf.TTFParser;
import org.apache.fontbox.ttf.TTFSubsetter;
import org.apache.fontbox.ttf.TrueTypeFont;
import org.apache.pdfbox.io.RandomAccessReadBuffer;

/**
 * The fonts of every report: DejaVu Sans (regular, bold) and DejaVu Sans Mono from Debian's
 * fonts-dejavu-core, shipped as resources (their licence, beside them, permits it). The PDF embeds
 * them; the HTML carries a subset holding only the characters the page uses, so it stays small and
 * self-contained and looks the same on every machine.
 */
public final class ReportFonts {
    /** A face of the report's fonts, with the CSS family, weight and the resource it comes from. */
    public enum Face {
        SANS("Report Sans", 400, "DejaVuSans.ttf"),
        SANS_BOLD("Report Sans", 700, "DejaVuSans-Bold.ttf"),
        MONO("Report Mono", 400, "DejaVuSansMono.ttf");

        private final String family;
        private final int weight;
        private final String resource;

        Face(String family, int weight, String resource) {
            this.family = family;
            this.weight = weight;
            this.resource = resource;
        }

        public String family() {
            return family;
        }

        public int weight() {
            return weight;
        }
    }

    /**
     * The tables a subset keeps. Layout tables (GSUB, GPOS, GDEF, kern, MATH) refer to glyphs by their
     * number in the whole font; the subset renumbers glyphs, so kept as they are they would substitute
     * the wrong glyphs (browsers dropped every "ss" pair). Without them the text is laid out unkerned.
     */
    private static final List<String> SUBSET_TABLES = List.of(
            "head", "hhea", "maxp", "OS/2", "name", "cmap", "post", "cvt ", "fpgm", "prep", "gasp", "glyf", "loca",
            "hmtx");

    private static final Map<Face, byte[]> BYTES = new EnumMap<>(Face.class);

    private ReportFonts() {}

    /** The whole font file. */
    public static synchronized byte[] bytes(Face face) {
        return BYTES.computeIfAbsent(face, f -> {
            try (InputStream in = ReportFonts.class.getResourceAsStream("/org/pcisegment/report/fonts/" + f.resource)) {
                if (in == null) {
                    throw new IllegalStateException("missing font resource " + f.resource);
                }
                return in.readAllBytes();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** A TrueType font holding only the glyphs of {@code text} (and the font's required glyphs). */
    public static byte[] subset(Face face, String text) {
        Set<Integer> codePoints = new TreeSet<>();
        text.codePoints().forEach(codePoints::add);
        try (TrueTypeFont font = new TTFParser().parse(new RandomAccessReadBuffer(bytes(face)))) {
            TTFSubsetter subsetter = new TTFSubsetter(font, SUBSET_TABLES);
            subsetter.addAll(codePoints);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            subsetter.writeToStream(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot subset " + face.resource, e);
        }
    }
}
