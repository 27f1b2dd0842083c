package io.cordon.jobs.registry;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.Json;
import io.cordon.schemas.RegistryRecord;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.runtime.testutils.MiniClusterResourceConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.test.junit5.MiniClusterExtension;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryWorkflowTest {

    @RegisterExtension
    static final MiniClusterExtension FLINK = new MiniClusterExtension(new MiniClusterResourceConfiguration.Builder()
            .setNumberTaskManagers(1)
            .setNumberSlotsPerTaskManager(2)
            .build());

    private static RegistryRow household(long offset, String id, String compound, String name, String at) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("household_id", id);
        row.put("district", "浦东新区");
        row.put("street", "S");
        row.put("community", "M");
        row.put("compound_id", compound);
        row.put("compound_name", name);
        return RegistryRow.read(Json.write(new RegistryRecord("households", row, Instant.parse(at))), offset);
    }

    private static final List<RegistryRow> LOG = List.of(
            household(0, "H1", "C1", "一号小区", "2020-02-01T00:00:00Z"),
            household(1, "H2", "C1", "一号小区", "2020-02-01T00:00:00Z"),
            household(2, "H3", "C2", "二号小区", "2020-02-01T00:00:00Z"),
            household(3, "H1", "C1", "一号小区(更名)", "2020-02-02T00:00:00Z"), // uploaded again: no new household
            household(4, "H2", "C2", "二号小区", "2020-02-03T00:00:00Z")); // moved to C2

    private static StreamExecutionEnvironment env() {
        StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
        env.setParallelism(2);
        return env;
    }

    @Test
    void countsEachCompoundsHouseholdsOnceAndFollowsAMove() throws Exception {
        Map<String, CompoundDirectoryRow> compounds = new HashMap<>();
        StreamExecutionEnvironment env = env();
        try (CloseableIterator<CompoundDirectoryRow> it = RegistryWorkflow.define(
                        env.fromData(LOG).setParallelism(1))
                .compounds()
                .executeAndCollect()) {
            it.forEachRemaining(c -> compounds.merge(c.compoundId, c, (a, b) -> a.version >= b.version ? a : b));
        }
        assertThat(compounds.get("C1").households).isEqualTo(1);
        assertThat(compounds.get("C1").name).isEqualTo("一号小区(更名)");
        assertThat(compounds.get("C2").households).isEqualTo(2);
        assertThat(compounds.get("C2").version).isEqualTo(2);
    }

    @Test
    void aHouseholdKeepsWhenItWasFirstRegisteredAndIsVersionedByItsOffset() throws Exception {
        List<HouseholdEntry> households = new ArrayList<>();
        StreamExecutionEnvironment env = env();
        try (CloseableIterator<HouseholdEntry> it = RegistryWorkflow.define(
                        env.fromData(LOG).setParallelism(1))
                .households()
                .executeAndCollect()) {
            it.forEachRemaining(households::add);
        }
        HouseholdEntry h1 = households.stream()
                .filter(h -> h.householdId.equals("H1"))
                .max((a, b) -> Long.compare(a.version, b.version))
                .orElseThrow();
        assertThat(h1.version).isEqualTo(3);
        assertThat(h1.registeredAtMillis)
                .isEqualTo(Instant.parse("2020-02-01T00:00:00Z").toEpochMilli());
        assertThat(h1.toRow())
                .containsEntry("compound_name", "一号小区(更名)")
                .containsEntry("version", 3L)
                .containsEntry("registered_at", "2020-02-01 00:00:00");
    }

    @Test
    void aMoveLeavesARowSayingTheHouseholdLeftItsCompound() throws Exception {
        Map<String, CompoundMember> latest = new HashMap<>();
        StreamExecutionEnvironment env = env();
        try (CloseableIterator<CompoundMember> it = RegistryWorkflow.define(
                        env.fromData(LOG).setParallelism(1))
                .compoundHouseholds()
                .executeAndCollect()) {
            // as ReplacingMergeTree(version) keeps them: the row of the highest version per (compound, household)
            it.forEachRemaining(
                    m -> latest.merge(m.key(), m, (a, b) -> a.household.version >= b.household.version ? a : b));
        }
        assertThat(latest).hasSize(4);
        CompoundMember left = latest.get("C1\u0000H2");
        assertThat(left.present).isFalse();
        assertThat(left.household.version).isEqualTo(4);
        assertThat(left.toRow())
                .containsEntry("compound_id", "C1")
                .containsEntry("present", 0)
                .containsEntry("version", 4L);
        assertThat(latest.get("C2\u0000H2").toRow())
                .containsEntry("compound_id", "C2")
                .containsEntry("present", 1)
                .containsEntry("compound_name", "二号小区");
        assertThat(latest.get("C1\u0000H1").present).isTrue();
        assertThat(latest.get("C2\u0000H3").present).isTrue();
    }
}
