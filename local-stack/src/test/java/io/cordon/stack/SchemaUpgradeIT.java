package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.clickhouse.ClickHouseHttp;
import io.cordon.schemas.clickhouse.ClickHouseSchema;
import io.cordon.schemas.clickhouse.Tables;
import io.cordon.testkit.LocalClickHouse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A data directory kept across an upgrade: its tables were made by an earlier release, without the columns added
 * since. Applying the schema adds them in place, keeps the rows, and the current jobs' rows go in again.
 */
class SchemaUpgradeIT {

    @TempDir
    Path dir;

    @Test
    void anEarlierReleasesTableGetsTheColumnsAddedSince() throws Exception {
        try (LocalClickHouse server = LocalClickHouse.start(dir.resolve("clickhouse"))) {
            ClickHouseHttp clickHouse = new ClickHouseHttp(server.url(), "cordon_upgrade");
            new ClickHouseHttp(server.url(), "default").executeBlocking("CREATE DATABASE cordon_upgrade");
            // compound_round_state as the release before the progress tally made it, with a row
            clickHouse.executeBlocking(
                    "CREATE TABLE compound_round_state (compound_id String, round UInt8, visited UInt32, "
                            + "resolved UInt32, pending_revisit UInt32, revisit_overdue UInt32, home_quarantine UInt32, "
                            + "central_quarantine UInt32, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY (round, compound_id)");
            clickHouse.insertBlocking(
                    "compound_round_state",
                    List.of(
                            "{\"compound_id\":\"C1\",\"round\":1,\"visited\":3,\"resolved\":2,"
                                    + "\"pending_revisit\":1,\"revisit_overdue\":0,\"home_quarantine\":0,\"central_quarantine\":0,\"version\":4}"));

            // households as the release before compound_households kept them: two uploads of H1 (it moved), one of H2
            clickHouse.executeBlocking(
                    "CREATE TABLE households (household_id String, district String, street String, community String, "
                            + "compound_id String, compound_name String, building String, unit String, room String, responsible_unit String, "
                            + "grid_id String, active_from String DEFAULT '', active_until String DEFAULT '', registered_at DateTime('UTC'), "
                            + "version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY household_id");
            clickHouse.insertBlocking(
                    "households",
                    List.of(
                            "{\"household_id\":\"H1\",\"compound_id\":\"C1\",\"room\":\"101\",\"registered_at\":\"2026-11-01 00:00:00\",\"version\":1}",
                            "{\"household_id\":\"H2\",\"compound_id\":\"C1\",\"room\":\"102\",\"registered_at\":\"2026-11-01 00:00:00\",\"version\":2}",
                            "{\"household_id\":\"H1\",\"compound_id\":\"C2\",\"room\":\"201\",\"registered_at\":\"2026-11-01 00:00:00\",\"version\":3}"));

            // reports as the releases before the third kept them (ClickHouse's 8,192 rows a mark), a frozen file in it
            clickHouse.executeBlocking("CREATE TABLE reports (date Date, scope String, format String, cutoff String, "
                    + "frozen_at DateTime, frozen_at_ms UInt64 DEFAULT 0, sha256 String, body String) "
                    + "ENGINE = ReplacingMergeTree ORDER BY (date, scope, format)");
            clickHouse.insertBlocking(
                    "reports",
                    List.of(
                            "{\"date\":\"2026-11-30\",\"scope\":\"all\",\"format\":\"csv\",\"cutoff\":\"20:00\","
                                    + "\"frozen_at\":\"2026-11-30 12:00:00\",\"frozen_at_ms\":1,\"sha256\":\"s\",\"body\":\"Ym9keQ==\"}",
                            "{\"date\":\"2026-12-01\",\"scope\":\"all\",\"format\":\"pdf\",\"cutoff\":\"20:00\","
                                    + "\"frozen_at\":\"2026-12-01 12:00:00\",\"frozen_at_ms\":2,\"sha256\":\"t\",\"body\":\"cGRm\"}"));

            ClickHouseSchema.apply(clickHouse);
            ClickHouseSchema.apply(clickHouse); // and again: nothing left to add, nothing filled twice

            // the frozen files are in the table of one index mark a row, a day at a time, once each, the same bytes
            assertThat(clickHouse
                            .executeBlocking("SELECT date, scope, format, cutoff, sha256, body FROM " + Tables.REPORTS
                                    + " ORDER BY date FORMAT TSV")
                            .strip())
                    .isEqualTo("2026-11-30\tall\tcsv\t20:00\ts\tYm9keQ==\n2026-12-01\tall\tpdf\t20:00\tt\tcGRm");
            assertThat(clickHouse.executeBlocking(
                            "SELECT engine_full FROM system.tables WHERE database = 'cordon_upgrade' " + "AND name = '"
                                    + Tables.REPORTS + "' FORMAT TSV"))
                    .contains("index_granularity = 1");

            // the new table by compound holds the earlier release's households where they are now
            assertThat(clickHouse
                            .executeBlocking(
                                    "SELECT compound_id, household_id, present, room, version FROM compound_households FINAL "
                                            + "ORDER BY compound_id, household_id FORMAT TSV")
                            .strip())
                    .isEqualTo("C1\tH2\t1\t102\t2\nC2\tH1\t1\t201\t3");
            assertThat(clickHouse
                            .executeBlocking("SELECT count() FROM compound_households FORMAT TSV")
                            .strip())
                    .isEqualTo("2");

            assertThat(clickHouse
                            .executeBlocking("SELECT name FROM system.columns WHERE database = 'cordon_upgrade' AND "
                                    + "table = 'compound_round_state' FORMAT TSV")
                            .strip()
                            .split("\n"))
                    .containsExactly(
                            "compound_id",
                            "round",
                            "visited",
                            "resolved",
                            "pending_revisit",
                            "revisit_overdue",
                            "home_quarantine",
                            "central_quarantine",
                            "resolved_days",
                            "resolved_by_day",
                            "version");
            clickHouse.insertBlocking(
                    "compound_round_state",
                    List.of("{\"compound_id\":\"C1\",\"round\":1,\"visited\":3,\"resolved\":3,"
                            + "\"pending_revisit\":0,\"revisit_overdue\":0,\"home_quarantine\":0,\"central_quarantine\":0,"
                            + "\"resolved_days\":[\"2026-11-25\"],\"resolved_by_day\":[3],\"version\":6}"));
            assertThat(clickHouse
                            .executeBlocking(
                                    "SELECT compound_id, resolved, resolved_days FROM compound_round_state FINAL FORMAT TSV")
                            .strip())
                    .isEqualTo("C1\t3\t['2026-11-25']");
            // every other table was made whole by the same apply
            assertThat(clickHouse
                            .executeBlocking(
                                    "SELECT count() FROM system.tables WHERE database = 'cordon_upgrade' FORMAT TSV")
                            .strip())
                    .isEqualTo(String.valueOf(ClickHouseSchema.files().stream()
                            .filter(f -> ClickHouseSchema.statement(f).startsWith("CREATE TABLE"))
                            .count()));
        }
    }
}
