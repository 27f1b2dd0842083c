package io.cordon.jobs.checkpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.common.EventVersions;
import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.KeyedProcessOperator;
import org.apache.flink.streaming.runtime.streamrecord.StreamRecord;
import org.apache.flink.streaming.util.KeyedOneInputStreamOperatorTestHarness;
import org.junit.jupiter.api.Test;

/** Posts, resends, corrections and voids of one event id, as API.md's "Corrections and voids" orders them. */
class ArrivalVersionsTest {

    static final long WINDOW = Duration.ofDays(30).toMillis();
    static final Instant T0 = Instant.parse("2022-04-10T02:00:00Z");
    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");

    static ArrivalTally arrival(String id, String decision, double temperature, Duration receivedAfter, String change) {
        CheckpointArrival a = new CheckpointArrival(
                id,
                "C1",
                "云南",
                T0,
                "in",
                null,
                List.of(new CheckpointArrival.Person(temperature, "云南", null)),
                decision,
                null,
                T0.plus(receivedAfter),
                null,
                null,
                null,
                null);
        return ArrivalTally.of(change == null ? a : a.asCorrection("typo", null), 37.3, SHANGHAI);
    }

    static ArrivalTally voiding(String id, Duration receivedAfter) {
        return ArrivalTally.of(
                CheckpointArrival.voiding(id, null, "test run", T0.plus(receivedAfter), null), 37.3, SHANGHAI);
    }

    /** An arrival at a checkpoint of a district, as ingest stamps it; {@code by}: the scope of the admin who corrects it. */
    static ArrivalTally inDistrict(
            String id, String checkpoint, String district, double temperature, Duration receivedAfter, String by) {
        CheckpointArrival a = new CheckpointArrival(
                id,
                checkpoint,
                "上海",
                T0,
                "in",
                null,
                List.of(new CheckpointArrival.Person(temperature, "上海", null)),
                "admitted",
                null,
                T0.plus(receivedAfter),
                null,
                null,
                district,
                null);
        return ArrivalTally.of(by == null ? a : a.asCorrection("moved", by), 37.3, SHANGHAI);
    }

    static ArrivalTally scopedVoid(String id, String checkpoint, String by, Duration receivedAfter) {
        return ArrivalTally.of(
                CheckpointArrival.voiding(id, checkpoint, "test run", T0.plus(receivedAfter), by), 37.3, SHANGHAI);
    }

