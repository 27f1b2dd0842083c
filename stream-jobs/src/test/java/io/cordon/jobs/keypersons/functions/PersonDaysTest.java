package io.cordon.jobs.keypersons.functions;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.jobs.keypersons.KeyPersonDay;
import io.cordon.jobs.registry.RegistryRow;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.streaming.api.operators.co.KeyedCoProcessOperator;
import org.apache.flink.streaming.util.KeyedTwoInputStreamOperatorTestHarness;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A key person's day as the job keeps it: overdue at the deadline and due again at midnight by timers alone, follow-ups
 * counted, taken back and placed on their own day, measures that start, end and change, and nothing kept once a
 * measure is over.
 */
class PersonDaysTest {

    static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    static final LocalDate D = LocalDate.parse("2022-04-10");

    KeyedTwoInputStreamOperatorTestHarness<String, RegistryRow, FollowUpRecord, KeyPersonDay> harness;
    long offset;

    static long at(LocalDate day, String time) {
        return day.atTime(LocalTime.parse(time)).atZone(SHANGHAI).toInstant().toEpochMilli();
    }

    @BeforeEach
    void open() throws Exception {
        harness = new KeyedTwoInputStreamOperatorTestHarness<>(
                new KeyedCoProcessOperator<>(new PersonDays("Asia/Shanghai", "12:00")),
                (RegistryRow r) -> r.id,
                (FollowUpRecord f) -> f.personId,
                Types.STRING);
        harness.open();
    }

    void register(String person, String measure, LocalDate from, LocalDate until) throws Exception {
        register(person, "联洋社区", measure, from, until);
    }

    void register(String person, String community, String measure, LocalDate from, LocalDate until) throws Exception {
        String row = "{\"table\":\"key_persons\",\"row\":{\"person_id\":\"" + person
                + "\",\"district\":\"浦东新区\",\"street\":\"花木街道\",\"community\":\"" + community + "\","
                + "\"responsible_unit\":\"区卫健委\",\"measure\":\"" + measure + "\",\"measure_from\":\"" + from
                + "\",\"measure_until\":\"" + (until == null ? "" : until.toString()) + "\"}}";
        harness.processElement1(RegistryRow.read(row, offset++), 0);
    }

    void followUp(String id, String person, LocalDate day, boolean reached, boolean fever, int sign) throws Exception {
        FollowUpRecord f = new FollowUpRecord();
        f.eventId = id;
        f.personId = person;
        f.day = day.toString();
        f.reached = reached;
        f.fever = fever;
        f.sign = sign;
        harness.processElement2(f, 0);
    }

    void watermark(long millis) throws Exception {
        harness.processBothWatermarks(new org.apache.flink.streaming.api.watermark.Watermark(millis));
    }

    List<String> rows() {
        List<String> rows = harness.extractOutputValues().stream()
                .map(KeyPersonDay::toString)
                .toList();
        harness.getOutput().clear();
        return rows;
    }

    @Test
    void nobodyReachedIsOverdueAtTheDeadlineWithNothingPosted() throws Exception {
        watermark(at(D, "09:00"));
        register("P1", "home_quarantine", D.minusDays(3), null);
        assertThat(rows()).containsExactly("2022-04-10 P1 due");
        watermark(at(D, "11:59:59.999"));
        assertThat(rows()).isEmpty();
        watermark(at(D, "12:00"));
        assertThat(rows()).containsExactly("2022-04-10 P1 overdue");
        // at midnight everyone under measure is due again
        watermark(at(D.plusDays(1), "00:00"));
        assertThat(rows()).containsExactly("2022-04-11 P1 due");
    }

