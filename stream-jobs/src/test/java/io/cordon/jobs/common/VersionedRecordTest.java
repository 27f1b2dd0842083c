package io.cordon.jobs.common;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.jobs.checkpoints.ArrivalTally;
import io.cordon.jobs.keypersons.FollowUpRecord;
import io.cordon.jobs.registry.CompoundDirectoryRow;
import io.cordon.jobs.screening.CompoundRoundTotals;
import io.cordon.jobs.screening.HouseholdRoundState;
import io.cordon.jobs.screening.VisitRecord;
import java.lang.reflect.Array;
import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.typeutils.PojoTypeInfo;
import org.junit.jupiter.api.Test;

class VersionedRecordTest {

    /** The shared fields live in the base class; Flink must still see each record as a POJO with all of them. */
    @Test
    void eachRecordIsAFlinkPojoWithTheSharedFields() {
        for (Class<?> type : List.of(ArrivalTally.class, VisitRecord.class, FollowUpRecord.class)) {
            TypeInformation<?> info = TypeInformation.of(type);
            assertThat(info).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
            PojoTypeInfo<?> pojo = (PojoTypeInfo<?>) info;
            for (String field :
                    List.of("eventId", "receivedAtMillis", "change", "reason", "district", "confinedTo", "sign")) {
                assertThat(pojo.getFieldIndex(field))
                        .as(type.getSimpleName() + "." + field)
                        .isNotNegative();
            }
        }
    }

    @Test
    void theOtherCopiedStatesStayFlinkPojos() {
        for (Class<?> type :
                List.of(CompoundDirectoryRow.class, CompoundRoundTotals.class, HouseholdRoundState.class)) {
            assertThat(TypeInformation.of(type)).as(type.getSimpleName()).isInstanceOf(PojoTypeInfo.class);
        }
        CompoundRoundTotals totals = new CompoundRoundTotals();
        totals.resolvedDays = new String[] {"2022-04-01"};
        CompoundRoundTotals copy = totals.copy();
        copy.resolvedDays[0] = "2022-04-02";
        assertThat(totals.resolvedDays).containsExactly("2022-04-01");
    }

    /** Every array field of every copied state: the copy's is equal and its own (a change to it leaves the original). */
    @Test
    void aCopyHasArraysOfItsOwn() throws Exception {
        for (Class<?> type : List.of(
                ArrivalTally.class,
                VisitRecord.class,
                FollowUpRecord.class,
                CompoundDirectoryRow.class,
                CompoundRoundTotals.class,
                HouseholdRoundState.class)) {
            FlatPojo<?> original = (FlatPojo<?>) type.getConstructor().newInstance();
            List<Field> arrays = Arrays.stream(type.getFields())
                    .filter(f -> f.getType().isArray())
                    .toList();
            for (Field f : arrays) {
                Object a = Array.newInstance(f.getType().getComponentType(), 2);
                f.set(original, a);
            }
            FlatPojo<?> copy = original.copy();
            for (Field f : arrays) {
                assertThat(f.get(copy))
                        .as(type.getSimpleName() + "." + f.getName())
                        .isNotSameAs(f.get(original));
                assertThat(Array.getLength(f.get(copy))).isEqualTo(2);
            }
        }
        ArrivalTally t = new ArrivalTally();
        t.feverPersonIndexes = new int[] {4, 7};
        assertThat(t.copy().feverPersonIndexes).containsExactly(4, 7);
    }

    @Test
    void aRetractionIsAnIndependentCopyTakenBack() {
        ArrivalTally t = new ArrivalTally();
        t.eventId = "e1";
        t.checkpointId = "HZ";
        t.counts[0] = 3;
        t.feverTemperatures = new double[] {38.1};
        t.district = "浦东新区";
        ArrivalTally back = t.retraction();
        assertThat(back.sign).isEqualTo(-1);
        assertThat(back.eventId).isEqualTo("e1");
        assertThat(back.district).isEqualTo("浦东新区");
        assertThat(back.counts).containsExactly(t.counts);
        back.counts[0] = 9;
        back.feverTemperatures[0] = 36.0;
        assertThat(t.counts[0]).isEqualTo(3);
        assertThat(t.feverTemperatures[0]).isEqualTo(38.1);
        assertThat(t.sign).isEqualTo(1);
        assertThat(back.retraction().sign).isEqualTo(1);
    }

    @Test
    void aScopedVoidTouchesOnlyItsPlaceAndADistrictOnlyItsOwn() {
        VisitRecord counted = visit("h1", "徐汇区");
        VisitRecord voidOfH1 = visit("h1", null);
        VisitRecord voidOfH2 = visit("h2", null);
        VisitRecord voidOfAny = visit(null, null);
        assertThat(voidOfH1.voids(counted)).isTrue();
        assertThat(voidOfH2.voids(counted)).isFalse();
        assertThat(voidOfAny.voids(counted)).isTrue();

        assertThat(counted.within("district:徐汇区", voidOfH2)).isTrue();
        assertThat(counted.within("district:黄浦区", voidOfH1)).isFalse();
        // below the district, only a change of its very place
        assertThat(counted.within("street:徐汇区/天平路街道", voidOfH1)).isTrue();
        assertThat(counted.within("street:徐汇区/天平路街道", voidOfH2)).isFalse();
    }

    @Test
    void aCheckpointsOwnScopeReachesItsArrivalsWhateverTheDistrict() {
        ArrivalTally counted = tally("HZ", "徐汇区");
        ArrivalTally change = tally("other", null);
        assertThat(counted.within("checkpoint:HZ", change)).isTrue();
        assertThat(counted.within("checkpoint:XY", change)).isFalse();
    }

    private static VisitRecord visit(String household, String district) {
        VisitRecord v = new VisitRecord();
        v.householdId = household;
        v.district = district;
        return v;
    }

    private static ArrivalTally tally(String checkpoint, String district) {
        ArrivalTally t = new ArrivalTally();
        t.checkpointId = checkpoint;
        t.district = district;
        return t;
    }
}
