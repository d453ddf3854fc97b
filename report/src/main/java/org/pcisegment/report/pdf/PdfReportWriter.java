package org.pcisegment.report.pdf;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import com.openhtmltopdf.util.XRLog;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSArray;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.cos.COSString;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDDocumentInformation;
import org.pcisegment.report.ComplianceReport;
import org.pcisegment.report.html.HtmlReportWriter;
import org.pcisegment.report.html.ReportFonts;

/**
 * Renders the report's HTML (the print flavour of the same page) to PDF with openhtmltopdf: A4, a
 * cover page, page numbers in the footer, the diagrams drawn from their SVG, and the DejaVu fonts
 * embedded (subset by the renderer), so that the PDF looks the same wherever it is opened. Document
 * dates are the report's own, so the same report gives the same PDF.
 */
public final class PdfReportWriter {
    /**
     * Kept to hold the level: the renderer logs its timings and CSS notes, and PDFBox warns that the
     * PDF base-14 fonts it registers as fallbacks are substituted. The report embeds its own fonts,
     * so neither says anything a user of the command can act on.
     */
    private static final Logger PDFBOX_LOG = Logger.getLogger("org.apache.pdfbox");

    static {
        XRLog.setLoggingEnabled(false);
        PDFBOX_LOG.setLevel(Level.SEVERE);
    }

    private PdfReportWriter() {}

    public static byte[] write(ComplianceReport report) {
        String html = HtmlReportWriter.write(report, HtmlReportWriter.Flavour.PDF);
        ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 18);
        PdfRendererBuilder builder = new PdfRendererBuilder();
        builder.useFastMode();
        builder.withHtmlContent(html, null);
        builder.useSVGDrawer(new BatikSVGDrawer());
        for (ReportFonts.Face face : ReportFonts.Face.values()) {
            byte[] font = ReportFonts.bytes(face);
            builder.useFont(
                    () -> new ByteArrayInputStream(font),
                    face.family(),
                    face.weight(),
                    PdfRendererBuilder.FontStyle.NORMAL,
                    true);
        }
        Calendar created = new GregorianCalendar(TimeZone.getTimeZone("UTC"));
        created.setTimeInMillis(report.meta().generatedAt().toEpochMilli());
        builder.withProducer("pci-segment " + report.meta().toolVersion());
        builder.toStream(out);
        try {
            builder.run();
            return reproducible(out.toByteArray(), html, created, report);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF report", e);
        }
    }

    /**
     * Replaces what the renderer stamps from the wall clock (creation and modification dates) with
     * the report's own time, and derives the file identifier from the page it renders, so that the same
     * report always gives the same bytes.
     */
    private static byte[] reproducible(byte[] pdf, String html, Calendar created, ComplianceReport report)
            throws IOException {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            PDDocumentInformation info = document.getDocumentInformation();
            info.setCreationDate(created);
            info.setModificationDate(created);
            info.setTitle(
                    report.meta().type().title() + " - " + report.summary().status());
            info.setSubject(
                    report.meta().standard() + ", policy set " + report.meta().policySetSha256());
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(html.getBytes(StandardCharsets.UTF_8));
            COSString id = new COSString(Arrays.copyOf(digest, 16));
            COSArray ids = new COSArray();
            ids.add(id);
            ids.add(id);
            document.getDocument().getTrailer().setItem(COSName.ID, ids);
            ByteArrayOutputStream out = new ByteArrayOutputStream(pdf.length);
            document.save(out);
            return out.toByteArray();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by the Java platform", e);
        }
    }
}
