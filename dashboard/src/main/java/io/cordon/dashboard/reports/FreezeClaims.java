package io.cordon.dashboard.reports;

import java.util.List;
import java.util.Set;

/**
 * Which dashboard freezes a date: every dashboard that would freeze it writes a claim ({@code claimed_at_ms}, a random
 * {@code claim} id) and reads the claims back; the earliest wins.
 */
final class FreezeClaims {

    private FreezeClaims() {}

    /** The earliest claim of the TSV answers ({@code claimed_at_ms}, {@code claim}), ties broken by the claim's id. */
    static String earliestClaim(List<String> answers) {
        return earliestClaim(answers, Set.of());
    }

    /** The same, leaving out claims this dashboard made and gave up (its freeze failed after writing them). */
    static String earliestClaim(List<String> answers, Set<String> abandoned) {
        long earliest = Long.MAX_VALUE;
        String first = null;
        for (String answer : answers) {
            for (String line : answer.split("\n")) {
                String[] f = line.split("\t");
                if (f.length < 2 || abandoned.contains(f[1])) {
                    continue;
                }
                long at = Long.parseLong(f[0]);
                if (at < earliest || at == earliest && f[1].compareTo(first) < 0) {
                    earliest = at;
                    first = f[1];
                }
            }
        }
        return first;
    }
}
