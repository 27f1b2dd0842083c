package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EventChangesTest {

    private static final Instant AT = Instant.parse("2022-04-10T02:00:00Z");
    private static final Instant RECEIVED = Instant.parse("2022-04-10T03:30:00Z");

    @Test
    void aCorrectionIsThePostedRecordMarked() {
        CheckpointArrival posted = new CheckpointArrival(
                        "e1",
                        "HZ-01",
                        "上海",
                        AT,
                        "in",
                        new CheckpointArrival.Vehicle("h(plate)", "car"),
                        List.of(new CheckpointArrival.Person(38.2, "湖北", "h(id)")),
                        "referred",
                        "note",
                        RECEIVED,
                        null,
                        null,
                        null,
                        null)
                .asCorrection("wrong plate", null);
        assertThat(posted.change()).isEqualTo(CheckpointArrival.CORRECTION);
        assertThat(posted.reason()).isEqualTo("wrong plate");
        assertThat(posted.confinedTo()).isNull();
        assertThat(posted.persons()).containsExactly(new CheckpointArrival.Person(38.2, "湖北", "h(id)"));
        assertThat(posted.vehicle()).isEqualTo(new CheckpointArrival.Vehicle("h(plate)", "car"));
        assertThat(posted.occurredAt()).isEqualTo(AT);
        assertThat(posted.receivedAt()).isEqualTo(RECEIVED);
    }

    @Test
    void aCorrectionKeepsEveryFieldOfAFollowUpAndItsAreas() {
        FollowUp f = new FollowUp(
                "f1",
                "p1",
                AT,
                "phone",
                true,
                37.6,
                List.of("cough"),
                "t1",
                RECEIVED,
                "h1",
                "c1",
                "徐汇区",
                "天平路街道",
                "建国西路居委会",
                "unit",
                "王",
                null,
                null,
                null);
        FollowUp corrected = f.asCorrection("misheard", "street:徐汇区/天平路街道");
        assertThat(corrected)
                .usingRecursiveComparison()
                .ignoringFields("change", "reason", "confinedTo")
                .isEqualTo(f);
        assertThat(List.of(corrected.change(), corrected.reason(), corrected.confinedTo()))
                .containsExactly("correction", "misheard", "street:徐汇区/天平路街道");
        assertThat(f.change()).isNull();
    }

    @Test
    void aVoidCarriesOnlyTheEventItsPlaceAndWhy() {
        assertThat(Json.write(CheckpointArrival.voiding("e1", "HZ-01", "duplicate", RECEIVED, "district:徐汇区")))
                .isEqualTo("{\"event_id\":\"e1\",\"checkpoint_id\":\"HZ-01\",\"persons\":[],"
                        + "\"received_at\":\"2022-04-10T03:30:00Z\",\"change\":\"void\",\"reason\":\"duplicate\","
                        + "\"confined_to\":\"district:徐汇区\"}");
        HouseholdVisit v = HouseholdVisit.voiding("v1", null, "test", RECEIVED, null);
        assertThat(v)
                .isEqualTo(new HouseholdVisit(
                        "v1", null, null, 0, null, null, null, null, 0, 0, 0, RECEIVED, "void", "test", null, null));
        FollowUp f = FollowUp.voiding("f1", "p1", "wrong person", RECEIVED, null);
        assertThat(f.personId()).isEqualTo("p1");
        assertThat(f.change()).isEqualTo("void");
        assertThat(f.followedAt()).isNull();
    }
}
