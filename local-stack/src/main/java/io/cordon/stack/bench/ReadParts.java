package io.cordon.stack.bench;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.StringJoiner;
import org.HdrHistogram.Histogram;

/**
 * The parts of the dashboard's shared read of the figures ({@code X-Cordon-Figures-Read-Parts}: {@code
 * registry=12;windows=80;...}, each in ms from the read's start), gathered over a bench's requests: which part the
 * read waits for.
 */
final class ReadParts {

    private final Map<String, Histogram> parts = new LinkedHashMap<>();

    void record(String header) {
        for (String part : header.split(";")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                parts.computeIfAbsent(part.substring(0, eq), k -> new Histogram(600_000_000L, 3))
                        .recordValue(
                                1000 * Long.parseLong(part.substring(eq + 1).strip()));
            }
        }
    }

    /** Each part's p95 and p50, in the order the header gave them. */
    @Override
    public String toString() {
        StringJoiner j = new StringJoiner(", ");
        parts.forEach((name, h) -> j.add(name + " " + BenchKit.ms(h)));
        return j.length() == 0 ? "(not sent)" : j.toString();
    }
}
