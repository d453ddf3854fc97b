package org.pcisegment.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.pcisegment.core.load.PolicySet;
import org.pcisegment.core.testing.TestPolicySets;
import org.pcisegment.report.html.HtmlReportWriter;
import org.pcisegment.report.trail.AuditTrailEvidence;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Opens HTML reports in headless Chromium (Debian's chromium and chromedriver, driven by Selenium)
 * and checks the rendered page: no console errors, nothing fetched from anywhere, the fonts loaded
 * from the page itself, the key figures visible, and the figures following the inputs.
 */
class HtmlReportBrowserTest {
    private static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    Path temp;

    @TempDir
    static Path profile;

    /** One browser for the class: starting Chromium costs seconds on a small machine. */
    private static ChromeDriver driver;

    @BeforeAll
    static void startBrowser() throws Exception {
        System.setProperty("webdriver.chrome.driver", CHROMEDRIVER.toString());
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments(
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--window-size=1280,900",
                "--user-data-dir=" + profile);
        LoggingPreferences logs = new LoggingPreferences();
        logs.enable(LogType.BROWSER, Level.ALL);
        logs.enable(LogType.PERFORMANCE, Level.ALL);
        options.setCapability("goog:loggingPrefs", logs);
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(CHROMEDRIVER.toFile())
                .usingAnyFreePort()
                .build();
        driver = new ChromeDriver(service, options);
        driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
    }

    @AfterAll
    static void stopBrowser() {
        if (driver != null) {
            driver.quit();
        }
    }

    private Path open(ComplianceReport report, String name) throws Exception {
        Path file = temp.resolve(name);
        Files.writeString(file, HtmlReportWriter.write(report), StandardCharsets.UTF_8);
        // Reading the logs empties them: what is left after this is what the report page did.
        driver.manage().logs().get(LogType.PERFORMANCE);
        driver.manage().logs().get(LogType.BROWSER);
        driver.get(file.toUri().toString());
        return file;
    }

    private String figure(String name) {
        WebElement element = driver.findElement(By.cssSelector("[data-figure='" + name + "']"));
        assertThat(element.isDisplayed()).as(name + " is visible").isTrue();
        return element.getText().strip();
    }

    @Test
    void rendersWithoutErrorsOrRequestsAndShowsTheKeyFigures() throws Exception {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence log = Reports.evidence(Reports.writeLog(temp, Reports.LogContent.of(5, 3, set)));
        ComplianceReport report = ReportBuilder.build(Reports.inputs(set, Optional.of(log), ReportType.FULL));
        Path file = open(report, "report.html");

        Object fonts = ((JavascriptExecutor) driver)
                .executeAsyncScript("var done = arguments[arguments.length - 1];"
                        + "document.fonts.ready.then(function () {"
                        + "  done(Array.from(document.fonts).map(function (f) { return f.family + ' ' + f.weight"
                        + "    + ' ' + f.status; }));"
                        + "});");
        assertThat(fonts.toString()).contains("Report Sans 400 loaded", "Report Sans 700 loaded");

        // Glyph pairs must survive subsetting (stale layout tables once made every "ss" vanish).
        Object widths = ((JavascriptExecutor) driver)
                .executeScript("var w = function (t) { var s = document.createElement('span');"
                        + " s.style.fontFamily = 'Report Sans'; s.textContent = t; document.body.appendChild(s);"
                        + " var r = s.getBoundingClientRect().width; s.remove(); return r; };"
                        + " return [w('s'), w('ss'), w('assess')];");
        List<?> measured = (List<?>) widths;
        double single = ((Number) measured.get(0)).doubleValue();
        assertThat(((Number) measured.get(1)).doubleValue())
                .isCloseTo(2 * single, org.assertj.core.data.Offset.offset(1.0));
        assertThat(((Number) measured.get(2)).doubleValue()).isGreaterThan(5 * single);

        List<LogEntry> severe = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
                .filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue())
                .toList();
        assertThat(severe).as("console warnings and errors").isEmpty();

        assertThat(requestedUrls())
                .as("every URL the page requested")
                .allSatisfy(url -> assertThat(url)
                        .matches(
                                u -> u.equals(file.toUri().toString()) || u.startsWith("data:"),
                                "the page or inline data"));
        Object resources = ((JavascriptExecutor) driver)
                .executeScript("return performance.getEntriesByType('resource').map(function (e) { return e.name; });");
        assertThat((List<?>) resources)
                .allSatisfy(name -> assertThat(name.toString()).startsWith("data:"));

        assertThat(figure("status")).isEqualTo("NON-COMPLIANT");
        assertThat(figure("internet-exposed-cde")).isEqualTo("2");
        assertThat(figure("policies")).isEqualTo(String.valueOf(set.policies().size()));
        assertThat(figure("cde-workloads")).isEqualTo("2");
        assertThat(figure("blocked-events")).isEqualTo("5");
        assertThat(figure("allowed-events")).isEqualTo("3");
        assertThat(figure("flows-into-cde")).isEqualTo("5");
        assertThat(figure("flows-out-of-cde")).isEqualTo("3");
        assertThat(figure("audit-integrity")).isEqualTo("intact");
        assertThat(figure("policy-set-sha256")).isEqualTo(set.sha256());
        assertThat(driver.findElements(By.cssSelector("svg.diagram"))).hasSize(2);
        assertThat(driver.findElements(By.cssSelector("#requirements-table tbody tr")))
                .hasSize(report.requirements().size());

        Files.write(temp.resolve("shot.png"), driver.getScreenshotAs(OutputType.BYTES));
        String keep = System.getenv("REPORT_SCREENSHOT");
        if (keep != null) {
            Files.copy(temp.resolve("shot.png"), Path.of(keep), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            Files.copy(file, Path.of(keep + ".html"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Test
    void theFilterShowsOnlyRequirementsWithFindings() throws Exception {
        PolicySet set = TestPolicySets.validExamples();
        AuditTrailEvidence log = Reports.evidence(
                Reports.writeLog(temp, new Reports.LogContent(0, 0, Optional.of(set.sha256()), false, true)));
        ComplianceReport report = Reports.build(set, Optional.of(log), ReportType.FULL);
        open(report, "findings.html");
        assertThat(figure("status")).isEqualTo("NON-COMPLIANT");
        driver.findElement(By.id("only-findings")).click();
        List<String> visible = new ArrayList<>();
        for (WebElement row : driver.findElements(By.cssSelector("#requirements-table tbody tr"))) {
            if (row.isDisplayed()) {
                visible.add(row.getAttribute("data-requirement"));
            }
        }
        assertThat(visible).contains("11.4.5", "11", "11.4").doesNotContain("1.2.1", "3.1.1");
    }

    @Test
    void theFiguresFollowTheInventoryAndTheAuditLog() throws Exception {
        String policies = "apiVersion: pci-segment/v1\nkind: NetworkPolicy\nmetadata:\n  name: cde\n"
                + "  annotations: {pci-dss: \"Req 1.3.1\"}\nspec:\n  podSelector:\n    matchLabels: {pci-env: cde}\n"
                + "  ingress: []\n  egress: []\n";
        PolicySet small = TestPolicySets.of(policies, TestPolicySets.inventory("a 10.0.1.1 pci-env=cde"));
        PolicySet large = TestPolicySets.of(
                policies,
                TestPolicySets.inventory(
                        "a 10.0.1.1 pci-env=cde", "b 10.0.1.2 pci-env=cde", "c 10.0.1.3 pci-env=cde", "d 10.0.2.1"));
        AuditTrailEvidence quiet =
                Reports.evidence(Reports.writeLog(temp.resolve("quiet"), Reports.LogContent.of(1, 0, small)));
        AuditTrailEvidence busy =
                Reports.evidence(Reports.writeLog(temp.resolve("busy"), Reports.LogContent.of(9, 6, large)));

        open(Reports.build(small, Optional.of(quiet), ReportType.FULL), "small.html");
        assertThat(figure("cde-workloads")).isEqualTo("1");
        assertThat(figure("workloads")).isEqualTo("1");
        assertThat(figure("blocked-events")).isEqualTo("1");
        assertThat(figure("allowed-events")).isEqualTo("0");

        open(Reports.build(large, Optional.of(busy), ReportType.FULL), "large.html");
        assertThat(figure("cde-workloads")).isEqualTo("3");
        assertThat(figure("workloads")).isEqualTo("4");
        assertThat(figure("blocked-events")).isEqualTo("9");
        assertThat(figure("allowed-events")).isEqualTo("6");
    }

    /**
     * Every URL the browser asked for on behalf of a document other than its own chrome:// pages,
     * from the DevTools network events of the performance log.
     */
    private List<String> requestedUrls() {
        ObjectMapper mapper = new ObjectMapper();
        List<String> urls = new ArrayList<>();
        for (LogEntry entry : driver.manage().logs().get(LogType.PERFORMANCE).getAll()) {
            JsonNode message = mapper.readTree(entry.getMessage()).path("message");
            JsonNode params = message.path("params");
            // Chrome's own pages (the new-tab page shown before the report is opened) load their
            // resources in the same tab; any document the report itself loads is not a chrome:// one.
            if (message.path("method").asString().equals("Network.requestWillBeSent")
                    && !params.path("documentURL").asString().startsWith("chrome://")) {
                urls.add(params.path("request").path("url").asString());
            }
        }
        assertThat(urls).as("the page itself was requested").isNotEmpty();
        return urls;
    }
}
