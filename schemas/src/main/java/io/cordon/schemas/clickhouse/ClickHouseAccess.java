package io.cordon.schemas.clickhouse;

import io.cordon.schemas.EnvVars;
import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * Where a service finds ClickHouse and as whom: {@code CORDON_CLICKHOUSE_URL} (one server or the replicas of a
 * cluster, comma-separated), {@code CORDON_CLICKHOUSE_DATABASE}, {@code CORDON_CLICKHOUSE_CLUSTER} (replicated tables), {@code CORDON_CLICKHOUSE_USER} and
 * {@code CORDON_CLICKHOUSE_PASSWORD} (sent in ClickHouse's {@code X-ClickHouse-User}/{@code -Key} headers, never in a
 * URL). The password is never part of {@link #toString()}, so it cannot reach a log through a config being printed.
 */
public record ClickHouseAccess(String url, String database, String cluster, String user, String password)
        implements Serializable {

    public ClickHouseAccess {
        ClickHouseHttp.servers(url);
        database = database == null || database.isBlank() ? "default" : database;
        cluster = cluster == null || cluster.isBlank() ? null : cluster;
        user = user == null || user.isBlank() ? null : user;
        password = password == null || password.isEmpty() ? null : password;
        if (password != null && user == null) {
            throw new IllegalArgumentException("CORDON_CLICKHOUSE_PASSWORD is set without CORDON_CLICKHOUSE_USER");
        }
    }

    public static ClickHouseAccess fromEnv(Map<String, String> environment) {
        EnvVars env = new EnvVars(environment);
        return new ClickHouseAccess(
                env.required("CORDON_CLICKHOUSE_URL"),
                env.string("CORDON_CLICKHOUSE_DATABASE", "default"),
                env.string("CORDON_CLICKHOUSE_CLUSTER", null),
                env.string("CORDON_CLICKHOUSE_USER", null),
                env.string("CORDON_CLICKHOUSE_PASSWORD", null));
    }

    /** The servers, in order. */
    public List<String> servers() {
        return ClickHouseHttp.servers(url);
    }

    /** A client of these servers, as this user. */
    public ClickHouseHttp client() {
        return new ClickHouseHttp(url, database, user, password);
    }

    /** Creates or updates Cordon's tables (idempotent), {@code ON CLUSTER} when a cluster is named. */
    public void applySchema() {
        ClickHouseSchema.apply(client(), cluster);
    }

    @Override
    public String toString() {
        return "ClickHouseAccess[url=" + url + ", database=" + database
                + (cluster == null ? "" : ", cluster=" + cluster) + ", user=" + (user == null ? "default" : user)
                + (password == null ? "" : ", password=(set)") + "]";
    }
}
