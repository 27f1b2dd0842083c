package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property: a valid feed body, mutated at random (characters dropped, inserted or replaced; values swapped for
 * extreme numbers, long or odd strings, nulls, deep arrays; fields dropped or repeated), never makes ingest answer 5xx.
 * 2,000 bodies per run in CI, 10,000 in {@code ./cordon test --faults} ({@code -Dcordon.fuzz.bodies}); half to each
 * feed, through the real service. The bodies come from a seeded generator: a run prints its seed, and
 * {@code -Dcordon.fuzz.seed=} replays it (a failure names the body too). It was a jqwik property until jqwik 1.10.1
 * began telling AI agents, which write much of this code, not to use it.
 */
class FuzzedBodiesProperties {

    /** Deleted by JUnit after the class, with everything the servers wrote. */
    @TempDir
    static Path scratch;

    static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(scratch, Map.of("CORDON_FEED_RATE_LIMIT", "0"));
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                                + "F-1,卡口,highway,云南,,,,,\n")
                        .statusCode())
                .isEqualTo(200);
        assertThat(stack.putHouseholds(ScreeningIT.HEADER + "FH-1,麒麟区,街道,社区,FC-1,小区,1,1,101,,\n")
                        .statusCode())
                .isEqualTo(200);
    }

    @AfterAll
    static void stop() {
        if (stack != null) {
            stack.close();
        }
    }

    static final String ARRIVAL = MalformedArrivals.valid("fz-1", "F-1").toString();
    static final String VISIT = MalformedVisits.valid("fz-2", "FH-1").toString();

    /** One edit of a body's text. */
    record Edit(int kind, int position, String text) {
        String apply(String body) {
            int at = Math.floorMod(position, body.length() + 1);
            return switch (kind) {
                case 0 -> body.substring(0, at) + body.substring(Math.min(body.length(), at + 1 + text.length() % 7));
                case 1 -> body.substring(0, at) + text + body.substring(at);
                case 2 -> replaceValue(body, at, text);
                default -> body.substring(0, at) + body.substring(0, at) + body.substring(at); // a repeated stretch
            };
        }

        /** Swaps the JSON value after the first ':' at or after {@code at} for {@code text}. */
        private static String replaceValue(String body, int at, String text) {
            int colon = body.indexOf(':', at);
            if (colon < 0) {
                return body + text;
            }
            int end = colon + 1;
            int depth = 0;
            boolean inString = false;
            for (; end < body.length(); end++) {
                char c = body.charAt(end);
                if (inString) {
                    if (c == '\\') {
                        end++;
                    } else if (c == '"') {
                        inString = false;
                    }
                } else if (c == '"') {
                    inString = true;
                } else if (c == '{' || c == '[') {
                    depth++;
                } else if (c == '}' || c == ']') {
                    if (depth-- == 0) {
                        break;
                    }
                } else if (c == ',' && depth == 0) {
                    break;
                }
            }
            return body.substring(0, colon + 1) + text + body.substring(end);
        }
    }

    private static final String[] ODD_VALUES = {
        "null",
        "true",
        "false",
        "0",
        "-0",
        "1e309",
        "-1e309",
        "9223372036854775808",
        "1.5e-400",
        "NaN",
        "\"\"",
        "[]",
        "{}",
        "\"\\u0000\"",
        "\"\\ud800\"",
        "\"2020-02-30T25:61:00+08:00\"",
        "\"9999-12-31T23:59:59Z\"",
        "\"0000-01-01T00:00:00Z\"",
        "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"
    };

    /** A value to write into a body: an odd literal, a number, a string of any characters (long ones too), or junk. */
    static String value(Random random) {
        return switch (random.nextInt(6)) {
            case 0 -> ODD_VALUES[random.nextInt(ODD_VALUES.length)];
            case 1 -> String.valueOf(random.nextInt());
            case 2 ->
                String.valueOf(
                        switch (random.nextInt(3)) {
                            case 0 -> random.nextDouble();
                            case 1 -> Double.longBitsToDouble(random.nextLong());
                            default ->
                                (random.nextBoolean() ? -1 : 1)
                                        * random.nextDouble()
                                        * Math.pow(10, random.nextInt(400) - 200);
                        });
            case 3 ->
                "\"" + text(random, random.nextInt(301)).replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
            case 4 -> "\"" + "abcdefghijklmnopqrstuvwxyz".repeat(2_700).substring(random.nextInt(26), 70_000) + "\"";
            default -> text(random, random.nextInt(9));
        };
    }

    /** Any characters: control characters, lone surrogates, CJK, ASCII. */
    private static String text(Random random, int length) {
        StringBuilder sb = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            sb.append((char)
                    switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0x20);
                        case 1 -> 0x20 + random.nextInt(0x5f);
                        case 2 -> 0x4e00 + random.nextInt(0x5000);
                        default -> random.nextInt(0x10000);
                    });
        }
        return sb.toString();
    }

    /** One to four edits of a body. */
    static List<Edit> edits(Random random) {
        List<Edit> edits = new ArrayList<>();
        for (int n = 1 + random.nextInt(4); n > 0; n--) {
            edits.add(new Edit(random.nextInt(4), random.nextInt(), value(random)));
        }
        return edits;
    }

    @Test
    void aMutatedBodyIsNeverA5xx() throws Exception {
        long seed = Long.getLong("cordon.fuzz.seed", System.nanoTime());
        int bodies = Integer.getInteger("cordon.fuzz.bodies", 2_000);
        System.out.println("FuzzedBodiesProperties: " + bodies + " bodies from seed " + seed + " (-Dcordon.fuzz.seed="
                + seed + " replays them)");
        Random random = new Random(seed);
        for (int i = 0; i < bodies; i++) {
            aMutatedBodyIsNeverA5xx(edits(random), random.nextBoolean(), random.nextBoolean(), seed);
        }
    }

    private static void aMutatedBodyIsNeverA5xx(List<Edit> edits, boolean visit, boolean batch, long seed)
            throws Exception {
        String body = visit ? VISIT : ARRIVAL;
        for (Edit e : edits) {
            body = e.apply(body);
        }
        if (batch) {
            body = "[" + body + "," + (visit ? VISIT : ARRIVAL) + "]";
        }
        String path = visit ? "/api/v1/household-visits" : "/api/v1/checkpoint-events";
        HttpResponse<String> r = stack.http.send(
                HttpRequest.newBuilder(URI.create(stack.stack.ingestUrl() + path))
                        .timeout(Duration.ofSeconds(30))
                        .header("Authorization", "Bearer " + TestStack.TOKEN)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode())
                .as("seed " + seed + ", body " + (body.length() > 2000 ? body.substring(0, 2000) : body))
                .isLessThan(500);
    }
}
