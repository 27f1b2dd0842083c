package io.cordon.schemas.clickhouse;

import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.util.concurrent.CompletionException;
import java.util.regex.Pattern;

/**
 * A statement ClickHouse refused, or a server that could not be reached; and which failures another replica may not
 * have.
 */
public final class ClickHouseException extends RuntimeException {

    /** ClickHouse's codes that say "this server cannot take it now, another replica may": read-only table (242), no
     * ZooKeeper (225), a ZooKeeper error (999), an insert of unknown status (319). */
    private static final Pattern REPLICA_DOWN = Pattern.compile("^Code: (242|225|999|319),");

    /** A quorum insert that cannot reach every replica: too few live ones (285), or an earlier one unfinished (286). */
    private static final Pattern QUORUM_UNREACHED = Pattern.compile("^Code: (285|286|319),");

    /** An earlier quorum insert into the same table not acknowledged yet (286): one at a time per table. */
    private static final Pattern PREVIOUS_QUORUM_UNFINISHED = Pattern.compile("^Code: 286,");

    private final int status;
    private final String answer;

    public ClickHouseException(int status, String message) {
        super("ClickHouse answered " + status + ": " + message);
        this.status = status;
        this.answer = message;
    }

    /** The server's own words ({@code Code: N, e.displayText() = ...}). */
    public String answer() {
        return answer;
    }

    public int status() {
        return status;
    }

    /** A quorum insert that could not reach every replica (too few live ones, or an earlier one unfinished). */
    boolean quorumUnreached() {
        return QUORUM_UNREACHED.matcher(answer).find();
    }

    /** An earlier quorum insert into the same table is not acknowledged yet: try again shortly. */
    boolean previousQuorumUnfinished() {
        return PREVIOUS_QUORUM_UNFINISHED.matcher(answer).find();
    }

    /** True for a failure that another replica may not have: unreachable, or unable to write for now. */
    static boolean replicaDown(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof ClickHouseException ch) {
            return REPLICA_DOWN.matcher(ch.answer()).find();
        }
        return cause instanceof IOException;
    }

    static boolean staleConnection(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        return cause instanceof IOException
                && !(cause instanceof HttpTimeoutException)
                && !(cause instanceof ConnectException);
    }
}
