package io.cordon.schemas.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * ClickHouse over its HTTP interface, with text formats only.
 *
 * <p>Every maintained Java driver fails against the ClickHouse 18.16 that Debian ships (they send settings or
 * read formats it does not know), so Cordon speaks plain HTTP: a statement in the body, JSON or TSV out,
 * JSONEachRow in. The same class serves the Flink sink (blocking) and the Vert.x services (through the
 * returned {@link CompletableFuture}, never blocking an event loop). Values are never pasted from requests into
 * SQL: callers whitelist identifiers and quote values with {@link ClickHouseSql}.
 *
 * <p>The address may name several servers, comma-separated: the replicas of one replicated database. Every statement
 * goes to the server that answered last; a server that cannot be reached, or that answers that it cannot write now
 * (its tables read-only, its ZooKeeper session lost), hands the statement to the next one, each tried once. Every
 * statement Cordon sends is safe to send twice (reads, versioned inserts that a replicated table also deduplicates by
 * block, idempotent DDL), so a statement that may have reached a dying server is sent again to another.
 */
public final class ClickHouseHttp {

    private final HttpClient client;
    private final String baseUrl;
    private final List<String> servers;
    private final AtomicInteger current;
    private final String database;
    private final String user;
    private final String password;

    public ClickHouseHttp(String baseUrl, String database) {
        this(baseUrl, database, null, null);
    }

    public ClickHouseHttp(String baseUrl, String database, String user, String password) {
        this(
                servers(baseUrl),
                database,
                user,
                password,
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build(),
                new AtomicInteger());
    }

    /** A view of the same servers: it shares their connections and which server answered last. */
    private ClickHouseHttp(
            List<String> servers,
            String database,
            String user,
            String password,
            HttpClient client,
            AtomicInteger current) {
        this.servers = servers;
        this.baseUrl = String.join(",", servers);
        this.database = database == null || database.isBlank() ? "default" : database;
        this.user = user;
        this.password = password;
        this.client = client;
        this.current = current;
    }

    public String database() {
        return database;
    }

    /** The same servers and credentials, another database. */
    public ClickHouseHttp inDatabase(String otherDatabase) {
        return new ClickHouseHttp(servers, otherDatabase, user, password, client, current);
    }

    /**
     * The same servers, credentials and database, with one more ClickHouse setting on every statement; it shares this
     * client's connections and the server that answered last (made for each statement, it costs no connection).
     */
    public ClickHouseHttp withSetting(String name, String value) {
        ClickHouseHttp copy = new ClickHouseHttp(servers, database, user, password, client, current);
        copy.settings = settings + "&" + enc(name) + "=" + enc(value);
        copy.maxExecutionSeconds = maxExecutionSeconds;
        copy.observer = observer;
        return copy;
    }

    /** The address as configured: one server, or several comma-separated. */
    public String baseUrl() {
        return baseUrl;
    }

    /** The servers of the address, in order. */
    public List<String> servers() {
        return servers;
    }

    /** The server statements go to now (the one that answered last). */
    public String currentServer() {
        return servers.get(Math.floorMod(current.get(), servers.size()));
    }

    /** The servers of an address ({@code http://a:8123,http://b:8123}), without trailing slashes. */
    static List<String> servers(String address) {
        List<String> list = Arrays.stream(address.split(","))
                .map(String::strip)
                .filter(a -> !a.isEmpty())
                .map(a -> a.endsWith("/") ? a.substring(0, a.length() - 1) : a)
                .toList();
        if (list.isEmpty()) {
            throw new IllegalArgumentException("a ClickHouse address names no server: '" + address + "'");
        }
        return list;
    }

    /** Told of every statement's duration (nanoseconds) and whether it succeeded: for a service's metrics. */
    public interface Observer {
        void statement(long nanos, boolean succeeded);
    }

    private volatile Observer observer = (nanos, ok) -> {};
    /** Further settings of every statement, as URL parameters ({@code &name=value}). */
    private String settings = "";
    /** ClickHouse's {@code max_execution_time} (seconds) for every statement; 0: none. */
    private volatile int maxExecutionSeconds;

    public ClickHouseHttp observedBy(Observer observer) {
        this.observer = observer;
        return this;
    }

