package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.EventTimes;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
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
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The map view on a city's registry, as the city bench has it: 500 checkpoints at their coordinates across Shanghai's 16
 * districts, a compound in each district. The map draws every district coloured and every checkpoint as a point; its
 * first draw and its updates (the figure changed {@code cordon.map.updates} times: 12 in the suite, 60 for the figure
 * of docs/BENCHMARKS.md) are timed by the page and written to {@code target/benchmarks/wall-map-city.txt}, never
 * asserted.
 */
class WallMapBrowserIT {

    static final List<String> DISTRICTS = List.of(
            "黄浦区", "徐汇区", "长宁区", "静安区", "普陀区", "虹口区", "杨浦区", "闵行区", "宝山区", "嘉定区", "浦东新区", "金山区", "松江区", "青浦区", "奉贤区",
            "崇明区");
    static final int CHECKPOINTS = 500;
    static final int UPDATES = Integer.getInteger("cordon.map.updates", 12);

    @TempDir
    static Path dir;

    static TestStack stack;
    static ChromeDriver browser;

    @BeforeAll
    static void start() throws Exception {
        Chromium.assumeInstalled();
        stack = TestStack.start(dir);
        StringBuilder csv =
                new StringBuilder("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n");
        for (int i = 0; i < CHECKPOINTS; i++) {
            // spread over the city's box, the same places at every run
            double lat = 30.90 + (i * 37 % 500) / 1000.0;
            double lon = 121.20 + (i * 61 % 600) / 1000.0;
            csv.append(String.format(
                    Locale.ROOT,
                    "M-%03d,卡口%d,highway,上海,,%s,,%.4f,%.4f%n",
                    i,
                    i,
                    DISTRICTS.get(i % DISTRICTS.size()),
                    lat,
                    lon));
        }
        assertThat(stack.putCheckpoints(csv.toString()).statusCode()).isEqualTo(200);
        StringBuilder homes = new StringBuilder(ScreeningIT.HEADER);
        for (int d = 0; d < DISTRICTS.size(); d++) {
            for (int h = 1; h <= 4; h++) {
                homes.append("MH-" + d + "-" + h + "," + DISTRICTS.get(d) + ",街道" + d + ",社区" + d + ",MC-" + d + ",小区"
                        + d + ",1,1," + (100 + h) + ",单位,G-" + d + "\n");
            }
        }
        assertThat(stack.putHouseholds(homes.toString()).statusCode()).isEqualTo(200);
        List<String> arrivals = new ArrayList<>();
        String now = EventTimes.format(Instant.now().minusSeconds(30), ZoneId.of("Asia/Shanghai"));
        for (int i = 0; i < CHECKPOINTS; i += 5) {
            arrivals.add(CheckpointSnapshotIT.arrival(
                    "map-" + i, String.format(Locale.ROOT, "M-%03d", i), now, false, "admitted", "36.5/上海"));
        }
        assertThat(stack.postArrivals("[" + String.join(",", arrivals) + "]").statusCode())
                .isEqualTo(202);
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> stack.number("/api/v1/tiles", "/tiles/registered_persons/today") == arrivals.size()
                        // the 16th district's row is there, with its homes
                        && stack.number(
                                        "/api/v1/areas?level=district",
                                        "/areas/" + (DISTRICTS.size() - 1) + "/households")
                                == 4,
                () -> "the registry and the arrivals were not counted");
        browser = Chromium.start(dir, "--force-device-scale-factor=1");
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

    private static Object js(String script) {
        return browser.executeScript(script);
    }

