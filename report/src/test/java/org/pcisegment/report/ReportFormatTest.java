package org.pcisegment.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ReportFormatTest {
    @Test
    void fileExtensionsNameTheirFormatWhateverTheirCase() {
        assertThat(ReportFormat.ofFileName("q3.PDF")).contains(ReportFormat.PDF);
        assertThat(ReportFormat.ofFileName("evidence.json")).contains(ReportFormat.JSON);
        assertThat(ReportFormat.ofFileName("report.html")).contains(ReportFormat.HTML);
        assertThat(ReportFormat.ofFileName("report.txt")).isEmpty();
        assertThat(ReportFormat.ofFileName("pdf")).isEmpty();
    }
}