    /**
     * Every statement from now on is stopped by ClickHouse itself after {@code seconds} ({@code max_execution_time}): a
     * service that reads for people never lets one read hold the server's threads for long.
     */
    public ClickHouseHttp limitedTo(int seconds) {
        this.maxExecutionSeconds = seconds;
        return this;
    }

    /** Runs one statement; the answer body is returned as text (use a FORMAT clause to choose its shape). */
    public CompletableFuture<String> execute(String sql) {
        return send(server -> url(server, null), sql);
    }

    /**
     * Runs a read on every server of the address and gives the answers of those that answered (a replica down is left
     * out; if none answers, the first failure): what a decision needs that must not wait for replication, such as
     * which claim to freeze a report came first.
     */
    public CompletableFuture<List<String>> executeOnEach(String sql) {
        List<CompletableFuture<String>> answers = new ArrayList<>();
        for (String server : servers) {
            answers.add(sendTo(server, s -> url(s, null), sql));
        }
        return CompletableFuture.allOf(
                        answers.stream().map(a -> a.handle((x, e) -> null)).toArray(CompletableFuture[]::new))
                .thenApply(v -> {
                    List<String> out = new ArrayList<>();
                    Throwable first = null;
                    for (CompletableFuture<String> a : answers) {
                        try {
                            out.add(a.join());
                        } catch (CompletionException e) {
                            if (!ClickHouseException.replicaDown(e)) {
                                throw e;
                            }
                            first = first == null ? e : first;
                        }
                    }
                    if (out.isEmpty()) {
                        throw first instanceof CompletionException c ? c : new CompletionException(first);
                    }
                    return out;
                });
    }

    /**
     * Whether every server that answers has every part that any replica logged up to a moment (epoch milliseconds): its
     * replication queue holds no fetch of a part logged until then, and it has copied the whole shared log into its
     * queue. A part logged in the moment's second or the next counts too ({@code create_time} has whole seconds, and the
     * servers' clocks may differ from the caller's by a little): what a reader moving to another replica waits for
     * before it trusts that replica to show at least what the one it read before showed. True at once without replicas.
     */
    public CompletableFuture<Boolean> hasEverythingLoggedUntil(long epochMillis) {
        return executeOnEach("SELECT (SELECT count() FROM system.replication_queue WHERE type = 'GET_PART'"
                        + " AND create_time < toDateTime(" + (epochMillis / 1000 + 2) + "))"
                        + " + (SELECT count() FROM system.replicas WHERE log_max_index > 0"
                        + " AND log_pointer <= log_max_index) FORMAT TSV")
                .thenApply(answers -> answers.stream().allMatch(a -> a.strip().equals("0")));
    }

