package io.cordon.dashboard.alerts;

import io.cordon.schemas.FeverAlert;
import io.cordon.schemas.Json;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * What a webhook is sent: an alert as JSON, or a robot's text message naming every alert that waited, packed within the
 * robot's size limit; and a DingTalk robot's signed URL.
 */
final class WebhookMessages {

    /** The longest text content, in UTF-8 bytes, a WeCom group robot takes. */
    static final int WECOM_CONTENT_BYTES = 2048;
    /** The longest text content, in UTF-8 bytes, a DingTalk group robot takes. */
    static final int DINGTALK_CONTENT_BYTES = 20_000;

    private final String format;
    private final ZoneId zone;

    WebhookMessages(String format, ZoneId zone) {
        this.format = format;
        this.zone = zone;
    }

    boolean json() {
        return format.equals("json");
    }

    static boolean errcodeZero(String body) {
        try {
            return Json.MAPPER.readTree(body).path("errcode").asInt(-1) == 0;
        } catch (Exception e) {
            return false;
        }
    }

    /**
     * The alerts, from the head of those waiting, that go in the next message: one for plain JSON; for a robot, as many
     * as fit its content limit (at least one: a single alert's line is far below either limit).
     */
    List<FeverAlert> nextMessage(List<FeverAlert> pending) {
        if (json() || pending.size() == 1) {
            return List.copyOf(pending.subList(0, 1));
        }
        int limit = format.equals("dingtalk") ? DINGTALK_CONTENT_BYTES : WECOM_CONTENT_BYTES;
        // the heading names the count: reserve it for the largest count this message could have
        int bytes = utf8Length(heading(pending.size()));
        int n = 0;
        while (n < pending.size()) {
            int line = utf8Length(line(pending.get(n)));
            if (n > 0 && bytes + line > limit) {
                break;
            }
            bytes += line;
            n++;
        }
        return List.copyOf(pending.subList(0, n));
    }

    private static String heading(int alerts) {
        return alerts == 1 ? "发热警报 Fever alert" : "发热警报 " + alerts + " fever alerts";
    }

    /**
     * One alert's line: where (a checkpoint; or a key person's community and the cadre responsible, never an ID number),
     * when, which event.
     */
    private String line(FeverAlert a) {
        String where = a.isKeyPerson()
                ? "重点人员 key person " + a.personId() + " · " + a.community() + " · 责任人 " + a.responsible()
                : "卡口 checkpoint " + a.checkpointId();
        return "\n" + String.format("%.1f", a.temperatureC()) + " ℃ · " + where + " · "
                + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xxx")
                        .format(a.occurredAt().atZone(zone)) + " · event "
                + a.eventId() + " (alert " + a.alertId() + ")";
    }

    private static int utf8Length(String s) {
        return s.getBytes(StandardCharsets.UTF_8).length;
    }

    /** The message body: the alert as JSON, or a robot text message (several alerts in one when they had to wait). */
    String body(List<FeverAlert> batch) {
        if (json()) {
            FeverAlert a = batch.get(0);
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("alert_id", a.alertId());
            m.put("kind", a.kindOrDefault());
            m.put("event_id", a.eventId());
            if (a.isKeyPerson()) {
                m.put("person_id", a.personId());
                m.put("household_id", a.householdId());
                m.put("community", a.community());
                m.put("responsible", a.responsible());
            } else {
                m.put("checkpoint_id", a.checkpointId());
            }
            m.put(
                    "occurred_at",
                    DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(a.occurredAt().atZone(zone)));
            m.put("temperature_c", a.temperatureC());
            m.put("status", "new");
            return Json.write(m);
        }
        StringBuilder text = new StringBuilder(heading(batch.size()));
        for (FeverAlert a : batch) {
            text.append(line(a));
        }
        return new JsonObject()
                .put("msgtype", "text")
                .put("text", new JsonObject().put("content", text.toString()))
                .encode();
    }

    /**
     * A DingTalk robot URL with its signature: {@code timestamp} (ms) and {@code sign} = URL-encoded Base64 of
     * HMAC-SHA256 over {@code timestamp + "\n" + secret}, keyed with the secret.
     */
    static URI signed(URI url, String secret, long timestamp) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String sign = Base64.getEncoder()
                    .encodeToString(mac.doFinal((timestamp + "\n" + secret).getBytes(StandardCharsets.UTF_8)));
            String s = url.toString();
            return URI.create(s + (s.contains("?") ? "&" : "?") + "timestamp=" + timestamp + "&sign="
                    + URLEncoder.encode(sign, StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JRE", e);
        }
    }
}