    @Test
    void aReachedFollowUpCountsAndItsVoidTakesItBack() throws Exception {
        watermark(at(D, "09:00"));
        register("P1", "home_quarantine", D.minusDays(3), null);
        followUp("f1", "P1", D, false, false, 1); // not reached: still due
        followUp("f2", "P1", D, true, true, 1);
        followUp("f2", "P1", D, true, true, -1); // corrected: the fever taken back
        followUp("f2", "P1", D, true, false, 1);
        // the take-back and the corrected content are two rows: the later wins in the table
        assertThat(rows())
                .containsExactly(
                        "2022-04-10 P1 due",
                        "2022-04-10 P1 followed_up fever",
                        "2022-04-10 P1 due",
                        "2022-04-10 P1 followed_up");
        watermark(at(D, "12:00"));
        assertThat(rows()).isEmpty();
        followUp("f2", "P1", D, true, false, -1); // voided after the deadline: overdue at once
        assertThat(rows()).containsExactly("2022-04-10 P1 overdue");
    }

    @Test
    void followUpsOfAnotherDayAreTheirDays() throws Exception {
        watermark(at(D, "23:58"));
        register("P1", "home_quarantine", D.minusDays(3), null);
        followUp("y", "P1", D.minusDays(1), true, false, 1); // yesterday's, received late
        followUp("t", "P1", D.plusDays(1), true, false, 1); // a device a few minutes ahead of midnight
        assertThat(rows()).containsExactly("2022-04-10 P1 overdue");
        watermark(at(D.plusDays(1), "00:00"));
        assertThat(rows()).containsExactly("2022-04-11 P1 followed_up");
    }

    @Test
    void measuresStartEndAndChange() throws Exception {
        watermark(at(D, "09:00"));
        register("P3", "health_monitoring", D.plusDays(1), null); // starts tomorrow
        register("P4", "home_quarantine", D.minusDays(14), D); // released today
        register("P5", "home_quarantine", D.minusDays(14), D.minusDays(1)); // released yesterday
        register("P6", "home_quarantine", D.minusDays(5), null);
        register("P6", "central_quarantine", D.minusDays(5), null); // moved mid-way
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.personId + " " + r.measure + " " + r.status + " " + r.releasesToday)
                .containsExactly(
                        "P4 home_quarantine not_under_measure true",
                        "P6 home_quarantine due false",
                        "P6 central_quarantine due false");
        harness.getOutput().clear();
        assertThat(harness.numKeyedStateEntries()).as("P5 is not kept").isEqualTo(3);
        watermark(at(D.plusDays(1), "00:00")); // the deadline's timer fires first
        assertThat(rows()).containsExactlyInAnyOrder("2022-04-10 P6 overdue", "2022-04-11 P6 due", "2022-04-11 P3 due");
        assertThat(harness.numKeyedStateEntries())
                .as("P4 forgotten the day after")
                .isEqualTo(2);
    }

    @Test
    void aRegisterRowAfterItsFollowUpFindsThem() throws Exception {
        watermark(at(D, "13:00"));
        followUp("f1", "P1", D, true, false, 1);
        assertThat(rows()).isEmpty();
        register("P1", "home_quarantine", D.minusDays(1), null);
        assertThat(rows()).containsExactly("2022-04-10 P1 followed_up");
    }

    @Test
    void aMoveToAnotherCommunityIsWrittenThereAndTimersAreSetOnce() throws Exception {
        watermark(at(D, "09:00"));
        register("P1", "home_quarantine", D.minusDays(3), null);
        for (int i = 0; i < 5; i++) {
            followUp("f" + i, "P1", D, true, false, 1);
        }
        assertThat(rows()).containsExactly("2022-04-10 P1 due", "2022-04-10 P1 followed_up");
        assertThat(harness.numEventTimeTimers())
                .as("the deadline's and midnight's")
                .isEqualTo(2);
        register("P1", "梅园社区", "home_quarantine", D.minusDays(3), null); // the household moved
        assertThat(harness.extractOutputValues())
                .extracting(r -> r.community + " " + r.status)
                .containsExactly("梅园社区 followed_up");
    }
}
