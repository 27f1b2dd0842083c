package io.cordon.jobs.checkpoints;

import static io.cordon.jobs.checkpoints.Arrivals.arrival;
import static io.cordon.jobs.checkpoints.Arrivals.at;
import static io.cordon.jobs.checkpoints.Arrivals.persons;
import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.CheckpointArrival;
import java.util.List;
import org.junit.jupiter.api.Test;

class ArrivalTallyTest {

    @Test
    void countsAVehicleTurnedBackWithItsPersons() {
        ArrivalTally t = ArrivalTally.of(arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), true,
                persons(36.6, 37.5, null), "turned_back"), 37.3);
        assertThat(t.registeredVehicles).isEqualTo(1);
        assertThat(t.registeredPersons).isEqualTo(3);
        assertThat(t.turnedBackVehicles).isEqualTo(1);
        assertThat(t.turnedBackPersons).isEqualTo(3);
        assertThat(t.referredPersons).isZero();
        assertThat(t.abnormalTemperatures).isEqualTo(1);
        assertThat(t.feverTemperatures).containsExactly(37.5);
        assertThat(t.feverPersonIndexes).containsExactly(1);
    }

    @Test
    void aTemperatureExactlyAtTheThresholdIsAbnormal() {
        ArrivalTally t = ArrivalTally.of(arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), false,
                persons(37.3, 37.2), "admitted"), 37.3);
        assertThat(t.abnormalTemperatures).isEqualTo(1);
    }

    @Test
    void pedestriansAreNoVehicleAndReferredPersonsAreCounted() {
        ArrivalTally t = ArrivalTally.of(arrival("e1", "HZ", at("2020-02-15T08:15:30+08:00"), false,
                persons(36.5, 36.6), "referred"), 37.3);
        assertThat(t.registeredVehicles).isZero();
        assertThat(t.turnedBackVehicles).isZero();
        assertThat(t.referredPersons).isEqualTo(2);
        assertThat(t.turnedBackPersons).isZero();
    }

    @Test
    void outOfProvinceComparesProvinceNamesWhateverTheirSuffix() {
        List<CheckpointArrival.Person> people = List.of(
                new CheckpointArrival.Person(36.5, "云南", null),
                new CheckpointArrival.Person(36.5, "湖北省", null),
                new CheckpointArrival.Person(36.5, null, null),
                new CheckpointArrival.Person(36.5, "广西壮族自治区", null));
        ArrivalTally t = ArrivalTally.of(new CheckpointArrival("e", "HZ", "云南省", at("2020-02-15T08:00:00+08:00"),
                "in", null, people, "admitted", null, null), 37.3);
        assertThat(t.outOfProvincePersons).isEqualTo(2);
    }

    @Test
    void theMinuteIsTheUtcMinuteOfEventTime() {
        ArrivalTally t = ArrivalTally.of(arrival("e1", "HZ", at("2020-02-15T00:00:59.999+08:00"), false,
                persons(), "admitted"), 37.3);
        assertThat(t.minuteEpochSecond()).isEqualTo(at("2020-02-15T00:00:00+08:00").getEpochSecond());
    }
}
