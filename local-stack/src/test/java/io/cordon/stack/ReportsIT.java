package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.cordon.schemas.Json;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A daily report frozen by hand (API.md, "Daily reports of record"): listed with the SHA-256 of its JSON; every
 * download of every format byte-identical, also after a late event changed the figures; the late event listed among
 * the changes; a district's slice; the rules (409, 422, admin only).
 */
class ReportsIT {

    @TempDir
    Path dir;

    @Test
    void aFrozenReportIsByteIdenticalForEverAndSaysWhatChangedSince() throws Exception {
        try (TestStack stack = TestStack.start(dir)) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "RP-1,卡口,highway,上海,,浦东新区,,,\nRP-2,卡口,highway,上海,,黄浦区,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            LocalDate yesterday = LocalDate.now(FaultLoad.SHANGHAI).minusDays(1);
            String at = yesterday + "T10:00:00+08:00";
            assertThat(stack.postArrivals("["
                                    + CheckpointSnapshotIT.arrival("rp-1", "RP-1", at, true, "admitted", "36.5") + ","
                                    + CheckpointSnapshotIT.arrival(
                                            "rp-2", "RP-2", at, true, "turned_back", "36.6", "36.7")
                                    + "]")
                            .statusCode())
                    .isEqualTo(202);
            awaitPersons(stack, yesterday, 3);

            String freeze = stack.stack.dashboardUrl() + "/api/v1/reports?date=" + yesterday + "&cutoff=24:00";
            assertThat(stack.send("POST", freeze, null, null, null).statusCode())
                    .as("no token")
                    .isEqualTo(401);
            HttpResponse<String> frozen = stack.send("POST", freeze, null, null, TestStack.TOKEN);
            assertThat(frozen.statusCode()).as(frozen.body()).isEqualTo(201);
            JsonNode entry = Json.MAPPER.readTree(frozen.body());
            assertThat(stack.send("POST", freeze, null, null, TestStack.TOKEN).statusCode())
                    .as("frozen already")
                    .isEqualTo(409);
            assertThat(stack.send(
                                    "POST",
                                    stack.stack.dashboardUrl() + "/api/v1/reports?date=" + yesterday.plusDays(2)
                                            + "&cutoff=00:00",
                                    null,
                                    null,
                                    TestStack.TOKEN)
                            .statusCode())
                    .as("a cutoff still to come")
                    .isEqualTo(422);
            freezingADateTwiceAtTheSameMomentStoresExactlyOneReport(stack, yesterday.minusDays(1));
            JsonNode list = Json.MAPPER.readTree(stack.get("/api/v1/reports").body());
            assertThat(list.get(0).get("date").asText()).isEqualTo(yesterday.toString());
            assertThat(list.get(0).get("sha256").asText())
                    .isEqualTo(entry.get("sha256").asText());

            byte[] json = bytes(stack, "/api/v1/reports/" + yesterday + "?format=json");
            byte[] xlsx = bytes(stack, "/api/v1/reports/" + yesterday + "?format=xlsx");
            byte[] pdf = bytes(stack, "/api/v1/reports/" + yesterday + "?format=pdf");
            assertThat(HexFormat.of()
                            .formatHex(MessageDigest.getInstance("SHA-256").digest(json)))
                    .isEqualTo(entry.get("sha256").asText());
            assertThat(Json.MAPPER
                            .readTree(json)
                            .get("totals")
                            .get("cumulative")
                            .get("registered_persons")
                            .asLong())
                    .isEqualTo(3);

            // a device syncs late: an event before the cutoff arrives after the report was frozen
            assertThat(stack.postArrivals(CheckpointSnapshotIT.arrival(
                                    "rp-late", "RP-1", yesterday + "T18:00:00+08:00", false, "admitted", "36.5"))
                            .statusCode())
                    .isEqualTo(202);
            awaitPersons(stack, yesterday, 4);
            assertThat(bytes(stack, "/api/v1/reports/" + yesterday + "?format=json"))
                    .isEqualTo(json);
            assertThat(bytes(stack, "/api/v1/reports/" + yesterday + "?format=xlsx"))
                    .isEqualTo(xlsx);
            assertThat(bytes(stack, "/api/v1/reports/" + yesterday + "?format=pdf"))
                    .isEqualTo(pdf);
            JsonNode changes = Json.MAPPER.readTree(
                    stack.get("/api/v1/reports/" + yesterday + "/changes").body());
            JsonNode total = null;
            for (JsonNode c : changes.get("changes")) {
                if (c.get("figure").asText().equals("totals/cumulative/registered_persons")) {
                    total = c;
                }
            }
            assertThat(total).as(changes.toString()).isNotNull();
            assertThat(total.get("reported").asLong()).isEqualTo(3);
            assertThat(total.get("now").asLong()).isEqualTo(4);
            assertThat(changes.toString())
                    .contains("checkpoints/RP-1/today/registered_persons")
                    .doesNotContain("checkpoints/RP-2/");

            JsonNode slice = Json.MAPPER.readTree(bytes(
                    stack,
                    "/api/v1/reports/" + yesterday + "?scope="
                            + URLEncoder.encode("district:黄浦区", StandardCharsets.UTF_8)));
            assertThat(slice.get("scope").asText()).isEqualTo("district:黄浦区");
            assertThat(slice.get("checkpoints")).hasSize(1);
            assertThat(slice.get("totals")
                            .get("cumulative")
                            .get("registered_persons")
                            .asLong())
                    .isEqualTo(2);
            assertThat(stack.get("/api/v1/reports/" + yesterday.minusDays(5)).statusCode())
                    .isEqualTo(404);

            // sign-offs beside the report: a district's admin for its district, once; the files stay the same
            String signOffs = stack.stack.dashboardUrl() + "/api/v1/reports/" + yesterday + "/sign-offs";
            assertThat(stack.send("POST", signOffs, null, null, TestStack.TOKEN).statusCode())
                    .as("an admin of all names the district")
                    .isEqualTo(400);
            HttpResponse<String> signed = stack.send(
                    "POST",
                    signOffs + "?district=" + URLEncoder.encode("黄浦区", StandardCharsets.UTF_8) + "&note=ok",
                    null,
                    null,
                    TestStack.TOKEN);
            assertThat(signed.statusCode()).as(signed.body()).isEqualTo(201);
            assertThat(stack.send(
                                    "POST",
                                    signOffs + "?district=" + URLEncoder.encode("黄浦区", StandardCharsets.UTF_8),
                                    null,
                                    null,
                                    TestStack.TOKEN)
                            .statusCode())
                    .isEqualTo(409);
            assertThat(stack.send(
                                    "POST",
                                    stack.stack.dashboardUrl() + "/api/v1/reports/" + yesterday.minusDays(7)
                                            + "/sign-offs?district=x",
                                    null,
                                    null,
                                    TestStack.TOKEN)
                            .statusCode())
                    .isEqualTo(404);
            JsonNode signs = Json.MAPPER.readTree(
                    stack.get("/api/v1/reports/" + yesterday + "/sign-offs").body());
            assertThat(signs).hasSize(1);
            assertThat(signs.get(0).get("district").asText()).isEqualTo("黄浦区");
            assertThat(bytes(stack, "/api/v1/reports/" + yesterday + "?format=json"))
                    .isEqualTo(json);

            // the audit log: the freeze and the registry upload, by the token's label; only for admins
            assertThat(stack.get("/api/v1/audit").statusCode()).isEqualTo(401);
            TestStack.eventually(
                    Duration.ofSeconds(15),
                    () -> {
                        try {
                            String audit = stack.send(
                                            "GET",
                                            stack.stack.dashboardUrl() + "/api/v1/audit?since=2020-01-01T00:00:00Z",
                                            null,
                                            null,
                                            TestStack.TOKEN)
                                    .body();
                            return audit.contains("\"action\":\"report_freeze\"")
                                    && audit.contains(yesterday.toString())
                                    && audit.contains("\"action\":\"registry_upsert\"")
                                    && audit.contains("\"actor\":\"token-")
                                    && audit.contains("\"action\":\"sign_off\"");
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the audit log lacks the freeze or the upload");
            assertThat(stack.send(
                                    "GET",
                                    stack.stack.dashboardUrl() + "/api/v1/audit?action=nope",
                                    null,
                                    null,
                                    TestStack.TOKEN)
                            .statusCode())
                    .isEqualTo(400);
        }
    }

    private static byte[] bytes(TestStack stack, String path) throws Exception {
        HttpResponse<byte[]> r = stack.http.send(
                HttpRequest.newBuilder(URI.create(stack.stack.dashboardUrl() + path))
                        .build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).as(path).isEqualTo(200);
        return r.body();
    }

    /** Two freezes of one date at once (by hand and the daily timer, or two dashboards): one 201, one 409, one report. */
    private static void freezingADateTwiceAtTheSameMomentStoresExactlyOneReport(TestStack stack, LocalDate date)
            throws Exception {
        String freeze = stack.stack.dashboardUrl() + "/api/v1/reports?date=" + date + "&cutoff=20:00";
        Supplier<HttpResponse<String>> post = () -> {
            try {
                return stack.send("POST", freeze, null, null, TestStack.TOKEN);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        };
        var first = CompletableFuture.supplyAsync(post);
        var second = CompletableFuture.supplyAsync(post);
        List<HttpResponse<String>> answers = List.of(first.get(), second.get());
        assertThat(answers)
                .extracting(HttpResponse::statusCode)
                .as(answers.toString())
                .containsExactlyInAnyOrder(201, 409);
        HttpResponse<String> created =
                answers.stream().filter(r -> r.statusCode() == 201).findFirst().orElseThrow();
        String sha = Json.MAPPER.readTree(created.body()).get("sha256").asText();
        byte[] stored = bytes(stack, "/api/v1/reports/" + date + "?format=json");
        assertThat(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(stored)))
                .isEqualTo(sha);
    }

    private static void awaitPersons(TestStack stack, LocalDate date, long persons) throws InterruptedException {
        TestStack.eventually(
                Duration.ofSeconds(30),
                () -> {
                    try {
                        return stack.getJson("/api/v1/snapshot?date=" + date + "&cutoff=24:00")
                                        .get("totals")
                                        .get("cumulative")
                                        .get("registered_persons")
                                        .asLong()
                                == persons;
                    } catch (Exception e) {
                        return false;
                    }
                },
                () -> "the snapshot never counted " + persons + " persons");
    }
}
