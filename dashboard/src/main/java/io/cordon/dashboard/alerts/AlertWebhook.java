package io.cordon.dashboard.alerts;

import io.cordon.http.KafkaClients;
import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.cordon.schemas.Topics;
import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSql;
import io.cordon.schemas.clickhouse.Tables;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends every new fever alert to a webhook ({@code CORDON_ALERT_WEBHOOK_URL}): a WeCom or DingTalk group robot (text
 * message; DingTalk signed with {@code CORDON_ALERT_WEBHOOK_SECRET}) or any receiver of the alert as JSON (API.md,
 * "Alerts").
 *
 * <ul>
 *   <li><b>Once per alert, with several dashboards</b>: the alerts are read in the consumer group
 *       {@value #GROUP}, so each partition of the alert topic (and both copies of an alert, which share a key) goes
 *       to one dashboard. Offsets are committed only when everything read so far was accepted: at least once across a
 *       restart; the alert id is in the text so a receiver can drop a repeat. Ids sent are kept in
 *       {@code alert_webhook_sent}, so a replay of the topic sends nothing twice.</li>
 *   <li><b>Accepted means</b> a 2xx and, for the robots, an {@code errcode} of 0; otherwise the message is sent again
 *       after 1, 2, 4 ... 30 s, for as long as it takes.</li>
 *   <li><b>Rate</b>: the robots take 20 messages a minute; alerts beyond that wait for the next free slot and go
 *       together in one message, never dropped.</li>
 *   <li><b>Size</b>: a message's text never exceeds its robot's limit (WeCom 2,048 bytes of content, DingTalk 20,000):
 *       what waits is packed into as many messages as it takes ({@link WebhookMessages#nextMessage}).</li>
 *   <li><b>A refused message never stops the next</b>: its alerts go behind the others that wait, and are sent again
 *       after the back-off.</li>
 * </ul>
 */
public final class AlertWebhook implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
    static final String GROUP = "cordon-alert-webhook";
    static final int ROBOT_MESSAGES_PER_MINUTE = 20;
    private final URI url;
    private final WebhookMessages wire;
    private final String format;
    private final String secret;
    private final ClickHouseHttp clickHouse;
    private final KafkaConsumer<String, String> consumer;
    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    /** Alert id → when it was sent or withdrawn (epoch ms), for the last {@link AlertStore#REMEMBERED}; older ids are asked of ClickHouse. */
    private final Map<String, Long> sent = new ConcurrentHashMap<>();

    private long forgottenAt;
    private final Thread thread;
    private final Deque<Long> sentAt = new ArrayDeque<>();
    private volatile boolean running = true;
    private volatile long delivered;
    private volatile long messages;
    private volatile long merged;
    private volatile long refusedMessages;
    private volatile int waiting;

    public AlertWebhook(
            String url, String format, String secret, ZoneId zone, String bootstrap, ClickHouseHttp clickHouse) {
        this.url = URI.create(url);
        this.format = format;
        this.secret = secret;
        this.wire = new WebhookMessages(format, zone);
        this.clickHouse = clickHouse;
        Properties p = KafkaClients.consumer(bootstrap, "cordon-dashboard-webhook");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, GROUP);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "latest");
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "200");
        this.consumer = new KafkaConsumer<>(p, new StringDeserializer(), new StringDeserializer());
        this.thread = new Thread(this::run, "cordon-alert-webhook");
        this.thread.setDaemon(true);
    }

    public AlertWebhook start() {
        thread.start();
        return this;
    }

    /** Alerts a receiver accepted since start (for /metrics). */
    public long delivered() {
        return delivered;
    }

    private void run() {
        List<FeverAlert> pending = new ArrayList<>();
        long retryAt = 0;
        long pause = 1000;
        boolean loaded = false;
        try {
            while (running) {
                try {
                    if (!loaded) {
                        long now = System.currentTimeMillis();
                        clickHouse
                                .executeBlocking("SELECT alert_id FROM alert_webhook_sent WHERE sent_at >= toDateTime("
                                        + (now - AlertStore.REMEMBERED.toMillis()) / 1000 + ") FORMAT TSV")
                                .lines()
                                .filter(l -> !l.isEmpty())
                                .forEach(id -> sent.put(id, now));
                        loaded = true;
                        consumer.subscribe(List.of(Topics.FEVER_ALERTS));
                    }
                    for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(200))) {
                        try {
                            FeverAlert a = Json.read(r.value(), FeverAlert.class);
                            if (a.withdrawn()) {
                                // voided or corrected before it was sent: not sent at all (once sent, it stays sent)
                                pending.removeIf(p -> p.alertId().equals(a.alertId()));
                                sent.put(a.alertId(), System.currentTimeMillis());
                                continue;
                            }
                            if (pending.stream().noneMatch(p -> p.alertId().equals(a.alertId())) && !sentBefore(a)) {
                                pending.add(a);
                            }
                        } catch (RuntimeException e) {
                            LOG.warn("skipping an unreadable fever alert at offset {}", r.offset());
                        }
                    }
                    long now = System.currentTimeMillis();
                    waiting = pending.size();
                    if (pending.isEmpty()) {
                        consumer.commitSync();
                        continue;
                    }
                    if (now < retryAt || !slotFree(now)) {
                        continue;
                    }
                    List<FeverAlert> batch = wire.nextMessage(pending);
                    if (send(batch)) {
                        record(batch, now);
                        messages++;
                        if (batch.size() > 1) {
                            merged += batch.size();
                        }
                        pending.subList(0, batch.size()).clear();
                        pause = 1000;
                        retryAt = 0;
                    } else {
                        // behind the others that wait: a message the receiver refuses never holds back the next one
                        refusedMessages++;
                        List<FeverAlert> refused = new ArrayList<>(pending.subList(0, batch.size()));
                        pending.subList(0, batch.size()).clear();
                        pending.addAll(refused);
                        retryAt = now + pause;
                        pause = Math.min(pause * 2, 30_000);
                    }
                } catch (WakeupException e) {
                    // closing
                } catch (RuntimeException e) {
                    LOG.warn("the alert webhook cannot go on now ({}); trying again in {} ms", e.toString(), pause);
                    Thread.sleep(pause);
                    pause = Math.min(pause * 2, 30_000);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    /**
     * Whether an alert was sent (or withdrawn) before: held in memory for a few days; an alert whose event is older and
     * not held (a replay of the topic) is looked up in {@code alert_webhook_sent}. Memory stays bounded.
     */
    private boolean sentBefore(FeverAlert a) {
        long now = System.currentTimeMillis();
        if (now - forgottenAt > 600_000) {
            forgottenAt = now;
            long before = now - AlertStore.REMEMBERED.toMillis();
            sent.values().removeIf(t -> t < before);
        }
        if (sent.containsKey(a.alertId())) {
            return true;
        }
        if (!a.occurredAt().isBefore(Instant.ofEpochMilli(now).minus(AlertStore.REMEMBERED))) {
            return false;
        }
        boolean stored;
        try {
            stored = !clickHouse
                    .executeBlocking("SELECT count() FROM alert_webhook_sent WHERE alert_id = "
                            + ClickHouseSql.quote(a.alertId()) + " FORMAT TSV")
                    .strip()
                    .equals("0");
        } catch (RuntimeException e) {
            LOG.warn("whether alert {} was sent before cannot be read ({}); sending it", a.alertId(), e.getMessage());
            return false;
        }
        if (stored) {
            sent.put(a.alertId(), now);
        }
        return stored;
    }

    /** Whether a message may go now: always for plain JSON, 20 a minute for the robots. */
    private boolean slotFree(long now) {
        if (wire.json()) {
            return true;
        }
        while (!sentAt.isEmpty() && sentAt.peekFirst() <= now - 60_000) {
            sentAt.pollFirst();
        }
        return sentAt.size() < ROBOT_MESSAGES_PER_MINUTE;
    }

    private void record(List<FeverAlert> batch, long now) {
        sentAt.addLast(now);
        List<String> rows = new ArrayList<>();
        for (FeverAlert a : batch) {
            sent.put(a.alertId(), now);
            delivered++;
            rows.add(new JsonObject()
                    .put("alert_id", a.alertId())
                    .put("sent_at", ClickHouseSql.DATE_TIME.format(Instant.ofEpochMilli(now)))
                    .encode());
        }
        try {
            clickHouse.insertBlocking(Tables.ALERT_WEBHOOK_SENT, rows);
        } catch (RuntimeException e) {
            LOG.warn(
                    "the webhook's sent alerts could not be recorded ({}); a restart may send them again",
                    e.getMessage());
        }
    }

    /** POSTs one message; true when the receiver accepted it. */
    private boolean send(List<FeverAlert> batch) {
        try {
            URI target = format.equals("dingtalk") && secret != null
                    ? WebhookMessages.signed(url, secret, System.currentTimeMillis())
                    : url;
            String body = wire.body(batch);
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(target)
                            .timeout(Duration.ofSeconds(5))
                            .header("Content-Type", "application/json; charset=utf-8")
                            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            boolean ok = r.statusCode() / 100 == 2 && (wire.json() || WebhookMessages.errcodeZero(r.body()));
            if (!ok) {
                LOG.warn(
                        "the alert webhook refused a message ({} {}); sending it again",
                        r.statusCode(),
                        r.body().length() > 200 ? r.body().substring(0, 200) : r.body());
            }
            return ok;
        } catch (IOException e) {
            LOG.warn("the alert webhook cannot be reached ({}); sending again", e.toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() throws InterruptedException {
        running = false;
        if (thread.isAlive()) {
            consumer.wakeup();
            thread.join(5000);
        } else if (thread.getState() == Thread.State.NEW) {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    /**
     * The webhook's meters: alerts and messages the receiver accepted, alerts that went merged with others in one
     * message (over the robots' 20 a minute), messages refused (sent again after the back-off), and alerts waiting now.
     * None is ever dropped, so there is no meter of dropped alerts: what waits is {@code cordon_alert_webhook_waiting}.
     */
    public AlertWebhook register(MeterRegistry registry) {
        FunctionCounter.builder("cordon_alert_webhook_delivered", this, AlertWebhook::delivered)
                .description("fever alerts the webhook receiver accepted")
                .register(registry);
        FunctionCounter.builder("cordon_alert_webhook_messages", this, w -> w.messages)
                .description("webhook messages the receiver accepted")
                .register(registry);
        FunctionCounter.builder("cordon_alert_webhook_merged_alerts", this, w -> w.merged)
                .description("fever alerts sent together with others in one message (rate or backlog)")
                .register(registry);
        FunctionCounter.builder("cordon_alert_webhook_refused_messages", this, w -> w.refusedMessages)
                .description("webhook messages the receiver refused or did not answer (sent again after a back-off)")
                .register(registry);
        Gauge.builder("cordon_alert_webhook_waiting", this, w -> w.waiting)
                .description("fever alerts waiting for the webhook (the robots take 20 messages a minute)")
                .register(registry);
        return this;
    }
}
