package io.cordon.schemas.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * ClickHouse over its HTTP interface, with text formats only.
 *
 * <p>Every maintained Java driver fails against the ClickHouse 18.16 that Debian ships (they send settings or
 * read formats it does not know), so Cordon speaks plain HTTP: a statement in the body, JSON or TSV out,
 * JSONEachRow in. The same class serves the Flink sink (blocking) and the Vert.x services (through the
 * returned {@link CompletableFuture}, never blocking an event loop). Values are never pasted from requests into
 * SQL: callers whitelist identifiers and quote values with {@link ClickHouseSql}.
 */
public final class ClickHouseHttp {

    private final HttpClient client;
    private final String baseUrl;
    private final String database;
    private final String user;
    private final String password;

    public ClickHouseHttp(String baseUrl, String database) {
        this(baseUrl, database, null, null);
    }

    public ClickHouseHttp(String baseUrl, String database, String user, String password) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.database = database == null || database.isBlank() ? "default" : database;
        this.user = user;
        this.password = password;
        this.client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    }

    public String database() {
        return database;
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Told of every statement's duration (nanoseconds) and whether it succeeded: for a service's metrics. */
    public interface Observer {
        void statement(long nanos, boolean succeeded);
    }

    private volatile Observer observer = (nanos, ok) -> {};
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
        return send(url(null), sql);
    }

    /** Inserts rows, each one JSON object, in one request; a failed insert stores nothing. */
    public CompletableFuture<String> insertJsonEachRow(String table, Collection<String> rows) {
        if (rows.isEmpty()) {
            return CompletableFuture.completedFuture("");
        }
        String query = "INSERT INTO " + ClickHouseSql.identifier(table) + " FORMAT JSONEachRow";
        return send(url(query), String.join("\n", rows));
    }

    public String executeBlocking(String sql) {
        return join(execute(sql));
    }

    public void insertBlocking(String table, Collection<String> rows) {
        join(insertJsonEachRow(table, rows));
    }

    /** True when the server answers its ping. */
    public boolean ping() {
        try {
            HttpResponse<String> r = client.send(
                    HttpRequest.newBuilder(URI.create(baseUrl + "/ping"))
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

    private URI url(String query) {
        StringBuilder sb = new StringBuilder(baseUrl)
                .append("/?database=")
                .append(enc(database))
                .append("&date_time_input_format=best_effort")
                .append("&output_format_json_quote_64bit_integers=0");
        if (maxExecutionSeconds > 0) {
            sb.append("&max_execution_time=").append(maxExecutionSeconds);
        }
        if (query != null) {
            sb.append("&query=").append(enc(query));
        }
        return URI.create(sb.toString());
    }

    private CompletableFuture<String> send(URI uri, String body) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (user != null) {
            b.header("X-ClickHouse-User", user);
            if (password != null) {
                b.header("X-ClickHouse-Key", password);
            }
        }
        HttpRequest request = b.build();
        long started = System.nanoTime();
        // ClickHouse closes an idle keep-alive connection after a few seconds; a request sent on one that it just
        // closed fails before any answer. It is sent once more on a new connection: every statement Cordon sends is
        // safe to repeat (reads, versioned inserts, idempotent DDL).
        return client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .handle((r, e) -> e == null
                        ? CompletableFuture.completedFuture(r)
                        : staleConnection(e)
                                ? client.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                                : CompletableFuture.<HttpResponse<String>>failedFuture(e))
                .thenCompose(f -> f)
                .thenApply(r -> {
                    if (r.statusCode() != 200) {
                        throw new ClickHouseException(r.statusCode(), r.body().strip());
                    }
                    return r.body();
                })
                .whenComplete((answer, e) -> observer.statement(System.nanoTime() - started, e == null));
    }

    private static boolean staleConnection(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof IOException
                && !(cause instanceof java.net.http.HttpTimeoutException)
                && !(cause instanceof java.net.ConnectException);
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

    /** A statement ClickHouse refused, or a server that could not be reached. */
    public static final class ClickHouseException extends RuntimeException {
        private final int status;

        public ClickHouseException(int status, String message) {
            super("ClickHouse answered " + status + ": " + message);
            this.status = status;
        }

        public int status() {
            return status;
        }
    }
}
