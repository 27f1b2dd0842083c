package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.EventTimes;
import io.cordon.testkit.Feeds;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.URLDecoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WindowType;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/** The wall page in a real headless Chromium: live tiles, fever alerts, kiosk mode, the disconnected banner. */
class WallPageBrowserIT {

    @TempDir
    static Path dir;

    static TestStack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        stack = TestStack.start(dir);
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                + "B-1,北门,compound_gate,上海,,浦东新区,,,\n")
                        .statusCode())
                .isEqualTo(200);
        assertThat(stack.putHouseholds(
                                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n"
                                        + "P1-1-101,浦东新区,花木街道,花木第1居委,P1,三三公路5020弄,1,1,101,区卫健委,G-1\n"
                                        + "P1-1-102,浦东新区,花木街道,花木第1居委,P1,三三公路5020弄,1,1,102,区卫健委,G-1\n"
                                        + "P2-1-101,浦东新区,张江镇,张江第1居委,P2,上南路3520弄,1,1,101,区教育局,G-2\n")
                        .statusCode())
                .isEqualTo(200);
        browser = Chromium.start(dir);
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
        return Feeds.arrival(id)
                .checkpoint("B-1")
                .at(Instant.now().minusSeconds(2))
                .vehicle(null, "car")
                .person(temperature)
                .json();
    }

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    @Test
    void theInspectionViewRanksFiltersAndDrillsDownToHouseholds() throws Exception {
        String old = EventTimes.format(Instant.now().minus(Duration.ofHours(7)), ZoneId.of("Asia/Shanghai"));
        assertThat(stack.postVisits(
                                "[{\"event_id\":\"iv-1\",\"household_id\":\"P1-1-101\",\"round\":1,\"visited_at\":\""
                                        + old
                                        + "\",\"team_id\":\"t-9\",\"outcome\":\"nobody_home\"},{\"event_id\":\"iv-2\",\"household_id\":\"P2-1-101\",\"round\":1,"
                                        + "\"visited_at\":\"" + old + "\",\"outcome\":\"reached\"}]")
                        .statusCode())
                .isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return stack.getJson("/api/v1/revisits/overdue")
                                        .get("households")
                                        .size()
                                == 1;
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                },
                () -> "the overdue household did not appear");
        browser.get(stack.stack.dashboardUrl() + "/inspect");
        waitUpTo(15)
                .until(d ->
                        d.findElements(By.cssSelector("#compounds tbody tr")).size() == 2);
        var rows = browser.findElements(By.cssSelector("#compounds tbody tr"));
        assertThat(rows.get(0).getText()).contains("三三公路5020弄").contains("0.0%"); // worst coverage first
        assertThat(rows.get(1).getText()).contains("上南路3520弄").contains("100.0%");
        waitUpTo(15).until(d -> d.findElement(By.id("overdue")).getText().contains("P1-1-101"));

        rows.get(0).click();
        waitUpTo(15).until(d -> d.findElement(By.id("buildings")).getText().contains("nobody_home"));
        assertThat(browser.findElement(By.id("detail-title")).getText()).isEqualTo("三三公路5020弄");
        assertThat(browser.findElements(By.cssSelector("#buildings .hh"))).hasSize(2);
        assertThat(browser.findElements(By.cssSelector("#buildings .hh.overdue")))
                .hasSize(1);

        // a filter is kept in the URL, so a link can be shared
        new Select(browser.findElement(By.name("street"))).selectByVisibleText("张江镇");
        waitUpTo(15)
                .until(d -> d.getCurrentUrl().contains("street=")
                        && d.findElements(By.cssSelector("#compounds tbody tr")).size() == 1);
        String shared = browser.getCurrentUrl();
        browser.get(shared);
        waitUpTo(15)
                .until(d ->
                        d.findElements(By.cssSelector("#compounds tbody tr")).size() == 1);
        assertThat(browser.findElement(By.cssSelector("#compounds tbody tr")).getText())
                .contains("上南路3520弄");

        // on a phone: every figure of a compound still shows, as a card
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(stack.stack.dashboardUrl() + "/inspect");
        waitUpTo(15)
                .until(d ->
                        d.findElements(By.cssSelector("#compounds tbody tr")).size() == 2);
        assertThat(browser.findElement(By.cssSelector("#compounds thead")).isDisplayed())
                .isFalse();
        var card = browser.findElement(By.cssSelector("#compounds tbody tr"));
        assertThat(card.getText()).contains("三三公路5020弄").contains("0.0%");
        assertThat(card.findElement(By.cssSelector("td")).getCssValue("display"))
                .isEqualTo("block"); // stacked, labelled cells
        assertThat(card.findElements(By.cssSelector("td[data-label]"))).hasSize(7);
        screenshot("inspect-phone.png");

        // a search by name or by the pinyin initials (三三公路 → ssgl), kept in the URL; a tap on the card brings its
        // households into view, below the whole list on a phone
        browser.findElement(By.name("q")).sendKeys("ssgl");
        waitUpTo(15)
                .until(d -> d.getCurrentUrl().contains("q=ssgl")
                        && d.findElements(By.cssSelector("#compounds tbody tr")).size() == 1);
        assertThat(browser.findElement(By.id("count")).getText()).isEqualTo("(1)");
        assertThat(browser.findElement(By.id("pager")).isDisplayed()).isFalse(); // one page
        assertThat(((JavascriptExecutor) browser)
                        .executeScript("return document.getElementById('detail').classList.contains('hidden');"))
                .isEqualTo(true);
        browser.findElement(By.cssSelector("#compounds tbody tr")).click();
        waitUpTo(15).until(d -> d.findElement(By.id("buildings")).getText().contains("nobody_home"));
        // in view: its top in the upper half of the screen (the page may end before it reaches the very top)
        waitUpTo(5).until(d -> (Boolean) ((JavascriptExecutor) browser)
                .executeScript("var t = document.getElementById('detail').getBoundingClientRect().top;"
                        + " return t >= 0 && t < window.innerHeight / 2;"));
        assertThat(((Number) ((JavascriptExecutor) browser).executeScript("return window.scrollY;")).doubleValue())
                .as("scrolled down to the households, below the list")
                .isGreaterThan(200);
        screenshot("inspect-phone-search.png");
        browser.manage().window().setSize(new Dimension(1600, 1000));

        // the list by pages: the second page of one, counted in total
        var page = stack.getJson("/api/v1/compounds?limit=1&offset=1");
        assertThat(page.get("total").asInt()).isEqualTo(2);
        assertThat(page.get("compounds")).hasSize(1);
        assertThat(page.get("compounds").get(0).get("compound_name").asText()).isEqualTo("上南路3520弄");
        assertThat(stack.getJson("/api/v1/compounds?q=SNL")
                        .get("compounds")
                        .get(0)
                        .get("compound_id")
                        .asText())
                .isEqualTo("P2");
        var refused = stack.get("/api/v1/compounds?limit=0");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("limit");
    }

    @Test
    void keyPersonsShowOnTheWallAndInACadresPhoneList() throws Exception {
        String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
        HttpResponse<String> r = stack.send(
                "PUT",
                stack.stack.ingestUrl() + "/api/v1/registry/key-persons",
                "text/csv",
                "person_id,household_id,category,measure,measure_from,measure_until,responsible\n"
                        + "KP-1,P1-1-101,close_contact,home_quarantine," + today + ",,王芳\n"
                        + "KP-2,P1-1-102,close_contact,central_quarantine," + today + ",,王芳\n",
                TestStack.TOKEN);
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        browser.get(stack.stack.dashboardUrl() + "/");
        // the register reaches the tiles through the registry job and ClickHouse: seconds alone, more in a loaded suite
        waitUpTo(60)
                .until(d -> d.findElement(By.cssSelector("#tile-kp-under .big"))
                        .getAttribute("textContent")
                        .equals("2"));
        assertThat(browser.findElement(By.cssSelector("#tile-kp-under .windows"))
                        .getAttribute("textContent"))
                .contains("1"); // one at home, one in central quarantine
        // the cadre's phone: the list alone, the persons to call grouped under the cadre responsible
        browser.manage().window().setSize(new Dimension(390, 844));
        browser.get(stack.stack.dashboardUrl() + "/inspect?view=key-persons");
        waitUpTo(15).until(d -> d.findElements(By.cssSelector("#kp-list li")).size() == 2);
        assertThat(browser.findElement(By.cssSelector("#kp-list .kp-group h3")).getText())
                .contains("王芳");
        assertThat(browser.findElement(By.cssSelector("#kp-list")).getText())
                .contains("KP-1")
                .contains("三三公路5020弄");
        assertThat(browser.findElement(By.cssSelector("section.compounds")).isDisplayed())
                .isFalse();
        screenshot("inspect-key-persons-phone.png");
        browser.manage().window().setSize(new Dimension(1600, 1000));
    }

    @Test
    void theMapColoursTheDistrictsAndAClickOpensADistrictsWall() throws Exception {
        browser.manage().window().setSize(new Dimension(1920, 1080));
        browser.executeCdpCommand("Network.clearBrowserCache", Map.of()); // a first load, as a new wall's
        browser.get(stack.stack.dashboardUrl() + "/");
        waitUpTo(15)
                .until(d ->
                        d.findElement(By.cssSelector("[data-view=view-map]")).isDisplayed());
        browser.findElement(By.cssSelector("[data-view=view-map]")).click();
        // the registry's one district, coloured by its coverage, on Shanghai's outlines served by the dashboard
        waitUpTo(20)
                .until(d -> String.valueOf(browser.executeScript("var o = window.cordonWall.chart('chart-map');"
                                + " return o && o.series[0].data.length === 1 ? o.series[0].data[0].name : null;"))
                        .equals("浦东新区"));
        assertThat(browser.executeScript("return echarts.getMap('city').geoJSON.features.length"))
                .isEqualTo(16L);
        screenshot("wall-1080p-map.png");
        // for docs/BENCHMARKS.md, never asserted: the map's first draw, and what the page's first load transferred
        @SuppressWarnings("unchecked")
        Map<String, Object> figures =
                (Map<String, Object>) browser.executeScript("var s = window.cordonWall.stats(), sent = 0, body = 0;"
                        + " performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                        + ".forEach(function (e) { sent += e.transferSize; body += e.decodedBodySize; });"
                        + " return {asked: s.mapAskedMs, drawn: s.mapDrawnMs, sent: sent, body: body,"
                        + " loaded: Math.round(performance.getEntriesByType('navigation')[0].loadEventEnd)};");
        Path out = Path.of("target", "benchmarks", "wall-map.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                "map view in headless Chromium at 1920x1080: page loaded at " + figures.get("loaded")
                        + " ms, map asked at " + figures.get("asked") + " ms, first drawn at " + figures.get("drawn")
                        + " ms (its map, the districts' figures and the draw); the page's first load transferred "
                        + figures.get("sent") + " bytes for " + figures.get("body") + " bytes of content\n");
        // a click on 浦东新区, where its label point lies (scrolled to the middle of the window), opens 浦东新区's wall
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>)
                browser.executeScript("var el = document.getElementById('chart-map'), c = echarts.getInstanceByDom(el);"
                        + " var f = echarts.getMap('city').geoJSON.features.filter(function (x) {"
                        + " return x.properties.name === '浦东新区'; })[0];"
                        + " var p = c.convertToPixel({geoIndex: 0}, f.properties.cp);"
                        + " var r = el.getBoundingClientRect();"
                        + " window.scrollBy(0, r.top + p[1] - window.innerHeight / 2);"
                        + " r = el.getBoundingClientRect();"
                        + " return [r.left + p[0], r.top + p[1]];");
        new Actions(browser)
                .moveToLocation(at.get(0).intValue(), at.get(1).intValue())
                .click()
                .perform();
        waitUpTo(15)
                .until(d -> URLDecoder.decode(d.getCurrentUrl(), StandardCharsets.UTF_8)
                        .contains("scope=district:浦东新区"));
        // the picker goes one level further down, or back up, without typing
        waitUpTo(15).until(d -> d.findElement(By.id("area-picker")).getText().contains("↓ 花木街道"));
        assertThat(browser.findElement(By.id("area-picker")).getText())
                .contains("↑ 全部")
                .contains("↓ 张江镇");
        new Select(browser.findElement(By.id("area-picker"))).selectByVisibleText("↓ 张江镇");
        waitUpTo(15)
                .until(d -> URLDecoder.decode(d.getCurrentUrl(), StandardCharsets.UTF_8)
                        .contains("scope=street:浦东新区/张江镇"));
        // a street's wall colours its own district on the map from its own tiles (张江镇: one home, not visited)
        waitUpTo(15)
                .until(d ->
                        d.findElement(By.cssSelector("[data-view=view-map]")).isDisplayed());
        browser.findElement(By.cssSelector("[data-view=view-map]")).click();
        waitUpTo(20)
                .until(d -> "浦东新区"
                        .equals(String.valueOf(browser.executeScript("var o = window.cordonWall.chart('chart-map');"
                                + " return o && o.series[0].data.length === 1 ? o.series[0].data[0].name : null;"))));
        Object own = browser.executeScript("return window.cordonWall.chart('chart-map').series[0].data[0].value;");
        Object tile = browser.executeScript("return window.cordonWall.state().lastValues.coverage_pct;");
        assertThat(String.valueOf(tile)).contains("\"value\":" + own);
        // the map on a phone and on a 4K wall
        for (int[] size : new int[][] {{390, 844}, {3840, 2160}}) {
            browser.manage().window().setSize(new Dimension(size[0], size[1]));
            browser.navigate().refresh();
            waitUpTo(15)
                    .until(d -> d.findElement(By.cssSelector("[data-view=view-map]"))
                            .isDisplayed());
            browser.findElement(By.cssSelector("[data-view=view-map]")).click();
            waitUpTo(20)
                    .until(d -> browser.executeScript("var o = window.cordonWall.chart('chart-map');"
                                    + " return o && o.series[0].data.length === 1;")
                            == Boolean.TRUE);
            screenshot(size[0] == 390 ? "wall-phone-map.png" : "wall-4k-map.png");
        }
        browser.manage().window().setSize(new Dimension(1600, 1000));
        // loaded again: the scripts, styles and ECharts come from the browser's cache (versioned names, kept a year);
        // only the page itself and the figures travel
        browser.get(browser.getCurrentUrl());
        waitUpTo(15)
                .until(d ->
                        d.findElement(By.cssSelector("[data-view=view-map]")).isDisplayed());
        @SuppressWarnings("unchecked")
        Map<String, Object> again = (Map<String, Object>) browser.executeScript("var sent = 0, kept = [], fetched = [];"
                + " performance.getEntriesByType('navigation').concat(performance.getEntriesByType('resource'))"
                + ".forEach(function (e) { sent += e.transferSize;"
                + " if (/\\/(static|webjars)\\//.test(e.name)) { (e.transferSize === 0 ? kept : fetched).push(e.name); } });"
                + " return {sent: sent, kept: kept.length, fetched: fetched};");
        assertThat((List<?>) again.get("fetched"))
                .as("fetched again instead of kept")
                .isEmpty();
        assertThat(((Number) again.get("kept")).intValue()).isGreaterThanOrEqualTo(5);
        Files.writeString(
                Path.of("target", "benchmarks", "wall-map.txt"),
                "the wall loaded again: " + again.get("sent") + " bytes transferred (" + again.get("kept")
                        + " scripts and styles from the browser's cache)\n",
                StandardOpenOption.APPEND);
    }

    @Test
    void thePagesAndTheirScriptsTravelCompressed() throws Exception {
        // the page names its scripts and styles under the release's version, kept a year; the page itself is asked
        // again every time
        var page = stack.get("/?scope=all");
        assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-cache");
        var named = Pattern.compile("src=\"(/static/[0-9a-f]{12}/wall\\.js)\"").matcher(page.body());
        assertThat(named.find()).as(page.body()).isTrue();
        String wallJs = named.group(1);
        assertThat(page.body()).contains(wallJs.replace("wall.js", "wall.css")).doesNotContain("src=\"common.js\"");
        var kept = stack.get(wallJs);
        assertThat(kept.statusCode()).isEqualTo(200);
        assertThat(kept.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(kept.body()).isEqualTo(stack.get("/wall.js").body());
        // an older release's name gets today's file, not kept
        assertThat(stack.get("/static/000000000000/wall.js").headers().firstValue("Cache-Control"))
                .hasValue("no-cache");
        assertThat(stack.get("/inspect").body()).contains(wallJs.replace("wall.js", "inspect.js"));
        for (String path : List.of("/webjars/echarts/5.3.1/dist/echarts.min.js", "/wall.js", "/wall.css", wallJs)) {
            var plain = stack.http.send(
                    HttpRequest.newBuilder(URI.create(stack.stack.dashboardUrl() + path))
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            var gzip = stack.http.send(
                    HttpRequest.newBuilder(URI.create(stack.stack.dashboardUrl() + path))
                            .header("Accept-Encoding", "gzip")
                            .build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertThat(gzip.headers().firstValue("Content-Encoding")).as(path).hasValue("gzip");
            assertThat(new GZIPInputStream(new ByteArrayInputStream(gzip.body())).readAllBytes())
                    .as(path)
                    .isEqualTo(plain.body());
            assertThat(gzip.body().length).as(path).isLessThan(plain.body().length * 2 / 5);
        }
    }

    @Test
    void aReadAnswered503IsAskedAgainAfterItsRetryAfter() throws Exception {
        browser.get(stack.stack.dashboardUrl() + "/inspect");
        new WebDriverWait(browser, Duration.ofSeconds(20)).until(d -> browser.executeScript("return !!window.Cordon;"));
        browser.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
        // the first `busy` answers of the page's reads are 503 with Retry-After: 1, as while the dashboard catches up
        // on another replica; then the dashboard's own answers
        browser.executeScript("var real = window.fetch; window.fetchesSeen = 0; window.busy = 0;"
                + " window.fetch = function (u, o) { if (String(u).indexOf('/api/v1/reports') < 0) { return real(u, o); }"
                + "  window.fetchesSeen++;"
                + "  if (window.busy > 0) { window.busy--; return Promise.resolve(new Response("
                + "   '{\"detail\":\"catching up\"}', { status: 503, headers: { 'Retry-After': '1' } })); }"
                + "  return real(u, o); };");
        String read = "var done = arguments[arguments.length - 1]; window.busy = arguments[0]; window.fetchesSeen = 0;"
                + " Cordon.getJson('/api/v1/reports').then(function (r) { done('ok ' + window.fetchesSeen); },"
                + " function (e) { done('failed ' + window.fetchesSeen + ' ' + e.message); });";
        assertThat(browser.executeAsyncScript(read, 2)).isEqualTo("ok 3");
        assertThat(browser.executeAsyncScript(read, 3))
                .as("three 503s in a row: shown as the error")
                .isEqualTo("failed 3 catching up");
    }

    /** Keeps a picture of the page under target/screenshots, for a person to look at (not compared). */
    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(browser, name);
    }

    @Test
    void aKioskWallTakesTurnsBetweenTheTilesAndTheCompoundsMostInNeed() throws Exception {
        browser.get(stack.stack.dashboardUrl() + "/?kiosk=1&rotate=2");
        waitUpTo(15).until(d -> d.findElement(By.id("view-compounds")).isDisplayed());
        assertThat(browser.findElement(By.id("view-checkpoints")).isDisplayed()).isFalse();
        assertThat(browser.findElements(By.cssSelector("#worst tbody tr"))).isNotEmpty();
        waitUpTo(15).until(d -> d.findElement(By.id("view-checkpoints")).isDisplayed());
    }

    @Test
    void theWallShowsLiveTilesAlertsAndItsConnection() throws Exception {
        browser.get(stack.stack.dashboardUrl() + "/?kiosk=1&rotate=600");
        waitUpTo(15).until(d -> !d.findElement(By.id("asof")).getText().equals("—"));
        assertThat(browser.findElement(By.tagName("body")).getAttribute("class"))
                .contains("kiosk");
        assertThat(browser.findElement(By.className("controls")).isDisplayed()).isFalse();
        assertThat(browser.findElement(By.id("banner")).isDisplayed()).isFalse();

        assertThat(stack.postArrivals(arrival("br-1", 36.5)).statusCode()).isEqualTo(202);
        waitUpTo(15)
                .until(d -> d.findElement(By.cssSelector("#tile-registered_vehicles .big"))
                        .getText()
                        .startsWith("1"));

        waitUpTo(15).until(d -> browser.executeScript("return window.cordonWall.stats().firstChartsMs") != null);
        assertThat(stack.postArrivals(arrival("br-2", 38.2)).statusCode()).isEqualTo(202);
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("38.2"));
        screenshot("wall.png");
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("B-1");
        // by its name, the code beside it (the charts, pushed on connect, told the wall the checkpoints' names)
        assertThat(browser.findElement(By.id("alerts")).getText()).contains("北门 (B-1)");
        // a new fever flashes a banner (kiosk mode hides the mute button, not the banner)
        assertThat(browser.findElement(By.id("fever-banner")).getText())
                .contains("38.2")
                .contains("B-1");

        // a wall opened after the fever lists it from the stored alerts, and acknowledging it there is seen
        TestStack.eventually(
                Duration.ofSeconds(15),
                () -> {
                    try {
                        return stack.get("/api/v1/alerts").body().contains("br-2");
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "the fever is not among the stored alerts");
        browser.get(stack.stack.dashboardUrl() + "/");
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("38.2"));
        // acknowledged in a second browser window, from the inspection view: the open wall sees it at once
        String wallWindow = browser.getWindowHandle();
        browser.switchTo().newWindow(WindowType.TAB);
        browser.get(stack.stack.dashboardUrl() + "/inspect");
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("38.2"));
        browser.findElement(By.cssSelector("#alerts .ack-button")).click();
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("已确认"));
        browser.close();
        browser.switchTo().window(wallWindow);
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("已确认"));
        browser.get(stack.stack.dashboardUrl() + "/?kiosk=1&rotate=600");
        waitUpTo(15).until(d -> d.findElement(By.id("alerts")).getText().contains("已确认"));

        stack.stack.stopDashboard();
        waitUpTo(15).until(d -> d.findElement(By.id("banner")).isDisplayed());
        stack.stack.startDashboard();
        waitUpTo(30).until(d -> !d.findElement(By.id("banner")).isDisplayed());
        waitUpTo(15)
                .until(d -> d.findElement(By.cssSelector("#tile-abnormal_temperatures .big"))
                        .getText()
                        .startsWith("1"));
    }
}