    /** The checkpoints of the counted (+) and taken back (-) records, in order. */
    static List<String> places(KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                ArrivalTally t = (ArrivalTally) r.getValue();
                out.add((t.sign > 0 ? "+" : "-") + t.checkpointId);
            }
        }
        return out;
    }

    static KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> harness() throws Exception {
        var h = new KeyedOneInputStreamOperatorTestHarness<>(
                new KeyedProcessOperator<>(new EventVersions<>(WINDOW, ArrivalTally.class)),
                (ArrivalTally t) -> t.eventId,
                Types.STRING);
        h.open();
        return h;
    }

    /** The signed persons counted, turned back, and fevers, in order of emission. */
    static List<String> emitted(KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h) {
        List<String> out = new ArrayList<>();
        for (Object o : h.getOutput()) {
            if (o instanceof StreamRecord<?> r) {
                ArrivalTally t = (ArrivalTally) r.getValue();
                out.add((t.sign > 0 ? "+" : "-") + t.count(CheckpointCount.TURNED_BACK_PERSONS) + "tb"
                        + t.count(CheckpointCount.ABNORMAL_TEMPERATURES) + "f");
            }
        }
        return out;
    }

    static void send(KeyedOneInputStreamOperatorTestHarness<String, ArrivalTally, ArrivalTally> h, ArrivalTally t)
            throws Exception {
        h.processElement(t, t.receivedAtMillis);
    }

    @Test
    void aCorrectionReplacesWhatWasCountedAndAVoidTakesItBack() throws Exception {
        var h = harness();
        send(h, arrival("e1", "turned_back", 38.2, Duration.ZERO, null));
        send(h, arrival("e1", "admitted", 36.5, Duration.ofMinutes(1), null)); // a resend: nothing
        send(h, arrival("e1", "admitted", 36.5, Duration.ofHours(1), "correction")); // -old +new
        send(h, voiding("e1", Duration.ofHours(2))); // -new
        send(h, arrival("e1", "turned_back", 38.2, Duration.ofHours(3), null)); // a post after the void: nothing
        send(h, arrival("e1", "referred", 37.5, Duration.ofHours(4), "correction")); // the last PUT wins: +
        assertThat(emitted(h)).containsExactly("+1tb1f", "-1tb1f", "+0tb0f", "-0tb0f", "+0tb1f");
        // the fever of the first copy was withdrawn by the correction (person 0 no longer feverish)
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS)).hasSize(1);
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS).peek().getValue())
                .contains("\"withdrawn\":true")
                .contains("e1");
        h.close();
    }

    @Test
    void aVoidOfAnUnseenIdIgnoresItsLaterPostAndAPutOfAnUnseenIdCountsIt() throws Exception {
        var h = harness();
        send(h, voiding("e2", Duration.ZERO));
        send(h, arrival("e2", "turned_back", 36.5, Duration.ofMinutes(5), null));
        send(h, arrival("e3", "turned_back", 36.5, Duration.ZERO, "correction"));
        assertThat(emitted(h)).containsExactly("+1tb0f");
        h.close();
    }

    @Test
    void afterTheWindowTheIdIsANewEvent() throws Exception {
        var h = harness();
        send(h, arrival("e4", "admitted", 36.5, Duration.ZERO, null));
        h.processWatermark(T0.plus(Duration.ofDays(31)).toEpochMilli());
        send(h, arrival("e4", "turned_back", 36.5, Duration.ofDays(31), null));
        assertThat(emitted(h)).containsExactly("+0tb0f", "+1tb0f");
        h.close();
    }

    @Test
    void aChangeOfContentOlderThanTheWindowIsRefusedAndAudited() throws Exception {
        var h = harness();
        // a device synced after 29 days: counted; a void 2 days later would reach back 31 days: refused
        send(h, arrival("e5", "turned_back", 36.5, Duration.ofDays(29), null));
        send(h, voiding("e5", Duration.ofDays(31)));
        assertThat(emitted(h)).containsExactly("+1tb0f");
        assertThat(h.getSideOutput(EventVersions.REFUSED)).hasSize(1);
        assertThat(h.getSideOutput(EventVersions.REFUSED).peek().getValue().toRow())
                .containsEntry("action", "void_refused")
                .containsEntry("target", "e5")
                .containsEntry("reason", "test run");
        h.close();
    }

    @Test
    void aDistrictAdminCannotMoveAnotherDistrictsArrival() throws Exception {
        var h = harness();
        send(h, inDistrict("x1", "MH-01", "闵行区", 38.0, Duration.ZERO, null));
        // 浦东's admin corrects it into one of its own checkpoints: ingest saw only the new content, inside its scope
        send(h, inDistrict("x1", "PD-01", "浦东新区", 36.5, Duration.ofMinutes(5), "district:浦东新区"));
        assertThat(places(h)).containsExactly("+MH-01");
        // refused, and audited under 浦东新区 naming 闵行's figure, so both districts' admins read it
        var refused = h.getSideOutput(EventVersions.REFUSED);
        assertThat(refused).hasSize(1);
        var row = refused.peek().getValue();
        assertThat(row.toRow()).containsEntry("action", "correction_refused").containsEntry("district", "浦东新区");
        assertThat(row.detail()).contains("checkpoints/MH-01");
        // the fever stands: nothing withdrawn
        assertThat(h.getSideOutput(EventVersions.WITHDRAWALS)).isNullOrEmpty();
        // its own admin still corrects it, within its district
        send(h, inDistrict("x1", "MH-02", "闵行区", 36.5, Duration.ofMinutes(9), "district:闵行区"));
        assertThat(places(h)).containsExactly("+MH-01", "-MH-01", "+MH-02");
        h.close();
    }

    @Test
    void aStreetAdminCannotMoveAnArrivalToAnotherCheckpointEvenOfItsStreet() throws Exception {
        var h = harness();
        send(h, inDistrict("s1", "MH-01", "闵行区", 36.5, Duration.ZERO, null));
        // the job knows each arrival's district, not its street: a street's admin changes an arrival of the very
        // checkpoint it names (which ingest found inside its street), and moves none
        send(h, inDistrict("s1", "MH-02", "闵行区", 36.5, Duration.ofMinutes(1), "street:闵行区/江川路街道"));
        assertThat(places(h)).containsExactly("+MH-01");
        var refused = h.getSideOutput(EventVersions.REFUSED);
        assertThat(refused.peek().getValue().toRow())
                .containsEntry("action", "correction_refused")
                .containsEntry("district", "闵行区");
        send(h, inDistrict("s1", "MH-01", "闵行区", 37.9, Duration.ofMinutes(2), "street:闵行区/江川路街道"));
        assertThat(places(h)).containsExactly("+MH-01", "-MH-01", "+MH-01");
        send(h, scopedVoid("s1", "MH-01", "street:闵行区/江川路街道", Duration.ofMinutes(3)));
        assertThat(places(h)).containsExactly("+MH-01", "-MH-01", "+MH-01", "-MH-01");
        h.close();
    }

    @Test
    void aDistrictAdminCannotVoidAnotherDistrictsArrivalEvenNamingItsCheckpoint() throws Exception {
        var h = harness();
        send(h, inDistrict("x2", "MH-01", "闵行区", 36.5, Duration.ZERO, null));
        // ingest refuses a checkpoint outside the scope; were it to pass, the job still checks the counted content
        send(h, scopedVoid("x2", "MH-01", "district:浦东新区", Duration.ofMinutes(1)));
        send(h, scopedVoid("x2", "PD-01", "district:浦东新区", Duration.ofMinutes(2)));
        assertThat(places(h)).containsExactly("+MH-01");
        assertThat(h.getSideOutput(EventVersions.REFUSED))
                .hasSize(2)
                .allSatisfy(r -> assertThat(r.getValue().toRow()).containsEntry("action", "void_refused"));
        send(h, scopedVoid("x2", "MH-01", "district:闵行区", Duration.ofMinutes(3)));
        assertThat(places(h)).containsExactly("+MH-01", "-MH-01");
        h.close();
    }

    @Test
    void aDistrictAdminsVoidOfAnUnseenIdDoesNotHideAnotherDistrictsPost() throws Exception {
        var h = harness();
        send(h, scopedVoid("x3", "PD-01", "district:浦东新区", Duration.ZERO));
        send(h, inDistrict("x3", "MH-01", "闵行区", 38.4, Duration.ofMinutes(1), null));
        assertThat(places(h)).containsExactly("+MH-01");
        assertThat(h.getSideOutput(EventVersions.REFUSED)).hasSize(1);
        // within its own district, the void of an unseen id still stops the later post
        send(h, scopedVoid("x4", "PD-01", "district:浦东新区", Duration.ZERO));
        send(h, inDistrict("x4", "PD-01", "浦东新区", 36.4, Duration.ofMinutes(1), null));
        assertThat(places(h)).containsExactly("+MH-01");
        h.close();
    }

    @Test
    void aDistrictAdminsPutOfAnUnseenIdDoesNotClaimAnotherDistrictsPost() throws Exception {
        var h = harness();
        send(h, inDistrict("x5", "PD-01", "浦东新区", 36.5, Duration.ZERO, "district:浦东新区"));
        send(h, inDistrict("x5", "MH-01", "闵行区", 38.4, Duration.ofMinutes(1), null));
        // the claim is taken back and the other district's event counts
        assertThat(places(h)).containsExactly("+PD-01", "-PD-01", "+MH-01");
        assertThat(h.getSideOutput(EventVersions.REFUSED).peek().getValue().toRow())
                .containsEntry("action", "correction_refused");
        // a resend of the post afterwards changes nothing
        send(h, inDistrict("x5", "MH-01", "闵行区", 38.4, Duration.ofMinutes(2), null));
        assertThat(places(h)).hasSize(3);
        h.close();
    }

    @Test
    void aScopedCorrectionOfContentLoggedBeforeDistrictsWereStampedNeedsItsVeryCheckpoint() throws Exception {
        var h = harness();
        send(h, inDistrict("x6", "MH-01", null, 36.5, Duration.ZERO, null));
        send(h, inDistrict("x6", "PD-01", "浦东新区", 36.5, Duration.ofMinutes(1), "district:浦东新区"));
        assertThat(places(h)).containsExactly("+MH-01");
        send(h, inDistrict("x6", "MH-01", "闵行区", 37.9, Duration.ofMinutes(2), "district:闵行区"));
        assertThat(places(h)).containsExactly("+MH-01", "-MH-01", "+MH-01");
        h.close();
    }

    @Test
    void anotherDistrictsPostUnderAnIdAlreadyCountedIsNotCountedButSaidWhereBothRead() throws Exception {
        var h = harness();
        send(h, inDistrict("x8", "PD-01", "浦东新区", 36.5, Duration.ZERO, null));
        send(h, inDistrict("x8", "PD-02", "浦东新区", 36.5, Duration.ofMinutes(1), null)); // its own resend: nothing said
        assertThat(h.getSideOutput(EventVersions.REFUSED)).isNullOrEmpty();
        // 闵行's device posts under the same id (a device pre-posting guessed ids, or a collision)
        send(h, inDistrict("x8", "MH-01", "闵行区", 38.9, Duration.ofMinutes(2), null));
        assertThat(places(h)).containsExactly("+PD-01");
        var row = h.getSideOutput(EventVersions.REFUSED).peek().getValue();
        assertThat(row.toRow()).containsEntry("action", "post_refused").containsEntry("district", "闵行区");
        assertThat(row.detail()).contains("checkpoints/PD-01").contains("checkpoints/MH-01");
        h.close();
    }
}
