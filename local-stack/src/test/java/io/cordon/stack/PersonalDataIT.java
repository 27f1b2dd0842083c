package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.Stream;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * ID numbers (of arrivals and of key persons) and plates never leave ingest in clear: after a run that posted them (in accepted, rejected and malformed
 * items), no log line and no file of the stack (Kafka's topics, ClickHouse's tables, Flink's checkpoints, the logs)
 * holds one. An arrival's note is kept only in its own topic, for the correction window (docs/LIMITS.md, "Personal data"); a visit's note is dropped;
 * neither is ever logged.
 */
class PersonalDataIT {

    static final String ID_NUMBER = "11010519491231002X";
    static final String ID_REJECTED = "110105194912310039";
    static final String PLATE = "京APII88";
    static final String ARRIVAL_NOTE = "NOTE-ARRIVAL-7f3a";
    static final String VISIT_NOTE = "NOTE-VISIT-9c2e";
    static final String KEY_PERSON_ID = "310101199001011234";
    static final String KEY_PERSON_REJECTED = "31010119900101567X";

    @TempDir
    Path dir;

    @Test
    void noClearIdNumberPlateOrNoteWhereItDoesNotBelong() throws Exception {
        ConcurrentLinkedQueue<String> logged = new ConcurrentLinkedQueue<>();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        AbstractAppender capture = new AbstractAppender("pii-capture", null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                logged.add(event.getMessage().getFormattedMessage()
                        + (event.getThrown() == null ? "" : " " + event.getThrown()));
            }
        };
        capture.start();
        context.getConfiguration().getRootLogger().addAppender(capture, Level.ALL, null);
        Configurator.setLevel("io.cordon", Level.DEBUG);
        context.updateLoggers();
        try (TestStack stack = TestStack.start(dir)) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                    + "P-1,卡口,highway,云南,,,,,\n")
                            .statusCode())
                    .isEqualTo(200);
            assertThat(stack.putHouseholds(ScreeningIT.HEADER + "PH-1,麒麟区,街道,社区,PC-1,小区,1,1,101,,\n")
                            .statusCode())
                    .isEqualTo(200);
            ObjectNode good = MalformedArrivals.valid("pii-1", "P-1");
            ((ObjectNode) good.get("persons").get(0)).put("id_number", ID_NUMBER);
            ((ObjectNode) good.get("vehicle")).put("plate", PLATE);
            good.put("note", ARRIVAL_NOTE);
            ObjectNode rejected = MalformedArrivals.valid("pii-2", "NO-SUCH-CHECKPOINT");
            ((ObjectNode) rejected.get("persons").get(0)).put("id_number", ID_REJECTED);
            ((ObjectNode) rejected.get("vehicle")).put("plate", PLATE);
            assertThat(stack.postArrivals("[" + good + "," + rejected + "]").statusCode())
                    .isEqualTo(202);
            // malformed: the ID number where a number belongs, a plate too long, a body that is no JSON at all
            ObjectNode odd = MalformedArrivals.valid("pii-3", "P-1");
            ((ObjectNode) odd.get("persons").get(0)).put("temperature_c", ID_NUMBER);
            ((ObjectNode) odd.get("vehicle")).put("plate", PLATE.repeat(30));
            assertThat(stack.postArrivals(odd.toString()).statusCode()).isEqualTo(400);
            assertThat(stack.postArrivals("{\"id_number\": \"" + ID_NUMBER + "\", \"plate\": \"" + PLATE)
                            .statusCode())
                    .isEqualTo(400);
            assertThat(stack.postVisits(MalformedVisits.valid("pii-v1", "PH-1")
                                    .put("note", VISIT_NOTE)
                                    .toString())
                            .statusCode())
                    .isEqualTo(202);
            // a key person's ID number, in an accepted row and in a refused one (its household is not registered)
            String today = LocalDate.now(ZoneId.of("Asia/Shanghai")).toString();
            String header = "person_id,household_id,category,measure,measure_from,responsible,id_number\n";
            HttpResponse<String> refused = stack.send(
                    "PUT",
                    stack.stack.ingestUrl() + "/api/v1/registry/key-persons",
                    "text/csv",
                    header + "KP-2,NO-SUCH,close_contact,home_quarantine," + today + ",王芳," + KEY_PERSON_REJECTED
                            + "\n",
                    TestStack.TOKEN);
            assertThat(refused.statusCode()).isEqualTo(400);
            assertThat(refused.body()).doesNotContain(KEY_PERSON_REJECTED);
            assertThat(stack.send(
                                    "PUT",
                                    stack.stack.ingestUrl() + "/api/v1/registry/key-persons",
                                    "text/csv",
                                    header + "KP-1,PH-1,close_contact,home_quarantine," + today + ",王芳," + KEY_PERSON_ID
                                            + "\n",
                                    TestStack.TOKEN)
                            .statusCode())
                    .isEqualTo(200);
            assertThat(stack.send(
                                    "POST",
                                    stack.stack.ingestUrl() + "/api/v1/follow-ups",
                                    "application/json",
                                    "{\"event_id\":\"pii-f1\",\"person_id\":\"KP-1\",\"followed_at\":\""
                                            + Instant.now() + "\",\"method\":\"phone\",\"reached\":true,"
                                            + "\"temperature_c\":38.1}",
                                    TestStack.TOKEN)
                            .statusCode())
                    .isEqualTo(202);
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> stack.tiles("all", null).at("/key_persons/fevers").asLong() == 1,
                    () -> "the follow-up was not counted");
            for (String export : List.of(
                    "/api/v1/key-persons?format=csv",
                    "/api/v1/key-persons",
                    "/api/v1/snapshot?format=csv",
                    "/api/v1/snapshot",
                    "/api/v1/alerts")) {
                assertThat(stack.view(export, null).body()).as(export).doesNotContain(KEY_PERSON_ID);
            }
            TestStack.eventually(
                    Duration.ofSeconds(30),
                    () -> {
                        try {
                            return stack.getJson("/api/v1/tiles?scope=checkpoint:P-1")
                                            .get("tiles")
                                            .get("registered_persons")
                                            .get("cumulative")
                                            .asLong()
                                    == 3;
                        } catch (Exception e) {
                            return false;
                        }
                    },
                    () -> "the arrival was not counted");
        } finally {
            context.getConfiguration().getRootLogger().removeAppender("pii-capture");
            Configurator.setLevel("io.cordon", Level.WARN);
            context.updateLoggers();
        }

        assertThat(logged).as("log lines").isNotEmpty();
        for (String line : logged) {
            assertThat(line)
                    .doesNotContain(ID_NUMBER)
                    .doesNotContain(ID_REJECTED)
                    .doesNotContain(PLATE)
                    .doesNotContain(ARRIVAL_NOTE)
                    .doesNotContain(VISIT_NOTE)
                    .doesNotContain(KEY_PERSON_ID)
                    .doesNotContain(KEY_PERSON_REJECTED);
        }
        List<Path> files;
        try (Stream<Path> all = Files.walk(dir)) {
            files = all.filter(Files::isRegularFile).toList();
        }
        assertThat(files.size()).isGreaterThan(20);
        List<String> noteHolders = new ArrayList<>();
        for (Path f : files) {
            byte[] bytes = Files.readAllBytes(f);
            String text = new String(bytes, StandardCharsets.ISO_8859_1);
            for (String secret :
                    new String[] {ID_NUMBER, ID_REJECTED, PLATE, VISIT_NOTE, KEY_PERSON_ID, KEY_PERSON_REJECTED}) {
                assertThat(text.contains(
                                new String(secret.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1)))
                        .as(f + " holds " + secret)
                        .isFalse();
            }
            if (text.contains(ARRIVAL_NOTE)) {
                noteHolders.add(dir.relativize(f).toString());
            }
        }
        assertThat(noteHolders)
                .as("files holding the arrival's note")
                .isNotEmpty()
                .allSatisfy(f -> assertThat(f).contains("kafka").contains("cordon.arrival-notes"));
    }
}
