package org.pcisegment.report;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Function;
import org.pcisegment.report.html.HtmlReportWriter;
import org.pcisegment.report.json.JsonReportWriter;
import org.pcisegment.report.pdf.PdfReportWriter;

/**
 * The formats a compliance report is written in, each rendering the same {@link ComplianceReport}
 * to the bytes of one file. A new format is one more constant here with its writer.
 */
public enum ReportFormat {
    HTML(report -> HtmlReportWriter.write(report).getBytes(StandardCharsets.UTF_8)),
    JSON(report -> JsonReportWriter.write(report).getBytes(StandardCharsets.UTF_8)),
    PDF(PdfReportWriter::write);

    private final Function<ComplianceReport, byte[]> writer;

    ReportFormat(Function<ComplianceReport, byte[]> writer) {
        this.writer = writer;
    }

    /** The file content of {@code report} in this format. */
    public byte[] render(ComplianceReport report) {
        return writer.apply(report);
    }

    /** The name users type and files end with: {@code html}, {@code json}, {@code pdf}. */
    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The format a file name asks for by its extension, if it names one. */
    public static Optional<ReportFormat> ofFileName(String fileName) {
        String lower = fileName.toLowerCase(Locale.ROOT);
        return Arrays.stream(values())
                .filter(f -> lower.endsWith("." + f.extension()))
                .findFirst();
    }
}
