package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.EventTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The wall's charts in a real headless Chromium, from a scenario whose figures are known: every count hour by hour
 * against yesterday, the checkpoint table (a closed checkpoint marked), the screening progress and who lags, read
 * through ECharts' own API; the layout fills a 1920×1080 and a 3840×2160 screen without scrolling, and a phone
 * scrolls one column; English with one switch. Screenshots of every view at both sizes and of the phone are kept in
 * target/screenshots (docs/screenshots has the README's copies); the page's own timings go to
 * target/benchmarks/wall-page.txt (docs/BENCHMARKS.md), never asserted.
 */
class WallChartsBrowserIT {

    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    @TempDir
    static Path dir;

    static TestStack stack;
    static WebDriver browser;
    static long todayPersons;
    static int hoursToday;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        stack = TestStack.start(dir, Map.of("CORDON_ADMIN_TOKENS", "hq:hq-admin"));
        stack.adminToken = "hq-admin";
        LocalDate today = LocalDate.now(SHANGHAI);
        assertThat(stack.putCheckpoints(
                                "checkpoint_id,name,kind,province,city,district,street,latitude,longitude,active_from,active_until\n"
                                        + "W-1,沪昆高速收费站,highway,上海,,浦东新区,,,,,\n"
                                        + "W-2,川沙路道口,village_entrance,上海,,浦东新区,,,,,\n"
                                        + "W-3,老港镇卡口,other,上海,,浦东新区,,,,," + today + "\n")
                        .statusCode())
                .isEqualTo(200);
        StringBuilder homes = new StringBuilder(
                "household_id,district,street,community,compound_id,compound_name,building,unit,room,responsible_unit,grid_id\n");
        String[][] compounds = {{"WC1", "三三公路5020弄", "区卫健委"}, {"WC2", "上南路3520弄", "区教育局"}, {"WC3", "锦绣路1500弄", "区民政局"}};
        for (String[] c : compounds) {
            for (int h = 1; h <= 6; h++) {
                homes.append(c[0])
                        .append('-')
                        .append(h)
                        .append(",浦东新区,花木街道,花木第1居委,")
                        .append(c[0])
                        .append(',')
                        .append(c[1])
                        .append(",1,1,")
                        .append(100 + h)
                        .append(',')
                        .append(c[2])
                        .append(",G-1\n");
            }
        }
        assertThat(stack.putHouseholds(homes.toString()).statusCode()).isEqualTo(200);

        // arrivals: today in every hour up to the current one, yesterday in every hour
        ZonedDateTime now = ZonedDateTime.now(SHANGHAI);
        hoursToday = now.getHour() + 1;
        List<String> batch = new ArrayList<>();
        for (int hour = 0; hour < 24; hour++) {
            batch.add(CheckpointSnapshotIT.arrival(
                    "y-" + hour,
                    "W-1",
                    today.minusDays(1) + "T" + String.format("%02d", hour) + ":10:00+08:00",
                    true,
                    "admitted",
                    "36.5/上海",
                    "36.6/上海"));
        }
        for (int hour = 0; hour < hoursToday; hour++) {
            ZonedDateTime at = today.atTime(hour, 5).atZone(SHANGHAI);
            if (at.isAfter(now.minusMinutes(1))) {
                at = now.minusMinutes(1);
            }
            batch.add(CheckpointSnapshotIT.arrival(
                    "t-" + hour,
                    hour % 2 == 0 ? "W-1" : "W-2",
                    EventTimes.format(at.toInstant(), SHANGHAI),
                    false,
                    hour % 3 == 0 ? "turned_back" : "admitted",
                    "36.5/上海",
                    "36.7/湖北",
                    "38.1/湖北"));
            todayPersons += 3;
        }
        assertThat(stack.postArrivals("[" + String.join(",", batch) + "]").statusCode())
                .isEqualTo(202);

        // visits: round 1 over two days before, round 2 today; WC3 lags
        List<String> visits = new ArrayList<>();
        String d2 = today.minusDays(2) + "T10:00:00+08:00";
        String d1 = today.minusDays(1) + "T10:00:00+08:00";
        String d0 = EventTimes.format(now.minusMinutes(30).toInstant(), SHANGHAI);
        for (String[] c : compounds) {
            for (int h = 1; h <= 6; h++) {
                String id = c[0] + "-" + h;
                visits.add(ScreeningIT.visit("r1-" + id, id, 1, h <= 3 ? d2 : d1, "reached"));
                if (!c[0].equals("WC3") || h <= 2) {
                    visits.add(ScreeningIT.visit("r2-" + id, id, 2, d0, h == 6 ? "nobody_home" : "reached"));
                }
            }
        }
        assertThat(stack.postVisits("[" + String.join(",", visits) + "]").statusCode())
                .isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> stack.number("/api/v1/tiles", "/tiles/registered_persons/today") == todayPersons
                        && stack.number("/api/v1/compounds?round=2", "/round") == 2,
                () -> "the scenario was not counted");

        browser = Chromium.start(dir, "--hide-scrollbars", "--force-device-scale-factor=1");
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

    private static WebDriverWait waitUpTo(int seconds) {
        return new WebDriverWait(browser, Duration.ofSeconds(seconds));
    }

    private static Object js(String script) {
        return ((JavascriptExecutor) browser).executeScript(script);
    }

    @SuppressWarnings("unchecked")
    private static List<Object> chartData(String chart, int series) {
        // the wall draws one chart per animation frame: a chart may come a few frames after the first one
        String read =
                "var o = window.cordonWall.chart('" + chart + "'); return o ? o.series[" + series + "].data : null;";
        return (List<Object>) waitUpTo(10).until(d -> js(read));
    }

    @SuppressWarnings("unchecked")
    private static String percentiles(Object list) {
        List<Double> v = new ArrayList<>();
        ((List<Object>) list).forEach(o -> v.add(((Number) o).doubleValue()));
        if (v.isEmpty()) {
            return "none";
        }
        Collections.sort(v);
        return "p50 " + ms(v.get(v.size() / 2)) + " ms, p95 " + ms(v.get((int) Math.ceil(v.size() * 0.95) - 1)) + " ms";
    }

    private static String ms(Object value) {
        return String.format(Locale.ROOT, "%.1f", ((Number) value).doubleValue());
    }

    private static void screenshot(String name) throws Exception {
        Chromium.screenshot(browser, name);
    }

    private static void openWall(int width, int height, String query) {
        // the window's size holds the browser's own bars: grow it until the page itself has the screen's size
        browser.manage().window().setSize(new Dimension(width, height));
        browser.get(stack.stack.dashboardUrl() + "/health");
        long inner = ((Number) js("return window.innerHeight;")).longValue();
        if (inner < height) {
            browser.manage().window().setSize(new Dimension(width, (int) (2L * height - inner)));
        }
        browser.get(stack.stack.dashboardUrl() + "/" + query);
        waitUpTo(20)
                .until(d -> js(
                                "var e = document.getElementById('spark-registered_persons'); return e && e.getAttribute('data-drawn');")
                        != null);
    }

    /**
     * The trend view: the seven counts of each of the last 14 days (then 28), read through ECharts' API, equal to the
     * scenario's hand count: yesterday 24 vehicles and 48 persons, today the arrivals so far, the days before none.
     */
    @Test
    void theTrendViewShowsEachDayOfTheCampaignEqualToAHandCount() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        var api = stack.getJson("/api/v1/trend?days=14");
        assertThat(api.get("days")).hasSize(14);
        assertThat(api.get("days").get(13).asText()).isEqualTo(today.toString());
        assertThat(api.get("values").get("registered_persons").get(12).asLong()).isEqualTo(48);
        assertThat(api.get("values").get("registered_persons").get(13).asLong()).isEqualTo(todayPersons);
        var refused = stack.get("/api/v1/trend?days=29");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.body()).contains("days");

        openWall(1920, 1080, "?rotate=600");
        browser.findElement(By.cssSelector("[data-view='view-trend']")).click();
        waitUpTo(15)
                .until(d -> js("var o = window.cordonWall.chart('chart-trend'); return o && o.series.length;") != null);
        List<Object> vehicles = chartData("chart-trend", 0);
        List<Object> persons = chartData("chart-trend", 1);
        List<Object> fevers = chartData("chart-trend", 5);
        assertThat(persons).hasSize(14);
        for (int day = 0; day < 14; day++) {
            long expectedPersons = day == 13 ? todayPersons : day == 12 ? 48 : 0;
            assertThat(((Number) persons.get(day)).longValue())
                    .as("persons, day " + day)
                    .isEqualTo(expectedPersons);
            assertThat(((Number) vehicles.get(day)).longValue())
                    .as("vehicles, day " + day)
                    .isEqualTo(day == 12 ? 24 : 0);
            assertThat(((Number) fevers.get(day)).longValue())
                    .as("fevers, day " + day)
                    .isEqualTo(day == 13 ? hoursToday : 0);
        }
        @SuppressWarnings("unchecked")
        List<Object> labels = (List<Object>) js("return window.cordonWall.chart('chart-trend').xAxis[0].data;");
        assertThat(labels.get(13)).isEqualTo(today.toString().substring(5));
        screenshot("wall-1080p-trend.png");

        js("var s = document.getElementById('trend-days'); s.value = '28'; s.dispatchEvent(new Event('change'));");
        waitUpTo(15)
                .until(d ->
                        ((Number) js("return window.cordonWall.chart('chart-trend').series[1].data.length;")).intValue()
                                == 28);
        List<Object> four = chartData("chart-trend", 1);
        assertThat(((Number) four.get(27)).longValue()).isEqualTo(todayPersons);
        assertThat(((Number) four.get(26)).longValue()).isEqualTo(48);
        assertThat(four.subList(0, 26))
                .allSatisfy(v -> assertThat(((Number) v).longValue()).isZero());
    }

    /**
     * A past day: yesterday, frozen at 20:00, shows its report of record (the 20 hours before the cutoff: 40 persons,
     * not the day's 48), marked as history; the day before, never frozen, shows its figures as of its end (round 1 half
     * done: 9 of 18 homes, 50.0 %). Today is live, not a past day.
     */
    @Test
    void aPastDayShowsThatDaysFrozenFiguresMarkedAsHistory() throws Exception {
        LocalDate today = LocalDate.now(SHANGHAI);
        LocalDate yesterday = today.minusDays(1);
        LocalDate before = today.minusDays(2);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return stack.getJson("/api/v1/trend?days=2")
                                        .get("values")
                                        .get("registered_persons")
                                        .get(0)
                                        .asLong()
                                == 48;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "yesterday was not counted");
        var frozen = stack.send(
                "POST",
                stack.stack.dashboardUrl() + "/api/v1/reports?date=" + yesterday + "&cutoff=20:00",
                null,
                null,
                "hq-admin");
        assertThat(frozen.statusCode()).isIn(201, 409);

        var day = stack.getJson("/api/v1/days/" + yesterday);
        assertThat(day.get("history").asBoolean()).isTrue();
        assertThat(day.get("source").asText()).isEqualTo("report");
        assertThat(day.get("cutoff").asText()).isEqualTo("20:00");
        assertThat(day.get("tiles").get("registered_persons").get("today").asLong())
                .isEqualTo(40);
        assertThat(day.get("tiles").get("registered_vehicles").get("today").asLong())
                .isEqualTo(20);
        var older = stack.getJson("/api/v1/days/" + before);
        assertThat(older.get("source").asText()).isEqualTo("snapshot");
        assertThat(older.get("frozen").asBoolean()).isFalse();
        assertThat(older.get("cutoff").asText()).isEqualTo("24:00");
        assertThat(older.get("tiles").get("coverage_pct").get("value").asDouble())
                .isEqualTo(50.0);
        assertThat(older.get("tiles").get("unvisited_homes").get("value").asLong())
                .isEqualTo(9);
        assertThat(older.get("tiles").get("registered_persons").get("today").asLong())
                .isZero();
        var live = stack.get("/api/v1/days/" + today);
        assertThat(live.statusCode()).isEqualTo(400);
        assertThat(live.body()).contains("date");
        assertThat(stack.get("/api/v1/days/yesterday").statusCode()).isEqualTo(400);
        assertThat(stack.get("/api/v1/days/1969-12-31").statusCode()).isEqualTo(400);
        assertThat(stack.get("/api/v1/days/" + yesterday + "?scope=checkpoint:W-1")
                        .statusCode())
                .isEqualTo(400);

        browser.manage().window().setSize(new Dimension(1920, 1080));
        browser.get(stack.stack.dashboardUrl() + "/?rotate=600&date=" + yesterday);
        waitUpTo(20).until(d -> js("return window.cordonWall && window.cordonWall.state().day;") != null);
        String persons = (String) js("return document.querySelector('#tile-registered_persons .big').textContent;");
        assertThat(persons).startsWith("40").contains(yesterday.toString().substring(5));
        assertThat(js("return document.body.classList.contains('is-history');")).isEqualTo(true);
        String mark = (String) js("return document.getElementById('history').textContent;");
        assertThat(mark).contains("历史").contains("日报");
        assertThat((String) js("return document.getElementById('asof').textContent;"))
                .isEqualTo(yesterday + " 20:00");
        assertThat((String) js("return document.getElementById('export').getAttribute('href');"))
                .contains("/api/v1/reports/" + yesterday);
        List<?> first = (List<?>) js("var r = document.querySelector('#checkpoint-table tbody tr');"
                + " return [r.textContent, r.children[1].textContent];");
        assertThat((String) first.get(0)).contains("沪昆高速收费站");
        assertThat(first.get(1)).isEqualTo("40");
        assertThat(js("return document.getElementById('stale').classList.contains('hidden');"))
                .isEqualTo(true);
        screenshot("wall-1080p-history.png");

        browser.get(stack.stack.dashboardUrl() + "/?rotate=600&lang=en&date=" + before);
        waitUpTo(20).until(d -> js("return window.cordonWall && window.cordonWall.state().day;") != null);
        browser.findElement(By.cssSelector("[data-view='view-screening']")).click();
        waitUpTo(10)
                .until(d ->
                        "50.0%".equals(js("return document.querySelector('#tile-coverage_pct .big').textContent;")));
        assertThat((String) js("return document.getElementById('history').textContent;"))
                .contains("HISTORY")
                .contains("day's end");
        // back to live: one click, and the wall is today's again
        browser.findElement(By.id("back-to-live")).click();
        waitUpTo(20)
                .until(d -> js("return document.body.classList.contains('is-history');") == Boolean.FALSE
                        && js("return window.cordonWall.state().lastValues.registered_persons;") != null);
        assertThat(browser.getCurrentUrl()).doesNotContain("date=");
        // today typed into the address is live, not history
        browser.get(stack.stack.dashboardUrl() + "/?rotate=600&date=" + today);
        waitUpTo(20)
                .until(d -> !d.getCurrentUrl().contains("date=")
                        && js("return window.cordonWall && window.cordonWall.state().lastValues.registered_persons;")
                                != null);
        assertThat(js("return document.body.classList.contains('is-history');")).isEqualTo(false);
    }

    /**
     * A bright room: {@code ?theme=bright} turns the wall white with black figures, and back with one link. Beside each
     * tile's chart, yesterday's figure: by the same hour (2 persons an hour) and the whole day (48).
     */
    @Test
    void aBrightRoomHasAHighContrastThemeAndEachTileComparesWithYesterday() throws Exception {
        openWall(1920, 1080, "?rotate=600&theme=bright");
        assertThat(js("return getComputedStyle(document.body).backgroundColor;"))
                .isEqualTo("rgb(255, 255, 255)");
        assertThat(js("return getComputedStyle(document.querySelector('#tile-registered_persons .big')).color;"))
                .isEqualTo("rgb(0, 0, 0)");
        waitUpTo(10)
                .until(d -> !((String) js("return document.getElementById('vs-registered_persons').textContent;"))
                        .isEmpty());
        String versus = (String) js("return document.getElementById('vs-registered_persons').textContent;");
        assertThat(versus).isEqualTo("昨日同时 " + (2 * hoursToday) + " · 昨日全天 48");
        assertThat((String) js("return document.getElementById('vs-registered_vehicles').textContent;"))
                .endsWith("昨日全天 24");
        screenshot("wall-1080p-bright.png");
        String back = (String) js("return document.getElementById('theme').getAttribute('href');");
        assertThat(back).doesNotContain("theme=").contains("rotate=600");
        assertThat(js("return document.getElementById('theme').textContent;")).isEqualTo("暗色");
    }

    @Test
    void everyChartShowsTheScenarioAndTheWallFillsBothScreenSizes() throws Exception {
        StringBuilder figures = new StringBuilder();
        for (int[] size : new int[][] {{1920, 1080}, {3840, 2160}}) {
            String tag = size[0] == 1920 ? "1080p" : "4k";
            openWall(size[0], size[1], "?rotate=600");
            // today hour by hour: every hour up to now has the arrival of that hour; the hours to come have none yet
            List<Object> today = chartData("spark-registered_persons", 1);
            List<Object> yesterday = chartData("spark-registered_persons", 0);
            assertThat(today).hasSize(24);
            long sum = 0;
            for (int h = 0; h < 24; h++) {
                if (h < hoursToday) {
                    sum += ((Number) today.get(h)).longValue();
                } else {
                    assertThat(today.get(h))
                            .as("hour " + h + " is still to come")
                            .isNull();
                }
            }
            assertThat(sum).isEqualTo(todayPersons);
            assertThat(yesterday)
                    .allSatisfy(v -> assertThat(((Number) v).longValue()).isEqualTo(2));
            assertThat(((Number) chartData("spark-abnormal_temperatures", 1).get(0)).longValue())
                    .isEqualTo(1);
            // the checkpoint table: the busiest first, the closed one marked and last
            waitUpTo(10)
                    .until(d -> d.findElements(By.cssSelector("#checkpoint-table tbody tr"))
                                    .size()
                            == 3);
            // read in one script: the table is drawn again on every push, so an element found before may be gone
            List<?> third = (List<?>) js("var r = document.querySelectorAll('#checkpoint-table tbody tr');"
                    + " return [r[2].className, r[2].textContent];");
            assertThat(third.get(0)).isEqualTo("closed");
            assertThat((String) third.get(1)).contains("W-3").contains("已关闭");
            // one screen, no scroll, no empty third: the tiles reach past the middle, the side panel to the right edge
            assertThat(((Number) js("var m = document.querySelector('main'); return m.scrollHeight - m.clientHeight;"))
                            .longValue())
                    .as("nothing overflows the screen")
                    .isLessThanOrEqualTo(1);
            assertThat(((Number)
                                    js(
                                            "return document.getElementById('tiles').getBoundingClientRect().bottom / window.innerHeight;"))
                            .doubleValue())
                    .isGreaterThan(0.9);
            assertThat(((Number)
                                    js(
                                            "return document.querySelector('.side').getBoundingClientRect().right / window.innerWidth;"))
                            .doubleValue())
                    .isGreaterThan(0.97);
            double bigFont = ((Number)
                            js(
                                    "return parseFloat(getComputedStyle(document.querySelector('#tile-registered_persons .big')).fontSize);"))
                    .doubleValue();
            figures.append(tag).append(": tile number ").append(bigFont).append(" px high; ");
            screenshot("wall-" + tag + "-checkpoints.png");

            browser.findElement(By.cssSelector("[data-view='view-screening']")).click();
            waitUpTo(15)
                    .until(d ->
                            js("var o = window.cordonWall.chart('chart-units'); return o && o.series[0].data.length;")
                                    != null);
            // round 2 today: 12 of 18 homes resolved (WC3 lags with 4 unvisited); round 1 over two days: 9, then 18
            @SuppressWarnings("unchecked")
            List<Object> names = (List<Object>) js("return window.cordonWall.chart('chart-compounds').yAxis[0].data;");
            assertThat(names.get(0)).isEqualTo("锦绣路1500弄");
            assertThat(((Number) chartData("chart-compounds", 0).get(0)).longValue())
                    .isEqualTo(4);
            @SuppressWarnings("unchecked")
            List<Object> units = (List<Object>) js("return window.cordonWall.chart('chart-units').yAxis[0].data;");
            assertThat(units.get(0)).isEqualTo("区民政局");
            List<Object> previous = chartData("chart-progress", 0);
            assertThat(previous).extracting(v -> ((Number) v).doubleValue()).containsExactly(50.0, 100.0);
            List<Object> current = chartData("chart-progress", 1);
            assertThat(current).extracting(v -> ((Number) v).doubleValue()).containsExactly(66.7);
            assertThat(((Number) js("var m = document.querySelector('main'); return m.scrollHeight - m.clientHeight;"))
                            .longValue())
                    .as("nothing overflows the screen")
                    .isLessThanOrEqualTo(1);
            screenshot("wall-" + tag + "-screening.png");
            browser.findElement(By.cssSelector("[data-view='view-compounds']")).click();
            waitUpTo(15)
                    .until(d ->
                            !d.findElements(By.cssSelector("#worst tbody tr")).isEmpty()
                                    && d.findElement(By.id("view-compounds")).isDisplayed());
            screenshot("wall-" + tag + "-compounds.png");
        }

        // the areas of the wall's scope, worst first: a touch on one opens that area's own wall, one level down
        openWall(1920, 1080, "?rotate=600");
        browser.findElement(By.cssSelector("[data-view='view-areas']")).click();
        waitUpTo(15)
                .until(d -> !d.findElements(By.cssSelector("#areas tbody tr a")).isEmpty());
        assertThat(browser.findElement(By.cssSelector("#areas tbody tr a")).getText())
                .isEqualTo("浦东新区");
        browser.findElement(By.cssSelector("#areas tbody tr a")).click();
        waitUpTo(15).until(d -> d.getCurrentUrl().contains("scope=district"));
        assertThat(browser.findElement(By.id("scope")).getAttribute("value")).isEqualTo("district:浦东新区");
        browser.findElement(By.cssSelector("[data-view='view-areas']")).click();
        waitUpTo(15)
                .until(d -> !d.findElements(By.cssSelector("#areas tbody tr a")).isEmpty());
        browser.findElement(By.cssSelector("#areas tbody tr a")).click();
        waitUpTo(15).until(d -> d.getCurrentUrl().contains("scope=street"));
        waitUpTo(15).until(d -> !d.findElement(By.id("asof")).getText().equals("—"));
        assertThat(browser.findElement(By.id("scope")).getAttribute("value")).isEqualTo("street:浦东新区/花木街道");
        screenshot("wall-street.png");

        // the kiosk rotates the views by itself
        openWall(1920, 1080, "?kiosk=1&rotate=2");
        waitUpTo(15).until(d -> d.findElement(By.id("view-screening")).isDisplayed());
        waitUpTo(15).until(d -> d.findElement(By.id("view-compounds")).isDisplayed());
        screenshot("wall-kiosk-compounds.png");

        // English with one switch, kept in the URL
        openWall(1920, 1080, "?rotate=600");
        waitUpTo(15)
                .until(d -> d.findElement(By.id("lang")).getAttribute("href").contains("lang=en"));
        browser.findElement(By.id("lang")).click();
        try {
            waitUpTo(10).until(d -> d.getCurrentUrl().contains("lang=en"));
        } catch (TimeoutException e) {
            // a click the browser took while its main thread was starved (two test forks on two cores) once did not
            // navigate in 15 s (CI of ea0e526); the link's own target is what is checked, so it is clicked again
            browser.findElement(By.id("lang")).click();
            waitUpTo(20).until(d -> d.getCurrentUrl().contains("lang=en"));
        }
        waitUpTo(15)
                .until(d -> d.findElement(By.cssSelector("#tile-registered_persons h3"))
                        .getText()
                        .contains("Persons registered"));
        assertThat(browser.findElement(By.cssSelector("#checkpoint-table thead"))
                        .getText())
                .contains("Persons")
                .doesNotContain("人员");
        assertThat(browser.findElement(By.cssSelector("header h1")).getText()).contains("Live operations");
        screenshot("wall-1080p-english.png");

        // a phone: one column, the page scrolls, every tile still shows
        openWall(390, 844, "?rotate=600");
        assertThat(((Number) js("return document.documentElement.scrollHeight - window.innerHeight;")).longValue())
                .isGreaterThan(0);
        assertThat(browser.findElements(By.cssSelector("#tiles .tile:not(.hidden)")))
                .hasSize(8);
        screenshot("wall-phone.png");

        // the page's own timings, for docs/BENCHMARKS.md (measured in Chromium, not asserted): wait for a few updates
        openWall(1920, 1080, "?rotate=600");
        // an arrival a second, so the tiles and the charts change while measured: 5 in the suite, 15 for the figures
        // of docs/BENCHMARKS.md (-Dcordon.wall.arrivals=15)
        int arrivals = Integer.getInteger("cordon.wall.arrivals", 5);
        for (int i = 0; i < arrivals; i++) {
            assertThat(stack.postArrivals(CheckpointSnapshotIT.arrival(
                                    "m-" + i,
                                    "W-" + (1 + i % 2),
                                    EventTimes.format(Instant.now().minusSeconds(5), SHANGHAI),
                                    true,
                                    "admitted",
                                    "36.5/上海"))
                            .statusCode())
                    .isEqualTo(202);
            Thread.sleep(1000);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> stats = (Map<String, Object>) js("return window.cordonWall.stats();");
        Path out = Path.of("target", "benchmarks", "wall-page.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                "wall page in headless Chromium at 1920x1080, every chart shown: first tiles rendered "
                        + stats.get("firstTilesMs") + " ms after navigation start, first charts "
                        + stats.get("firstChartsMs")
                        + " ms; messages handled (tiles, charts' data and tables) " + stats.get("updates")
                        + ", slowest " + ms(stats.get("maxUpdateMs"))
                        + " ms; chart updates " + stats.get("chartUpdates") + " (one chart per frame), "
                        + percentiles(stats.get("chartMs"))
                        + ", slowest " + ms(stats.get("maxChartMs"))
                        + " ms; chart first draws " + stats.get("chartBuilds") + ", slowest "
                        + ms(stats.get("maxChartBuildMs")) + " ms; " + figures + "\n");
    }
}
