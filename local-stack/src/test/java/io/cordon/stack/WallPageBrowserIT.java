package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.cordon.schemas.EventTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The wall page in a real headless Chromium: live tiles, fever alerts, kiosk mode, the disconnected banner. */
class WallPageBrowserIT {

    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");
    private static final Path DRIVER = Path.of("/usr/bin/chromedriver");

    @TempDir
    static Path dir;
    static TestStack stack;
    static WebDriver browser;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM) && Files.isExecutable(DRIVER),
                "Debian's chromium and chromium-driver are needed; ./cordon test installs them");
        stack = TestStack.start(dir);
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                + "B-1,北门,compound_gate,上海,,浦东新区,,,\n").statusCode()).isEqualTo(200);
        ChromeOptions options = new ChromeOptions();
        options.setBinary(CHROMIUM.toFile());
        options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--disable-quic", "--user-data-dir=" + Files.createDirectories(dir.resolve("chromium-profile")));
        ChromeDriverService service = new ChromeDriverService.Builder().usingDriverExecutable(DRIVER.toFile())
                .usingAnyFreePort().build();
        browser = new ChromeDriver(service, options);
    }

    @AfterAll
    static void stop() {
        if (browser != null) {
            browser.quit();
        }
        if (stack != null) {
            stack.close();
        }
    }

    static String arrival(String id, double temperature) {
        return "{\"event_id\":\"" + id + "\",\"checkpoint_id\":\"B-1\",\"occurred_at\":\""
                + EventTimes.format(Instant.now().minusSeconds(2), ZoneId.of("Asia/Shanghai"))
                + "\",\"direction\":\"in\",\"vehicle\":{\"kind\":\"car\"},\"persons\":[{\"temperature_c\":" + temperature
                + "}],\"decision\":\"admitted\"}";
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void theWallShowsLiveTilesAlertsAndItsConnection() throws Exception {
        browser.get(stack.stack.dashboardUrl() + "/?kiosk=1");
        waitUpTo(15).until(d -> !d.findElement(By.id("asof")).getText().equals("—"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class")).contains("kiosk");
        assertThat(browser.findElement(By.className("controls")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();

        assertThat(stack.postArrivals(arrival("br-1", 36.5)).statusCode()).isEqualTo(202);
        waitUpTo(15).until(d -> d.findElement(By.cssSelector("#tile-registered_vehicles .big")).getText().startsWith("1"));

        assertThat(stack.postArrivals(arrival("br-2", 38.2)).statusCode()).isEqualTo(202);
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("38.2"));
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("B-1");

        stack.stack.stopDashboard();
        waitUpTo(15).until(d -> d.findElement(By.id("banner")).isDisplayed());
        stack.stack.startDashboard();
        waitUpTo(30).until(d -> !d.findElement(By.id("banner")).isDisplayed());
        waitUpTo(15).until(d -> d.findElement(By.cssSelector("#tile-abnormal_temperatures .big")).getText().startsWith("1"));
    }
}
