package io.cordon.stack;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/** The headless Chromium the browser tests drive: Debian's chromium and chromium-driver, which ./cordon test installs. */
final class Chromium {

    private static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    private Chromium() {}

    /** Skips the test when the browser is not installed (a machine that did not run ./cordon test's installer). */
    static void assumeInstalled() {
        assumeTrue(
                Files.isExecutable(BINARY) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are needed; ./cordon test installs them");
    }

    /** A headless browser with its own profile under {@code dir}, quiet on the network, and these arguments too. */
    static ChromeDriver start(Path dir, String... more) throws IOException {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(BINARY.toFile());
        List<String> arguments = new ArrayList<>(List.of(
                "--headless=new",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
                "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile"))));
        arguments.addAll(List.of(more));
        options.addArguments(arguments);
        return new ChromeDriver(
                new ChromeDriverService.Builder()
                        .usingDriverExecutable(DRIVER.toFile())
                        .usingAnyFreePort()
                        .build(),
                options);
    }

    /**
     * The page as a PNG in {@code target/screenshots/name}, when {@code -Dcordon.screenshots=true} asks for the
     * pictures of docs/WALL.md (a 4K one costs Chromium seconds of CPU that the suite does not need to pay).
     */
    static void screenshot(WebDriver browser, String name) throws IOException {
        if (!Boolean.getBoolean("cordon.screenshots")) {
            return;
        }
        Path out = Path.of("target", "screenshots", name);
        Files.createDirectories(out.getParent());
        Files.write(out, ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES));
    }
}
