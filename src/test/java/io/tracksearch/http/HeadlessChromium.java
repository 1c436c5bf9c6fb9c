package io.tracksearch.http;

import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Debian's Chromium driven through Debian's chromedriver, headless, with a fresh profile and downloads
 * going to a temporary directory. Nothing is downloaded: both binaries are given by path, so Selenium
 * never asks its driver manager, and the flags keep Chromium from calling home (this network refuses
 * such connections, which would otherwise stall start-up).
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    static final Path CHROMEDRIVER = Path.of("/usr/bin/chromedriver");
    static final Duration PATIENCE = Duration.ofSeconds(60);

    final ChromeDriver driver;
    final Path downloads;
    private final Path profile;

    private HeadlessChromium(ChromeDriver driver, Path profile, Path downloads) {
        this.driver = driver;
        this.profile = profile;
        this.downloads = downloads;
    }

    /** Skips the calling test class with a clear message when Chromium is not installed here (CI installs it). */
    static void assumeInstalled() {
        Assumptions.assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(CHROMEDRIVER),
                "browser tests skipped: " + CHROMIUM + " or " + CHROMEDRIVER
                        + " is missing (apt-get install chromium chromium-driver; .ci/run does)");
    }

    static HeadlessChromium start() {
        try {
            Path profile = Files.createTempDirectory("tracksearch-chromium-profile");
            Path downloads = Files.createTempDirectory("tracksearch-chromium-downloads");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--user-data-dir=" + profile, "--window-size=1280,860");
            options.setExperimentalOption("prefs", Map.of(
                    "download.default_directory", downloads.toString(), "download.prompt_for_download", false));
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile()).usingAnyFreePort().build();
            ChromeDriver driver = new ChromeDriver(service, options);
            driver.executeCdpCommand("Browser.setDownloadBehavior", Map.of("behavior", "allow", "downloadPath", downloads.toString()));
            return new HeadlessChromium(driver, profile, downloads);
        }
        catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Opens url with empty storage: no session, no remembered language or columns. */
    void openFresh(String url) {
        driver.get(url);
        script("sessionStorage.clear(); localStorage.clear();");
        driver.navigate().refresh();
    }

    Object script(String code, Object... arguments) {
        return ((JavascriptExecutor) driver).executeScript(code, arguments);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, PATIENCE, condition);
    }

    /** Polls every 100 ms (the page answers in milliseconds; the default 500 ms would dominate the suite). */
    <T> T await(String what, Duration patience, Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, patience, Duration.ofMillis(100)).withMessage(what).until(condition::apply);
    }

    /** A screenshot of the viewport at the given width and height, written to file. */
    void screenshot(Path file, int width, int height) throws IOException {
        driver.manage().window().setSize(new Dimension(width, height));
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, driver.getScreenshotAs(OutputType.BYTES));
    }

    @Override
    public void close() {
        driver.quit();
        for (Path directory : List.of(profile, downloads)) {
            try (Stream<Path> files = Files.walk(directory)) {
                files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
            }
            catch (IOException ignored) {
                // a leftover temporary directory is harmless
            }
        }
    }
}
