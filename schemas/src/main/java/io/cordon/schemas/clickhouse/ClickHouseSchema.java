package io.cordon.schemas.clickhouse;

import io.cordon.schemas.CheckpointCount;
import io.cordon.schemas.Household;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClickHouse DDL: numbered {@code clickhouse/*.sql} resources, one statement each, all
 * {@code CREATE ... IF NOT EXISTS}, so applying them again is harmless. A table made by an earlier release (a data
 * directory kept across an upgrade) gets the columns added since, in their place, with their types' defaults (18.16
 * has no {@code ADD COLUMN IF NOT EXISTS}, so the columns are compared with {@code system.columns}). The same files
 * are mounted into the ClickHouse container by docker-compose. A table new in a release that derives from older ones has
 * a {@code .fill} statement beside its file, run once, when the table is created, so that an upgraded data directory's
 * rows are in it too (on an empty one it inserts nothing; run twice by two services at once, it writes the same rows at
 * the same versions, which the table's versions fold into one).
 *
 * <p>With a cluster's name ({@code CORDON_CLICKHOUSE_CLUSTER}) the same files make replicated tables: every
 * {@code CREATE} runs {@code ON CLUSTER} and each {@code MergeTree} engine becomes its {@code Replicated} form, kept in
 * ZooKeeper under {@code /clickhouse/tables/{shard}/DATABASE/TABLE} with the server's {@code {replica}} macro. A replica
 * down while the DDL runs gets it from the cluster's DDL queue when it returns; the rest of the schema goes on.
 */
public final class ClickHouseSchema {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSchema.class);

    private ClickHouseSchema() {}

    public static List<String> files() {
        String list = resource("clickhouse/ddl.list");
        List<String> files = new ArrayList<>();
        for (String line : list.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                files.add(line.strip());
            }
        }
        return files;
    }

    /**
     * The statement of a DDL file, with {@value #ROLLUP_COLUMNS} (the checkpoint rollups' columns) written out from
     * {@link CheckpointCount}: {@code arrivals}, the seven counts, {@code last_received_at} and {@code version}; and
     * {@value #HOUSEHOLD_COLUMNS} (a household's registry row, in both tables that hold one) from
     * {@link Household#FIELDS}, {@code registered_at} and {@code version}, and {@value #HOUSEHOLD_DETAIL_COLUMNS} the
     * same but the two ids (which {@code compound_households} puts first: its columns keep the order they had, which a
     * new replica of a replicated table must match), and {@value #REPORT_FILE_COLUMNS} (a frozen report's file, in the
     * table of each release that keeps them).
     */
    public static String statement(String file) {
        return resource("clickhouse/" + file)
                .strip()
                .replaceAll(";\\s*$", "")
                .replace(ROLLUP_COLUMNS, rollupColumns())
                .replace(HOUSEHOLD_COLUMNS, householdColumns(Set.of()))
                .replace(HOUSEHOLD_DETAIL_COLUMNS, householdColumns(Set.of("household_id", "compound_id")))
                .replace(REPORT_FILE_COLUMNS, REPORT_FILE_COLUMN_LIST);
    }

    static final String ROLLUP_COLUMNS = "{checkpoint_rollup_columns}";
    static final String HOUSEHOLD_COLUMNS = "{household_columns}";
    static final String HOUSEHOLD_DETAIL_COLUMNS = "{household_detail_columns}";
    /** A frozen report's file: the same columns in {@code reports} (before the third release) and {@code report_files}. */
    static final String REPORT_FILE_COLUMNS = "{report_file_columns}";

    private static final String REPORT_FILE_COLUMN_LIST = String.join(
            ",\n    ",
            "date Date",
            "scope String",
            "format String",
            "cutoff String",
            "frozen_at DateTime",
            "frozen_at_ms UInt64 DEFAULT 0",
            "sha256 String",
            "body String");

    private static String householdColumns(Set<String> except) {
        StringBuilder columns = new StringBuilder();
        for (String field : Household.FIELDS) {
            if (except.contains(field)) {
                continue;
            }
            // the lifetimes came in a later release: an upgraded table gets them empty (unbounded)
            boolean lifetime = field.equals("active_from") || field.equals("active_until");
            columns.append(field).append(lifetime ? " String DEFAULT '',\n    " : " String,\n    ");
        }
        return columns.append("registered_at DateTime('UTC'),\n    version UInt64")
                .toString();
    }

    private static String rollupColumns() {
        StringBuilder columns = new StringBuilder("arrivals Int64,\n");
        for (String count : CheckpointCount.KEYS) {
            columns.append("    ").append(count).append(" Int64,\n");
        }
        return columns.append("    last_received_at DateTime('UTC'),\n    version UInt64")
                .toString();
    }

    /** Creates the database if needed and applies every DDL file in order (tables of one server). */
    public static void apply(ClickHouseHttp clickHouse) {
        apply(clickHouse, null);
    }

    /**
     * Creates the database if needed and applies every DDL file in order; with a cluster's name (not blank), as
     * replicated tables on every server of that cluster.
     */
    public static void apply(ClickHouseHttp clickHouse, String cluster) {
        boolean replicated = cluster != null && !cluster.isBlank();
        // a replica that is down makes an ON CLUSTER statement wait for it: 20 s, then it is left to the DDL queue
        ClickHouseHttp ddl = replicated ? clickHouse.withSetting("distributed_ddl_task_timeout", "20") : clickHouse;
        if (!"default".equals(clickHouse.database())) {
            String create = "CREATE DATABASE IF NOT EXISTS " + ClickHouseSql.identifier(clickHouse.database());
            runDdl(ddl.inDatabase("default"), replicated ? create + " ON CLUSTER " + identifier(cluster) : create);
        }
        for (String file : files()) {
            String statement = statement(file);
            String fill = optionalResource("clickhouse/" + file.replaceAll("\\.sql$", ".fill"));
            boolean created = fill != null && !exists(clickHouse, statement);
            if (replicated) {
                runDdl(ddl, replicated(statement, cluster, clickHouse.database()));
                awaitTable(clickHouse, statement);
            } else {
                clickHouse.executeBlocking(statement);
            }
            addMissingColumns(clickHouse, statement);
            if (created) {
                clickHouse.executeBlocking(fill.strip());
                LOG.info("ClickHouse table of {} new in this release: filled from the earlier tables", file);
            }
        }
        migrateCountsByPosition(clickHouse);
        copyFrozenFiles(clickHouse);
        LOG.info(
                "ClickHouse schema applied to database {} ({} files{})",
                clickHouse.database(),
                files().size(),
                replicated ? ", replicated on the cluster " + cluster : "");
    }

    /**
     * The frozen files of the releases before the third ({@code reports}, which every download read whole) are copied
     * into {@code report_files} a day at a time (a day's files are some 80 MB; one insert each, all or nothing), the
     * days not there yet: an upgrade stopped midway carries on at the next start, and no report frozen before is left
     * where nothing reads it. Nothing to copy costs two reads of the date columns.
     */
    static void copyFrozenFiles(ClickHouseHttp clickHouse) {
        // the column names of the one list both tables are made from
        String columns = Arrays.stream(REPORT_FILE_COLUMN_LIST.split(",\n    "))
                .map(column -> column.substring(0, column.indexOf(' ')))
                .collect(Collectors.joining(", "));
        List<String> days = clickHouse
                .executeBlocking("SELECT DISTINCT date FROM " + Tables.REPORTS_BEFORE_THE_THIRD_RELEASE
                        + " WHERE date NOT IN (SELECT DISTINCT date FROM " + Tables.REPORTS
                        + ") ORDER BY date FORMAT TSV")
                .lines()
                .filter(line -> !line.isBlank())
                .toList();
        for (String day : days) {
            clickHouse.executeBlocking("INSERT INTO " + Tables.REPORTS + " (" + columns + ") SELECT " + columns
                    + " FROM "
                    + Tables.REPORTS_BEFORE_THE_THIRD_RELEASE + " FINAL WHERE date = toDate(" + ClickHouseSql.quote(day)
                    + ")");
        }
        if (!days.isEmpty()) {
            LOG.info("the frozen reports of {} days copied into {}", days.size(), Tables.REPORTS);
        }
    }

    /**
     * The rows of {@code counted_events} written by the second release hold an event's counts by position (values only,
     * in {@link CheckpointCount#STORED_BY_POSITION}'s order); they are rewritten by key once, by a mutation issued only
     * while such rows exist. Readers read both forms ({@link CheckpointCount#storedCount}), so the mutation may finish at
     * its own pace.
     */
    static void migrateCountsByPosition(ClickHouseHttp clickHouse) {
        String where = "counts != '' AND position(counts, '=') = 0";
        String old = clickHouse.executeBlocking(
                "SELECT count() FROM " + Tables.COUNTED_EVENTS + " WHERE " + where + " FORMAT TSV");
        if (old.strip().equals("0")) {
            return;
        }
        // a mutation computes its expression over every row of a part (the WHERE only picks the result), so the keys
        // are
        // cut to each row's length: arrayMap refuses arrays of different sizes
        String keys = CheckpointCount.STORED_BY_POSITION.stream()
                .map(ClickHouseSql::quote)
                .collect(Collectors.joining(", ", "[", "]"));
        clickHouse.executeBlocking("ALTER TABLE " + Tables.COUNTED_EVENTS + " UPDATE counts = arrayStringConcat("
                + "arrayMap((k, v) -> concat(k, '=', v), arraySlice(" + keys
                + ", 1, length(splitByChar(',', counts))), "
                + "splitByChar(',', counts)), ',') WHERE " + where);
        LOG.info(
                "{} rows of {} of an earlier release hold their counts by position: rewritten by key",
                old.strip(),
                Tables.COUNTED_EVENTS);
    }

    private static final Pattern TABLE_NAME = Pattern.compile("CREATE TABLE IF NOT EXISTS\\s+(\\w+)");
    private static final Pattern ENGINE = Pattern.compile("ENGINE\\s*=\\s*(Replacing)?MergeTree(?:\\s*\\(([^)]*)\\))?");

    /**
     * A {@code CREATE TABLE} statement made for a cluster: {@code ON CLUSTER}, and its engine replicated through
     * ZooKeeper ({@code ReplacingMergeTree(version)} becomes {@code ReplicatedReplacingMergeTree('/clickhouse/tables/
     * {shard}/DB/TABLE', '{replica}', version)}).
     */
    static String replicated(String statement, String cluster, String database) {
        Matcher name = TABLE_NAME.matcher(statement);
        if (!name.find()) {
            return statement;
        }
        String table = name.group(1);
        String onCluster =
                name.replaceFirst("CREATE TABLE IF NOT EXISTS " + table + " ON CLUSTER " + identifier(cluster));
        Matcher engine = ENGINE.matcher(onCluster);
        if (!engine.find()) {
            throw new IllegalStateException("the table " + table + " has an engine that cannot be replicated");
        }
        String args = engine.group(2) == null || engine.group(2).isBlank()
                ? ""
                : ", " + engine.group(2).strip();
        String kind = engine.group(1) == null ? "" : engine.group(1);
        String replicatedEngine = "ENGINE = Replicated" + kind + "MergeTree('/clickhouse/tables/{shard}/" + database
                + "/" + table + "', '{replica}'" + args + ")";
        return onCluster.substring(0, engine.start()) + replicatedEngine + onCluster.substring(engine.end());
    }

    private static String identifier(String cluster) {
        if (!cluster.matches("[A-Za-z_][A-Za-z0-9_]*")) {
            throw new IllegalArgumentException("CORDON_CLICKHOUSE_CLUSTER must be a plain name: '" + cluster + "'");
        }
        return cluster;
    }

    /**
     * Runs an {@code ON CLUSTER} statement; when a replica has not run it within the timeout (it is down), it will
     * from the cluster's DDL queue when it returns: said, not failed.
     */
    private static void runDdl(ClickHouseHttp clickHouse, String statement) {
        try {
            clickHouse.executeBlocking(statement);
        } catch (ClickHouseException e) {
            if (!e.answer().startsWith("Code: 159,")) {
                throw e;
            }
            LOG.warn(
                    "a ClickHouse replica has not applied the schema yet (it will from the DDL queue when it is up):"
                            + " {}",
                    e.answer().lines().findFirst().orElse(""));
        }
    }

    /** Waits (30 s at most) until the server asked has the table of a statement run on the cluster. */
    private static void awaitTable(ClickHouseHttp clickHouse, String statement) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!exists(clickHouse, statement)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ClickHouse did not create the table of "
                        + TABLE_NAME
                                .matcher(statement)
                                .results()
                                .findFirst()
                                .map(r -> r.group(1))
                                .orElse("?") + " within 30 s (its cluster's DDL queue)");
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while the schema was applied", e);
            }
        }
    }

    private static final Pattern CREATE_TABLE =
            Pattern.compile("(?s)CREATE TABLE IF NOT EXISTS\\s+(\\w+)\\s*\\((.*?)\\)\\s*ENGINE");

    /** The column definitions of a {@code CREATE TABLE} statement, in order ({@code name Type ...}), comments left out. */
    static List<String> columns(String statement) {
        Matcher m = CREATE_TABLE.matcher(statement);
        List<String> columns = new ArrayList<>();
        if (!m.find()) {
            return columns;
        }
        StringBuilder body = new StringBuilder();
        for (String line : m.group(2).split("\n")) {
            int comment = line.indexOf("--");
            body.append(comment < 0 ? line : line.substring(0, comment)).append('\n');
        }
        int depth = 0;
        StringBuilder column = new StringBuilder();
        for (char c : body.toString().toCharArray()) {
            if (c == ',' && depth == 0) {
                columns.add(column.toString().strip());
                column.setLength(0);
                continue;
            }
            depth += c == '(' ? 1 : c == ')' ? -1 : 0;
            column.append(c);
        }
        if (!column.toString().isBlank()) {
            columns.add(column.toString().strip());
        }
        return columns;
    }

    private static void addMissingColumns(ClickHouseHttp clickHouse, String statement) {
        Matcher m = CREATE_TABLE.matcher(statement);
        if (!m.find()) {
            return;
        }
        String table = ClickHouseSql.identifier(m.group(1));
        Set<String> present = new HashSet<>(List.of(clickHouse
                .executeBlocking(
                        "SELECT name FROM system.columns WHERE database = " + ClickHouseSql.quote(clickHouse.database())
                                + " AND table = " + ClickHouseSql.quote(table) + " FORMAT TSV")
                .split("\n")));
        String previous = null;
        for (String column : columns(statement)) {
            String name = column.split("\\s+")[0];
            if (!present.contains(name)) {
                clickHouse.executeBlocking("ALTER TABLE " + table + " ADD COLUMN " + column
                        + (previous == null ? "" : " AFTER " + previous));
                LOG.info("ClickHouse table {} of an earlier release: column {} added", table, name);
            }
            previous = name;
        }
    }

    private static boolean exists(ClickHouseHttp clickHouse, String statement) {
        Matcher m = CREATE_TABLE.matcher(statement);
        if (!m.find()) {
            return true;
        }
        return !clickHouse
                .executeBlocking("SELECT count() FROM system.tables WHERE database = "
                        + ClickHouseSql.quote(clickHouse.database()) + " AND name = " + ClickHouseSql.quote(m.group(1))
                        + " FORMAT TSV")
                .strip()
                .equals("0");
    }

    private static String optionalResource(String path) {
        try (InputStream in = ClickHouseSchema.class.getClassLoader().getResourceAsStream(path)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String resource(String path) {
        try (InputStream in = ClickHouseSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
