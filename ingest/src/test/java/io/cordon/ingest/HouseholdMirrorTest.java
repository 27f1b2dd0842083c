package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.Location;
import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class HouseholdMirrorTest {

    @Test
    void findsEveryHouseholdsCompoundAcrossGrowthAndMoves() {
        HouseholdMirror mirror = new HouseholdMirror();
        Map<String, String> expected = new HashMap<>();
        SplittableRandom random = new SplittableRandom(3);
        for (int i = 0; i < 200_000; i++) {
            String id = "浦东-" + random.nextInt(150_000) + "-" + (i % 7);
            String compound = "C-" + random.nextInt(700);
            mirror.put(id, new HouseholdMirror.Place(compound, in("D-" + compound.hashCode() % 16)));
            expected.put(id, compound);
        }
        assertThat(mirror.size()).isEqualTo(expected.size());
        expected.forEach(
                (id, compound) -> assertThat(mirror.get(id).compoundId()).as(id).isEqualTo(compound));
        assertThat(mirror.get("浦东-unknown")).isNull();
        assertThat(mirror.get("")).isNull();
    }

    @Test
    void aHouseholdUploadedAgainKeepsOneEntryWithItsNewCompound() {
        HouseholdMirror mirror = new HouseholdMirror();
        mirror.put("H1", new HouseholdMirror.Place("C1", in("浦东新区")));
        mirror.put("H1", new HouseholdMirror.Place("C2", in("浦东新区")));
        assertThat(mirror.size()).isEqualTo(1);
        assertThat(mirror.get("H1")).isEqualTo(new HouseholdMirror.Place("C2", in("浦东新区")));
    }

    @Test
    void aCompoundMovedToAnotherDistrictTakesItsHouseholdsAlong() {
        HouseholdMirror mirror = new HouseholdMirror();
        mirror.put("H1", new HouseholdMirror.Place("C1", in("浦东新区")));
        mirror.put("H2", new HouseholdMirror.Place("C1", in("黄浦区")));
        assertThat(mirror.get("H1").district()).isEqualTo("黄浦区");
        assertThat(mirror.get("H2").district()).isEqualTo("黄浦区");
    }

    @Test
    void aHouseholdKeepsItsStreetCommunityAndUnit() {
        HouseholdMirror mirror = new HouseholdMirror();
        Location at = Location.home("浦东新区", "陆家嘴街道", "梅园一村", "区卫健委");
        mirror.put("H1", new HouseholdMirror.Place("C1", at));
        assertThat(mirror.get("H1").at()).isEqualTo(at);
        assertThat(mirror.compoundLocation("C1")).isEqualTo(at);
        assertThat(mirror.compoundLocation("C2")).isNull();
    }

    private static Location in(String district) {
        return Location.home(district, "S", "C", "U");
    }

    @Test
    void keepsAboutThirtyBytesAHousehold() {
        HouseholdMirror mirror = new HouseholdMirror();
        for (int i = 0; i < 1_000_000; i++) {
            mirror.put("SH-" + (i / 300) + "-" + (i % 300), new HouseholdMirror.Place("SH-" + (i / 300), in("浦东新区")));
        }
        // ids of ~12 bytes: arena ~13 MB, tables 2 x 4 x 2^21 slots
        assertThat(mirror.bytes()).isLessThan(40L * 1_000_000);
    }
}
