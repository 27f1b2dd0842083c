package io.cordon.jobs.keypersons;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.common.EventVersions;
import io.cordon.schemas.FollowUp;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Follow-ups posted, resent, corrected and voided: what counts, the rows it writes, and the fevers at home. */
class FollowUpVersionsTest {

    static final long WINDOW = Duration.ofDays(30).toMillis();
    static final Instant T0 = Instant.parse("2022-04-10T02:00:00Z"); // 10:00 in Shanghai
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static FollowUpRecord followUp(
            String id, boolean reached, Double temperature, Duration receivedAfter, boolean put) {
        FollowUp f = new FollowUp(
                id,
                "P1",
                T0,
                "phone",
                reached,
                temperature,
                null,
                null,
                T0.plus(receivedAfter),
                "H1",
                "C1",
                "浦东新区",
                "花木街道",
                "联洋社区",
                "区卫健委",
                "王芳",
                null,
                null,
                null);
        return FollowUpRecord.of(put ? f.asCorrection("misread", null) : f, 37.3, SHANGHAI);
    }

    static KeyedOneInputStreamOperatorTestHarness<String, FollowUpRecord, FollowUpRecord> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EventVersions<>(WINDOW, FollowUpRecord.class)),
                (FollowUpRecord f) -> f.eventId,
                Types.STRING);
        h.open();
        return h;
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, FollowUpRecord, FollowUpRecord> h, FollowUpRecord f)
            throws Exception {
        h.processElement(f, f.receivedAtMillis);
    }

    /** The rows written, as {@code sign reached fever received-minute}. */
    static List<String> rows(KeyedOneInputStreamOperatorTestHarness<String, FollowUpRecord, FollowUpRecord> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                Map<String, Object> row = ((FollowUpRecord) r.getValue()).toRow();
                out.add(row.get("sign") + " r" + row.get("reached") + " f" + row.get("fever") + " @"
                        + row.get("received_at") + " day " + row.get("day"));
            }
        }
        return out;
    }

    @Test
    void aFeverAtHomeCorrectedAwayIsWithdrawnAndTheTakeBackIsOfTheCorrectionsTime() throws Exception {
        var h = harness();
        send(h, followUp("f1", true, 38.2, Duration.ZERO, false));
        send(h, followUp("f1", true, 38.2, Duration.ofMinutes(1), false)); // a resend: nothing
        send(h, followUp("f1", true, 36.8, Duration.ofHours(1), true)); // -fever +no fever
        assertThat(rows(h))
                .containsExactly(
                        "1 r1 f1 @2022-04-10 02:00:00 day 2022-04-10",
                        "-1 r1 f1 @2022-04-10 03:00:00 day 2022-04-10",
                        "1 r1 f0 @2022-04-10 03:00:00 day 2022-04-10");
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS)).hasSize(1);
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS).peek().getValue())
                .contains("\"withdrawn\":true")
                .contains("\"kind\":\"key_person_fever\"")
                .contains("\"responsible\":\"王芳\"")
                .contains("f1");
        h.close();
    }

    @Test
    void aVoidBeforeThePostHidesItAndAnUnreachedCallIsNoFever() throws Exception {
        var h = harness();
        send(h, FollowUpRecord.of(FollowUp.voiding("f2", "P1", "test", T0, null), 37.3, SHANGHAI));
        send(h, followUp("f2", true, 38.5, Duration.ofMinutes(5), false));
        send(h, followUp("f3", false, 38.5, Duration.ZERO, false));
        assertThat(rows(h)).containsExactly("1 r0 f0 @2022-04-10 02:00:00 day 2022-04-10");
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS)).isNull();
        h.close();
    }
}
