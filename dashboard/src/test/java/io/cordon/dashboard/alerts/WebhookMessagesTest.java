package io.cordon.dashboard.alerts;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.FollowUp;
import io.cordon.schemas.Json;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The webhook's messages: one alert as JSON, or robot text with every alert that had to wait merged into one. */
class WebhookMessagesTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static WebhookMessages webhook(String format) {
        return new WebhookMessages(format, SHANGHAI);
    }

    static FeverAlert alert(String event, int person) {
        return new FeverAlert(event, person, "C-1", Instant.parse("2022-04-10T02:00:00Z"), 38.4);
    }

    @Test
    void robotsGetOneTextMessageNamingEveryAlertThatWaited() throws Exception {
        {
            WebhookMessages w = webhook("wecom");
            String body = w.body(List.of(alert("e1", 0), alert("e2", 1), alert("e3", 0)));
            var json = Json.MAPPER.readTree(body);
            assertThat(json.get("msgtype").asText()).isEqualTo("text");
            String text = json.get("text").get("content").asText();
            assertThat(text)
                    .startsWith("发热警报 3 fever alerts")
                    .contains("e1/0")
                    .contains("e2/1")
                    .contains("e3/0")
                    .contains("2022-04-10 10:00:00 +08:00")
                    .contains("38.4 ℃");
        }
    }

    @Test
    void aFeverAtHomeNamesTheCommunityAndTheCadreNeverAnIdNumber() throws Exception {
        FeverAlert home = FeverAlert.keyPerson(new FollowUp(
                "f6",
                "P6",
                Instant.parse("2022-04-10T02:00:00Z"),
                "phone",
                true,
                38.2,
                null,
                null,
                Instant.parse("2022-04-10T02:00:01Z"),
                "H1",
                "C1",
                "浦东新区",
                "花木街道",
                "联洋社区",
                "区卫健委",
                "王芳",
                null,
                null,
                null));
        {
            WebhookMessages w = webhook("wecom");
            String text = Json.MAPPER
                    .readTree(w.body(List.of(home, alert("e1", 0))))
                    .get("text")
                    .get("content")
                    .asText();
            assertThat(text)
                    .contains("重点人员 key person P6 · 联洋社区 · 责任人 王芳")
                    .contains("f6/0")
                    .contains("卡口 checkpoint C-1");
        }
        {
            WebhookMessages w = webhook("json");
            var json = Json.MAPPER.readTree(w.body(List.of(home)));
            assertThat(json.get("kind").asText()).isEqualTo("key_person_fever");
            assertThat(json.get("person_id").asText()).isEqualTo("P6");
            assertThat(json.get("responsible").asText()).isEqualTo("王芳");
            assertThat(json.has("checkpoint_id")).isFalse();
        }
    }

    @Test
    void plainJsonIsTheAlertObject() throws Exception {
        {
            WebhookMessages w = webhook("json");
            var json = Json.MAPPER.readTree(w.body(List.of(alert("e9", 2))));
            assertThat(json.get("alert_id").asText()).isEqualTo("e9/2");
            assertThat(json.get("occurred_at").asText()).isEqualTo("2022-04-10T10:00:00+08:00");
            assertThat(json.get("status").asText()).isEqualTo("new");
        }
    }

    @Test
    void dingTalkUrlsCarryTheirTimestampAndSignature() {
        URI signed = WebhookMessages.signed(
                URI.create("https://oapi.example/robot/send?access_token=t"), "SECx", 1_700_000_000_000L);
        assertThat(signed.toString())
                .startsWith("https://oapi.example/robot/send?access_token=t&timestamp=1700000000000&sign=");
        assertThat(WebhookMessages.signed(URI.create("https://h/r"), "SECx", 1L).toString())
                .contains("?timestamp=1&sign=");
    }

    @Test
    void aBusOfFeverishPassengersIsSplitIntoMessagesWithinTheRobotsLimitNamingEveryEvent() throws Exception {
        for (String format : List.of("wecom", "dingtalk")) {
            int limit = format.equals("wecom")
                    ? WebhookMessages.WECOM_CONTENT_BYTES
                    : WebhookMessages.DINGTALK_CONTENT_BYTES;
            {
                WebhookMessages w = webhook(format);
                List<FeverAlert> pending = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    pending.add(alert("bus-2022-04-10-long-event-id-" + i, i % 60));
                }
                Set<String> named = new HashSet<>();
                int messages = 0;
                while (!pending.isEmpty()) {
                    List<FeverAlert> batch = w.nextMessage(pending);
                    String content = Json.MAPPER
                            .readTree(w.body(batch))
                            .get("text")
                            .get("content")
                            .asText();
                    assertThat(content.getBytes(StandardCharsets.UTF_8).length)
                            .as(format)
                            .isLessThanOrEqualTo(limit);
                    batch.forEach(a -> assertThat(content).contains(a.eventId() + " "));
                    batch.forEach(a -> named.add(a.alertId()));
                    pending.subList(0, batch.size()).clear();
                    messages++;
                }
                assertThat(named).hasSize(400);
                assertThat(messages).as(format).isGreaterThan(format.equals("wecom") ? 20 : 2);
            }
        }
    }
}
