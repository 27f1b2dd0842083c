package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.EventTimes;
import io.cordon.testkit.Feeds;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A corpus of bad corrections and voids (API.md, "Corrections and voids"; the "Bad input"): each gets its
 * specified 4xx as problem+json naming the field, and nothing reaches the event log. Then the good ones, which do.
 */
@ExtendWith(VertxExtension.class)
class CorrectionRequestsTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final String HOUSEHOLDS = "household_id,district,street,community,compound_id,compound_name\n"
            + "PH-1,浦东新区,花木街道,牡丹社区,PC-1,牡丹苑\nHH-1,黄浦区,外滩街道,外滩社区,HC-1,外滩苑\n";

    /** One request of the corpus and what it must get. */
    record Bad(
            String name,
            String method,
            String path,
            String token,
            String type,
            String body,
            int status,
            String field) {}

    static String at(Duration ago) {
        return EventTimes.format(Instant.now().minus(ago), SHANGHAI);
    }

    /** An item with raw JSON fields appended ({@code extra} starts with a comma), to reach every malformed shape. */
    static String arrival(String id, String checkpoint, String occurredAt, String extra) {
        return withExtra(Feeds.arrival(id).checkpoint(checkpoint).at(occurredAt).json(), extra);
    }

    static String visit(String id, String household, String visitedAt, String outcome, int round, String extra) {
        return withExtra(
                Feeds.visit(id)
                        .household(household)
                        .at(visitedAt)
                        .outcome(outcome)
                        .round(round)
                        .json(),
                extra);
    }

    private static String withExtra(String json, String extra) {
        return json.substring(0, json.length() - 1) + extra + "}";
    }

    static String q(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static List<Bad> corpus() {
        String now = at(Duration.ofHours(1));
        String old = at(Duration.ofDays(40));
        String ahead = EventTimes.format(Instant.now().plus(Duration.ofMinutes(30)), SHANGHAI);
        String why = ",\"correction_reason\":\"typo\"";
        String cp = "/api/v1/checkpoint-events/";
        String hv = "/api/v1/household-visits/";
        String json = "application/json";
        String long201 = "x".repeat(201);
        List<Bad> c = new ArrayList<>();
        // corrections of arrivals
        c.add(new Bad(
                "no reason",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ""),
                400,
                "correction_reason"));
        c.add(new Bad(
                "empty reason",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ",\"correction_reason\":\"\""),
                400,
                "correction_reason"));
        c.add(new Bad(
                "blank reason",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ",\"correction_reason\":\"   \""),
                400,
                "correction_reason"));
        c.add(new Bad(
                "reason too long",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ",\"correction_reason\":\"" + long201 + "\""),
                400,
                "correction_reason"));
        c.add(new Bad(
                "reason a number",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ",\"correction_reason\":5"),
                400,
                "correction_reason"));
        c.add(new Bad(
                "reason null",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, ",\"correction_reason\":null"),
                400,
                "correction_reason"));
        c.add(new Bad(
                "ids differ", "PUT", cp + "e2", "hq-admin", json, arrival("e1", "PD-1", now, why), 400, "/event_id"));
        c.add(new Bad("not JSON", "PUT", cp + "e1", "hq-admin", json, "{\"event_id\":", 400, "JSON"));
        c.add(new Bad(
                "an array",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                "[" + arrival("e1", "PD-1", now, why) + "]",
                400,
                "object"));
        c.add(new Bad("a string", "PUT", cp + "e1", "hq-admin", json, "\"e1\"", 400, "object"));
        c.add(new Bad("empty body", "PUT", cp + "e1", "hq-admin", json, "", 400, "JSON"));
        c.add(new Bad(
                "no checkpoint",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("\"checkpoint_id\":\"PD-1\",", ""),
                400,
                "checkpoint_id"));
        c.add(new Bad(
                "unknown checkpoint",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "NOPE", now, why),
                400,
                "/checkpoint_id"));
        c.add(new Bad(
                "bad decision",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("admitted", "waved"),
                400,
                "/decision"));
        c.add(new Bad(
                "no persons",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("\"persons\":[{\"temperature_c\":36.6}],", ""),
                400,
                "persons"));
        c.add(new Bad(
                "no time",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("\"occurred_at\":\"" + now + "\",", ""),
                400,
                "occurred_at"));
        c.add(new Bad(
                "not a time",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", "yesterday", why),
                400,
                "/occurred_at"));
        c.add(new Bad(
                "out of the window", "PUT", cp + "e1", "hq-admin", json, arrival("e1", "PD-1", old, why), 422, "P30D"));
        c.add(new Bad(
                "in the future",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", ahead, why),
                400,
                "/occurred_at"));
        c.add(new Bad(
                "temperature a string",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("36.6", "\"hot\""),
                400,
                "temperature_c"));
        c.add(new Bad(
                "a huge number",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                arrival("e1", "PD-1", now, why).replace("36.6", "1e400"),
                400,
                "temperature_c"));
        c.add(new Bad(
                "bad id in the path",
                "PUT",
                cp + "e%20one",
                "hq-admin",
                json,
                arrival("e one", "PD-1", now, why),
                400,
                "/event_id"));
        c.add(new Bad(
                "deep nesting",
                "PUT",
                cp + "e1",
                "hq-admin",
                json,
                "{\"a\":" + "[".repeat(100) + "]".repeat(100) + "}",
                400,
                "JSON"));
        c.add(new Bad(
                "text/plain",
                "PUT",
                cp + "e1",
                "hq-admin",
                "text/plain",
                arrival("e1", "PD-1", now, why),
                415,
                "application/json"));
        c.add(new Bad("no token", "PUT", cp + "e1", null, json, arrival("e1", "PD-1", now, why), 401, "token"));
        c.add(new Bad(
                "a feed token", "PUT", cp + "e1", "all-feed", json, arrival("e1", "PD-1", now, why), 403, "admin"));
        c.add(new Bad(
                "a district's admin, another district",
                "PUT",
                cp + "e1",
                "pda",
                json,
                arrival("e1", "HP-1", now, why),
                403,
                "/checkpoint_id"));
        // voids of arrivals
        c.add(new Bad("void without reason", "DELETE", cp + "e1", "hq-admin", null, null, 400, "reason"));
        c.add(new Bad("void with an empty reason", "DELETE", cp + "e1?reason=", "hq-admin", null, null, 400, "reason"));
        c.add(new Bad(
                "void reason too long", "DELETE", cp + "e1?reason=" + long201, "hq-admin", null, null, 400, "reason"));
        c.add(new Bad("void of a bad id", "DELETE", cp + "e%20one?reason=x", "hq-admin", null, null, 400, "/event_id"));
        c.add(new Bad(
                "void naming an unknown checkpoint",
                "DELETE",
                cp + "e1?reason=x&checkpoint_id=NOPE",
                "hq-admin",
                null,
                null,
                404,
                "checkpoint_id"));
        c.add(new Bad(
                "a district's void without its checkpoint",
                "DELETE",
                cp + "e1?reason=x",
                "pda",
                null,
                null,
                400,
                "checkpoint_id"));
        c.add(new Bad(
                "a district's void of another district",
                "DELETE",
                cp + "e1?reason=x&checkpoint_id=HP-1",
                "pda",
                null,
                null,
                403,
                "checkpoint_id"));
        c.add(new Bad("void without token", "DELETE", cp + "e1?reason=x", null, null, null, 401, "token"));
        c.add(new Bad("void by a feed token", "DELETE", cp + "e1?reason=x", "all-feed", null, null, 403, "admin"));
        // corrections of visits
        c.add(new Bad(
                "visit without reason",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                visit("v1", "PH-1", now, "reached", 1, ""),
                400,
                "correction_reason"));
        c.add(new Bad(
                "visit ids differ",
                "PUT",
                hv + "v2",
                "hq-admin",
                json,
                visit("v1", "PH-1", now, "reached", 1, why),
                400,
                "/event_id"));
        c.add(new Bad(
                "visit of an unknown household",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                visit("v1", "NOPE", now, "reached", 1, why),
                400,
                "/household_id"));
        c.add(new Bad(
                "visit with a bad outcome",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                visit("v1", "PH-1", now, "asleep", 1, why),
                400,
                "/outcome"));
        c.add(new Bad(
                "visit of round 0",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                visit("v1", "PH-1", now, "reached", 0, why),
                400,
                "/round"));
        c.add(new Bad(
                "visit out of the window",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                visit("v1", "PH-1", old, "reached", 1, why),
                422,
                "/visited_at"));
        c.add(new Bad(
                "visit without time",
                "PUT",
                hv + "v1",
                "hq-admin",
                json,
                "{\"event_id\":\"v1\",\"household_id\":\"PH-1\",\"round\":1,\"outcome\":\"reached\"" + why + "}",
                400,
                "visited_at"));
        c.add(new Bad(
                "visit of another district",
                "PUT",
                hv + "v1",
                "pda",
                json,
                visit("v1", "HH-1", now, "reached", 1, why),
                403,
                "/household_id"));
        // voids of visits
        c.add(new Bad("visit void without reason", "DELETE", hv + "v1", "hq-admin", null, null, 400, "reason"));
        c.add(new Bad(
                "visit void naming an unknown household",
                "DELETE",
                hv + "v1?reason=x&household_id=NOPE",
                "hq-admin",
                null,
                null,
                404,
                "household_id"));
        c.add(new Bad(
                "a district's visit void without its household",
                "DELETE",
                hv + "v1?reason=x",
                "pda",
                null,
                null,
                400,
                "household_id"));
        c.add(new Bad(
                "a district's visit void of another district",
                "DELETE",
                hv + "v1?reason=x&household_id=HH-1",
                "pda",
                null,
                null,
                403,
                "household_id"));
        c.add(new Bad(
                "visit void by a feed token",
                "DELETE",
                hv + "v1?reason=" + q("不对"),
                "all-feed",
                null,
                null,
                403,
                "admin"));
        return c;
    }

    @Test
    void everyBadCorrectionOrVoidGetsItsStatusNamingTheFieldAndChangesNothing(Vertx vertx) {
        IngestVerticleTest.Deployed d =
                IngestVerticleTest.deploy(vertx, Map.of("CORDON_ADMIN_TOKENS", "hq-admin,pd-admin:pda@district:浦东新区"));
        assertThat(d.send("PUT", "/api/v1/registry/households", "hq-admin", "text/csv", HOUSEHOLDS)
                        .statusCode())
                .isEqualTo(200);
        int before = d.log().written.size();
        List<Bad> corpus = corpus();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(40);
        for (Bad b : corpus) {
            HttpResponse<Buffer> r = d.send(b.method(), b.path(), b.token(), b.type(), b.body());
            assertThat(r.statusCode()).as(b.name() + ": " + r.bodyAsString()).isEqualTo(b.status());
            assertThat(r.getHeader("Content-Type")).as(b.name()).startsWith("application/problem+json");
            assertThat(r.bodyAsString()).as(b.name()).contains(b.field());
        }
        assertThat(d.log().written)
                .as("nothing of a bad request reaches the event log")
                .hasSize(before);

        // and the good ones do, each keyed by its event id
        String now = at(Duration.ofHours(1));
        assertThat(d.send(
                                "PUT",
                                "/api/v1/checkpoint-events/e1",
                                "hq-admin",
                                "application/json",
                                arrival("e1", "PD-1", now, ",\"correction_reason\":\"typo\""))
                        .bodyAsString())
                .isEqualTo("{\"corrected\":\"e1\"}");
        assertThat(d.send(
                                "PUT",
                                "/api/v1/household-visits/v1",
                                "pda",
                                "application/json",
                                visit("v1", "PH-1", now, "reached", 1, ",\"correction_reason\":\"typo\""))
                        .bodyAsString())
                .isEqualTo("{\"corrected\":\"v1\"}");
        assertThat(d.send("DELETE", "/api/v1/household-visits/v2?reason=x&household_id=PH-1", "pda", null, null)
                        .bodyAsString())
                .isEqualTo("{\"voided\":\"v2\"}");
        assertThat(d.send("DELETE", "/api/v1/checkpoint-events/e3?reason=x", "hq-admin", null, null)
                        .statusCode())
                .isEqualTo(202);
        assertThat(d.log().written.subList(before, d.log().written.size()))
                .containsExactly(
                        "cordon.checkpoint-arrivals e1",
                        "cordon.household-visits v1",
                        "cordon.household-visits v2",
                        "cordon.checkpoint-arrivals e3");
    }
}