    /** Inserts rows, each one JSON object, in one request; a failed insert stores nothing. */
    public CompletableFuture<String> insertJsonEachRow(String table, Collection<String> rows) {
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture("");
        }
        String query = "INSERT INTO " + ClickHouseSql.identifier(table) + " FORMAT JSONEachRow";
        return send(server -> url(server, query), String.join("\n", rows));
    }

    /**
     * Inserts rows that must not live on one replica only (the reports of record, the jobs' figures): acknowledged once
     * every server of the address has them ({@code insert_quorum}, 3 s at most). A table takes one such insert at a
     * time: while an earlier one waits for its quorum, this one is tried again every 50 ms for up to half a second. With a
     * replica down (too few replicas, or the quorum not reached in time), on those that are up, as a plain insert (the
     * one down catches up when it returns; the replicated table deduplicates the block). One server: a plain insert.
     */
    public CompletableFuture<String> insertJsonEachRowOnEveryReplica(String table, Collection<String> rows) {
        return onEveryReplica(c -> c.insertJsonEachRow(table, rows), 10);
    }

    /** An {@code INSERT … SELECT} acknowledged as {@link #insertJsonEachRowOnEveryReplica} is. */
    public CompletableFuture<String> executeInsertOnEveryReplica(String insertSql) {
        return onEveryReplica(c -> c.execute(insertSql), 10);
    }

    private CompletableFuture<String> onEveryReplica(
            Function<ClickHouseHttp, CompletableFuture<String>> insert, int triesLeft) {
        if (servers.size() < 2) {
            return insert.apply(this);
        }
        return insert.apply(withSetting("insert_quorum", String.valueOf(servers.size()))
                        .withSetting("insert_quorum_timeout", "3000"))
                .handle((answer, e) -> {
                    if (e == null) {
                        return CompletableFuture.completedFuture(answer);
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    if (!(cause instanceof ClickHouseException ch)) {
                        return CompletableFuture.<String>failedFuture(e);
                    }
                    if (ch.previousQuorumUnfinished() && triesLeft > 1) {
                        return CompletableFuture.supplyAsync(
                                        () -> null, CompletableFuture.delayedExecutor(50, TimeUnit.MILLISECONDS))
                                .thenCompose(x -> onEveryReplica(insert, triesLeft - 1));
                    }
                    return ch.quorumUnreached() ? insert.apply(this) : CompletableFuture.<String>failedFuture(e);
                })
                .thenCompose(f -> f);
    }

    public String executeBlocking(String sql) {
        return join(execute(sql));
    }

    public void insertBlocking(String table, Collection<String> rows) {
        join(insertJsonEachRow(table, rows));
    }

    /** {@link #insertJsonEachRowOnEveryReplica}, blocking: for the jobs' sinks. */
    public void insertBlockingOnEveryReplica(String table, Collection<String> rows) {
        join(insertJsonEachRowOnEveryReplica(table, rows));
    }

    /** True when a server of the address answers its ping. */
    public boolean ping() {
        return servers.stream().anyMatch(this::ping);
    }

    /** True when the given server answers its ping. */
    public boolean ping(String server) {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(server + "/ping"))
                            .timeout(Duration.ofSeconds(2))
                            .GET()
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            return r.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private URI url(String server, String query) {
        StringBuilder sb = new StringBuilder(server)
                .append("/?database=")
                .append(enc(database))
                .append("&date_time_input_format=best_effort")
                .append("&output_format_json_quote_64bit_integers=0")
                .append(settings);
        if (maxExecutionSeconds > 0) {
            sb.append("&max_execution_time=").append(maxExecutionSeconds);
        }
        if (query != null) {
            sb.append("&query=").append(enc(query));
        }
        return URI.create(sb.toString());
    }

    private CompletableFuture<String> send(Function<String, URI> uri, String body) {
        long started = System.nanoTime();
        int first = current.get();
        return sendFrom(first, 0, uri, body, null)
                .whenComplete((answer, e) -> observer.statement(System.nanoTime() - started, e == null));
    }

    /**
     * Sends to the {@code tried}-th server after {@code first}; on a server's failure, to the next, once each. When every
     * server failed, the failure is a server's answer if one answered ({@code answered}): "quorum not reached" from the
     * one up says more than "connection refused" from the one down.
     */
    private CompletableFuture<String> sendFrom(
            int first, int tried, Function<String, URI> uri, String body, Throwable answered) {
        int index = Math.floorMod(first + tried, servers.size());
        return sendTo(servers.get(index), uri, body)
                .handle((answer, e) -> {
                    if (e == null) {
                        current.compareAndSet(first, index);
                        return CompletableFuture.completedFuture(answer);
                    }
                    Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
                    Throwable firstAnswer = answered == null && cause instanceof ClickHouseException ? e : answered;
                    if (tried + 1 < servers.size() && ClickHouseException.replicaDown(e)) {
                        return sendFrom(first, tried + 1, uri, body, firstAnswer);
                    }
                    return CompletableFuture.<String>failedFuture(
                            cause instanceof ClickHouseException || firstAnswer == null ? e : firstAnswer);
                })
                .thenCompose(f -> f);
    }

    private CompletableFuture<String> sendTo(String server, Function<String, URI> uri, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri.apply(server))
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            b.header("X-ClickHouse-User", user);
            if (password != null) {
                b.header("X-ClickHouse-Key", password);
            }
        }
        HttpRequest request = b.build();
        // ClickHouse closes an idle keep-alive connection after a few seconds; a request sent on one that it just
        // closed fails before any answer. It is sent once more on a new connection: every statement Cordon sends is
        // safe to repeat (reads, versioned inserts, idempotent DDL).
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((r, e) -> e == null
                        ? CompletableFuture.completedFuture(r)
                        : ClickHouseException.staleConnection(e)
                                ? client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                                : CompletableFuture.<HttpResponse<String>>failedFuture(e))
                .thenCompose(f -> f)
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new ClickHouseException(r.statusCode(), r.body().strip());
                    }
                    return r.body();
                });
    }

    private static String join(CompletableFuture<String> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new ClickHouseException(0, String.valueOf(e.getCause()));
        }
    }

    private static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
}
