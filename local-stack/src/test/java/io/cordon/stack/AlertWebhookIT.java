package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.cordon.schemas.EventTimes;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A fever reaches a DingTalk group robot: a signed text message naming the event, sent again until the robot answers
 * {@code errcode} 0 (the first answer here is an error), and once only, though both ingest's fast path and the counting
 * job write the alert.
 */
class AlertWebhookIT {

    static final String SECRET = "SECtest-robot-secret";

    @TempDir
    Path dir;

    @Test
    void aFeverReachesTheRobotSignedRetriedAndOnce() throws Exception {
        List<String> bodies = new CopyOnWriteArrayList<>();
        List<String> queries = new CopyOnWriteArrayList<>();
        AtomicInteger calls = new AtomicInteger();
        HttpServer robot = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        robot.createContext("/robot/send", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            String answer = calls.incrementAndGet() == 1
                    ? "{\"errcode\":310000,\"errmsg\":\"sign not match\"}"
                    : "{\"errcode\":0,\"errmsg\":\"ok\"}";
            bodies.add(new String(body, StandardCharsets.UTF_8));
            queries.add(exchange.getRequestURI().getRawQuery());
            byte[] out = answer.getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, out.length);
            exchange.getResponseBody().write(out);
            exchange.close();
        });
        robot.start();
        String url = "http://127.0.0.1:" + robot.getAddress().getPort() + "/robot/send?access_token=abc";
        try (TestStack stack = TestStack.start(
                dir,
                Map.of(
                        "CORDON_ALERT_WEBHOOK_URL",
                        url,
                        "CORDON_ALERT_WEBHOOK_FORMAT",
                        "dingtalk",
                        "CORDON_ALERT_WEBHOOK_SECRET",
                        SECRET))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "WH-1,卡口,highway,云南,,,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            // the webhook's consumer joins its group from the topic's end: give it a moment before the fever
            Thread.sleep(5000);
            String now = EventTimes.format(Instant.now(), FaultLoad.SHANGHAI);
            assertThat(stack.postArrivals(
                                    CheckpointSnapshotIT.arrival("wh-fever", "WH-1", now, false, "referred", "39.1"))
                            .statusCode())
                    .isEqualTo(202);
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> bodies.stream().filter(b -> b.contains("wh-fever")).count() >= 2,
                    () -> "the robot got " + bodies);
            // the counting job's copy of the alert comes later: still one accepted message
            Thread.sleep(5000);
            assertThat(bodies.stream().filter(b -> b.contains("wh-fever")).count())
                    .as("messages: refused once, accepted once")
                    .isEqualTo(2);
            String text = bodies.get(1);
            assertThat(text)
                    .contains("\"msgtype\":\"text\"")
                    .contains("39.1")
                    .contains("WH-1")
                    .contains("wh-fever/0");
            String query = queries.get(1);
            assertThat(query).startsWith("access_token=abc&timestamp=");
            String timestamp = query.replaceAll(".*timestamp=([0-9]+).*", "$1");
            String sign = URLDecoder.decode(query.replaceAll(".*sign=([^&]+).*", "$1"), StandardCharsets.UTF_8);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            assertThat(sign)
                    .isEqualTo(Base64.getEncoder()
                            .encodeToString(mac.doFinal((timestamp + "\n" + SECRET).getBytes(StandardCharsets.UTF_8))));
            String metrics = stack.get("/metrics").body();
            assertThat(metrics).contains("cordon_alert_webhook_delivered_total");
            // the robot refused the first message and took the second; nothing waits, nothing was merged
            assertThat(metrics.lines())
                    .anyMatch(l -> l.startsWith("cordon_alert_webhook_refused_messages_total{") && l.endsWith(" 1.0"))
                    .anyMatch(l -> l.startsWith("cordon_alert_webhook_messages_total{") && l.endsWith(" 1.0"))
                    .anyMatch(l -> l.startsWith("cordon_alert_webhook_merged_alerts_total{") && l.endsWith(" 0.0"))
                    .anyMatch(l -> l.startsWith("cordon_alert_webhook_waiting{") && l.endsWith(" 0.0"));
        } finally {
            robot.stop(0);
        }
    }
}
