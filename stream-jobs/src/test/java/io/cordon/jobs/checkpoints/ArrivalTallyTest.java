package io.cordon.jobs.checkpoints;

import static io.cordon.jobs.checkpoints.Arrivals.arrival;
import static io.cordon.jobs.checkpoints.Arrivals.at;
import static io.cordon.jobs.checkpoints.Arrivals.persons;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.CheckpointArrival;
import io.cordon.schemas.CheckpointCount;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalTallyTest {

    private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    @Test
    void countsAVehicleTurnedBackWithItsPersons() {
        ArrivalTally t = ArrivalTally.of(
                arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), true, persons(36.6, 37.5, null), "turned_back"),
                37.3,
                ZONE);
        assertThat(t.count(CheckpointCount.REGISTERED_VEHICLES)).isEqualTo(1);
        assertThat(t.count(CheckpointCount.REGISTERED_PERSONS)).isEqualTo(3);
        assertThat(t.count(CheckpointCount.TURNED_BACK_VEHICLES)).isEqualTo(1);
        assertThat(t.count(CheckpointCount.TURNED_BACK_PERSONS)).isEqualTo(3);
        assertThat(t.count(CheckpointCount.REFERRED_PERSONS)).isZero();
        assertThat(t.count(CheckpointCount.ABNORMAL_TEMPERATURES)).isEqualTo(1);
        assertThat(t.feverTemperatures).containsExactly(37.5);
        assertThat(t.feverPersonIndexes).containsExactly(1);
    }

    @Test
    void aTemperatureExactlyAtTheThresholdIsAbnormal() {
        ArrivalTally t = ArrivalTally.of(
                arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), false, persons(37.3, 37.2), "admitted"),
                37.3,
                ZONE);
        assertThat(t.count(CheckpointCount.ABNORMAL_TEMPERATURES)).isEqualTo(1);
    }

    @Test
    void pedestriansAreNoVehicleAndReferredPersonsAreCounted() {
        ArrivalTally t = ArrivalTally.of(
                arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), false, persons(36.5, 36.6), "referred"),
                37.3,
                ZONE);
        assertThat(t.count(CheckpointCount.REGISTERED_VEHICLES)).isZero();
        assertThat(t.count(CheckpointCount.TURNED_BACK_VEHICLES)).isZero();
        assertThat(t.count(CheckpointCount.REFERRED_PERSONS)).isEqualTo(2);
        assertThat(t.count(CheckpointCount.TURNED_BACK_PERSONS)).isZero();
    }

    @Test
    void outOfProvinceComparesProvinceNamesWhateverTheirSuffix() {
        List<CheckpointArrival.Person> people = List.of(
                new CheckpointArrival.Person(36.5, "云南", null),
                new CheckpointArrival.Person(36.5, "湖北省", null),
                new CheckpointArrival.Person(36.5, null, null),
                new CheckpointArrival.Person(36.5, "广西壮族自治区", null));
        ArrivalTally t = ArrivalTally.of(
                new CheckpointArrival(
                        "e",
                        "HZ",
                        "云南省",
                        at("2020-02-15T08:00:00+08:00"),
                        "in",
                        null,
                        people,
                        "admitted",
                        null,
                        null,
                        null,
                        null,
                        null,
                        null),
                37.3,
                ZONE);
        assertThat(t.count(CheckpointCount.OUT_OF_PROVINCE_PERSONS)).isEqualTo(2);
    }

    @Test
    void theMinuteIsTheUtcMinuteOfEventTime() {
        ArrivalTally t = ArrivalTally.of(
                arrival("e1", "HZ", at("2020-02-15T00:00:59.999+08:00"), false, persons(), "admitted"), 37.3, ZONE);
        assertThat(t.minuteEpochSecond())
                .isEqualTo(at("2020-02-15T00:00:00+08:00").getEpochSecond());
    }

    @Test
    void theDayIsTheLocalDayOfEventTimeInTheOperationsZone() {
        ArrivalTally t = ArrivalTally.of(
                arrival("e1", "HZ", at("2020-02-14T16:00:00Z"), false, persons(), "admitted"), 37.3, ZONE);
        assertThat(t.localEpochDay).isEqualTo(LocalDate.parse("2020-02-15").toEpochDay());
        ArrivalTally k = ArrivalTally.of(
                arrival("e2", "HZ", at("2020-02-14T18:14:59Z"), false, persons(), "admitted"),
                37.3,
                ZoneId.of("Asia/Kathmandu"));
        assertThat(k.localEpochDay).isEqualTo(LocalDate.parse("2020-02-14").toEpochDay());
    }
}
