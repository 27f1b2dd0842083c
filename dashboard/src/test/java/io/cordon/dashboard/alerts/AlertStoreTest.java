package io.cordon.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * The delivered alerts held in memory are bounded (issue 19, S12): a few days of ids, the rest asked of ClickHouse
 * (here a stand-in that knows one old alert) only for an alert whose event is older than that.
 */
class AlertStoreTest {

    @Test
    void deliveredAlertsAreHeldForAFewDaysAndOlderOnesAskedOfClickHouse() throws Exception {
        List<String> asked = new CopyOnWriteArrayList<>();
        HttpServer clickHouse = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        clickHouse.createContext("/", exchange -> {
            String sql = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            asked.add(sql);
            byte[] answer =
                    (sql.contains("'old-1/0'") ? "1\n" : sql.startsWith("SELECT count()") ? "0\n" : "").getBytes();
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        clickHouse.start();
        try {
            AlertStore store = new AlertStore(new ClickHouseHttp(
                    "http://127.0.0.1:" + clickHouse.getAddress().getPort(), "default"));
            store.load();
            Instant now = Instant.parse("2022-04-10T02:00:00Z");
            // a fever of now: new, and nobody is asked
            int before = asked.size();
            assertThat(store.firstDelivery(new FeverAlert("live-1", 0, "C-1", now.minusSeconds(5), 38.2), now))
                    .isTrue();
            assertThat(store.firstDelivery(new FeverAlert("live-1", 0, "C-1", now.minusSeconds(5), 38.2), now))
                    .isFalse();
            assertThat(asked).hasSize(before);
            // an old one, delivered long ago (a replay of the log): asked, and not delivered again
            assertThat(store.firstDelivery(new FeverAlert("old-1", 0, "C-1", now.minus(Duration.ofDays(9)), 38.2), now))
                    .isFalse();
            // an old one never delivered (a device syncing after days): asked, and delivered
            assertThat(store.firstDelivery(
                            new FeverAlert("late-1", 0, "C-1", now.minus(Duration.ofDays(4)), 38.9), now))
                    .isTrue();
            assertThat(asked.size()).isEqualTo(before + 2);
            // three days on, what was delivered then is no longer held
            Instant later = now.plus(Duration.ofDays(3));
            assertThat(store.firstDelivery(new FeverAlert("live-2", 0, "C-1", later, 37.9), later))
                    .isTrue();
            assertThat(store.remembered()).isEqualTo(1);
        } finally {
            clickHouse.stop(0);
        }
    }
}
