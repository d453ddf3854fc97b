package org.pcisegment.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.cos.COSName;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.report.pdf.PdfReportWriter;
import org.pcisegment.report.trail.AuditTrailEvidence;

/** Renders reports to PDF and reads them back with PDFBox: the same figures as the HTML, fonts embedded. */
class PdfReportTest {
    @TempDir
    Path temp;

    private static String text(byte[] pdf) throws Exception {
        try (PDDocument document = Loader.loadPDF(pdf)) {
            return new PDFTextStripper().getText(document);
        }
    }

    @Test
    void carriesTheKeyFiguresACoverPageAndPageNumbers() throws Exception {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence log = Reports.evidence(Reports.writeLog(temp, Reports.LogContent.of(4, 2, set)));
        ComplianceReport report = ReportBuilder.build(Reports.inputs(set, Optional.of(log), ReportType.FULL));
        byte[] pdf = PdfReportWriter.write(report);
        String text = text(pdf);
        assertThat(text).contains("PCI DSS compliance report", "NON-COMPLIANT");
        // a 64-digit hash may wrap in its table cell; its digits must all be there, in order
        assertThat(text.replaceAll("\\s+", "")).contains(set.sha256());
        assertThat(text).containsPattern("CDE workloads \\(pci-env=cde\\)\\s+2\\b");
        assertThat(text).containsPattern("Blocked events in the period\\s+4\\b");
        assertThat(text).containsPattern("Allowed events in the period\\s+2\\b");
        assertThat(text).containsPattern("Policies\\s+3\\b");
        assertThat(text).containsPattern("Allowed paths into the CDE\\s+5\\b");
        assertThat(text).containsPattern("CDE workloads reachable from outside the inventory\\s+2\\b");
        assertThat(text).contains("Audit-log integrity intact");
        try (PDDocument document = Loader.loadPDF(pdf)) {
            int pages = document.getNumberOfPages();
            assertThat(pages).isGreaterThan(4);
            String first = new PDFTextStripper() {
                {
                    setStartPage(1);
                    setEndPage(1);
                }
            }.getText(document);
            assertThat(first).as("the cover page").contains("NON-COMPLIANT").doesNotContain("Executive summary");
            assertThat(text).contains("Page 2 of " + pages, "Page " + pages + " of " + pages);
            List<String> fonts = new ArrayList<>();
            for (PDPage page : document.getPages()) {
                for (COSName name : page.getResources().getFontNames()) {
                    PDFont font = page.getResources().getFont(name);
                    fonts.add(font.getName() + (font.isEmbedded() ? " embedded" : ""));
                }
            }
            assertThat(fonts)
                    .isNotEmpty()
                    .allSatisfy(f -> assertThat(f).contains("DejaVu").endsWith("embedded"));
        }
        Files.write(temp.resolve("report.pdf"), pdf);
        String keep = System.getenv("REPORT_PDF");
        if (keep != null) {
            Files.write(Path.of(keep), pdf);
        }
    }

    @Test
    void theFiguresFollowTheAuditLog() throws Exception {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence quiet =
                Reports.evidence(Reports.writeLog(temp.resolve("quiet"), Reports.LogContent.of(1, 7, set)));
        AuditTrailEvidence busy =
                Reports.evidence(Reports.writeLog(temp.resolve("busy"), Reports.LogContent.of(6, 0, set)));
        String a = text(PdfReportWriter.write(Reports.build(set, Optional.of(quiet), ReportType.FULL)));
        String b = text(PdfReportWriter.write(Reports.build(set, Optional.of(busy), ReportType.FULL)));
        assertThat(a).containsPattern("Blocked events in the period\\s+1\\b");
        assertThat(a).containsPattern("Allowed events in the period\\s+7\\b");
        assertThat(b).containsPattern("Blocked events in the period\\s+6\\b");
        assertThat(b).containsPattern("Allowed events in the period\\s+0\\b");
    }

    @Test
    void theSameReportGivesTheSamePdf() {
        ComplianceReport report = Reports.build(TestPolicySets.validExamples(), Optional.empty(), ReportType.FULL);
        String first = new String(PdfReportWriter.write(report), java.nio.charset.StandardCharsets.ISO_8859_1);
        String second = new String(PdfReportWriter.write(report), java.nio.charset.StandardCharsets.ISO_8859_1);
        int differs = 0;
        while (differs < Math.min(first.length(), second.length()) && first.charAt(differs) == second.charAt(differs)) {
            differs++;
        }
        assertThat(second)
                .as(
                        "first difference at byte %d: %s",
                        differs, first.substring(Math.max(0, differs - 60), Math.min(first.length(), differs + 60)))
                .isEqualTo(first);
    }
}