    /**
     * The map drawn and its figure changed {@link #UPDATES} times: each update's own time, and the time until the next frame began
     * after it (past one frame, ~16.7 ms at 60 Hz, the update made the wall drop a frame).
     */
    @Test
    @SuppressWarnings("unchecked")
    void theCitysMapDrawsEveryDistrictAndCheckpoint() throws Exception {
        browser.manage().window().setSize(new Dimension(1920, 1080));
        browser.get(stack.stack.dashboardUrl() + "/?rotate=600");
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> js("return window.cordonWall && window.cordonWall.state().lastValues.registered_persons;")
                        != null);
        browser.findElement(By.cssSelector("[data-view=view-map]")).click();
        new WebDriverWait(browser, Duration.ofSeconds(20))
                .until(d -> js("var o = window.cordonWall.chart('chart-map'),"
                                + " p = window.cordonWall.chart('chart-map-points');"
                                + " return o && p && o.series[0].data.length === 16 && p.series[0].data.length === "
                                + CHECKPOINTS + ";")
                        == Boolean.TRUE);
        List<Object> districts = (List<Object>)
                js("return window.cordonWall.chart('chart-map').series[0].data.map(function (d) { return d.name; });");
        assertThat(districts).containsExactlyInAnyOrderElementsOf(new ArrayList<>(DISTRICTS));
        // the figure changed UPDATES times: each a read of the districts' figures and one update of the map
        int before = ((Number) js("return window.cordonWall.stats().mapFrameMs.length;")).intValue();
        String[] figures = {"unvisited", "fevers", "follow_up_overdue", "coverage_pct"};
        for (int i = 0; i < UPDATES; i++) {
            js("var s = document.getElementById('map-figure'); s.value = '" + figures[i % figures.length]
                    + "'; s.dispatchEvent(new Event('change'));");
            int expected = before + i + 1;
            new WebDriverWait(browser, Duration.ofSeconds(10))
                    .until(d -> ((Number) js("return window.cordonWall.stats().mapFrameMs.length;")).intValue()
                            >= expected);
        }
        // a checkpoint's tooltip, though its layer lets the pointer through to the districts
        @SuppressWarnings("unchecked")
        List<Number> at = (List<Number>) js("var el = document.getElementById('chart-map-points'),"
                + " c = echarts.getInstanceByDom(el), p = c.getOption().series[0].data.filter(function (d) {"
                + " return d.name === '卡口123'; })[0];"
                + " var px = c.convertToPixel({geoIndex: 0}, [p.value[0], p.value[1]]);"
                + " var r = el.getBoundingClientRect(); window.scrollBy(0, r.top + px[1] - window.innerHeight / 2);"
                + " r = el.getBoundingClientRect(); return [r.left + px[0], r.top + px[1]];");
        new Actions(browser)
                .moveToLocation(at.get(0).intValue(), at.get(1).intValue())
                .perform();
        new WebDriverWait(browser, Duration.ofSeconds(10))
                .until(d -> String.valueOf(js("return document.getElementById('chart-map-points').innerText;"))
                        .contains("卡口123"));
        Map<String, Object> stats = (Map<String, Object>) js("return window.cordonWall.stats();");
        List<Double> updates = after(stats.get("mapMs"), before);
        List<Double> frames = after(stats.get("mapFrameMs"), before);
        assertThat(updates).hasSizeGreaterThanOrEqualTo(UPDATES);
        Path out = Path.of("target", "benchmarks", "wall-map-city.txt");
        Files.createDirectories(out.getParent());
        Files.writeString(
                out,
                String.format(
                        Locale.ROOT,
                        "map view, %d checkpoints in 16 districts, headless Chromium 1920x1080: asked at %s ms,"
                                + " first drawn at %s ms; %d updates: p50 %.1f ms, p95 %.1f ms, slowest %.1f ms;"
                                + " next frame after an update: p50 %.1f ms, p95 %.1f ms, slowest %.1f ms%n",
                        CHECKPOINTS,
                        stats.get("mapAskedMs"),
                        stats.get("mapDrawnMs"),
                        updates.size(),
                        percentile(updates, 0.5),
                        percentile(updates, 0.95),
                        updates.get(updates.size() - 1),
                        percentile(frames, 0.5),
                        percentile(frames, 0.95),
                        frames.get(frames.size() - 1)));
    }

    @SuppressWarnings("unchecked")
    private static List<Double> after(Object values, int from) {
        List<Object> all = (List<Object>) values;
        List<Double> out = new ArrayList<>();
        all.subList(Math.min(from, all.size()), all.size()).forEach(v -> out.add(((Number) v).doubleValue()));
        Collections.sort(out);
        return out;
    }

    private static double percentile(List<Double> sorted, double p) {
        return sorted.get(Math.max(0, (int) Math.ceil(sorted.size() * p) - 1));
    }
}
