package org.pcisegment.report.pdf;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Calendar;
import java.util.GregorianCalendar;
import java.util.TimeZone;
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
        } catch (IOException e) {
            throw new UncheckedIOException("cannot render the PDF report", e);
        }
        return out.toByteArray();
    }
}
