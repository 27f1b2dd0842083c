package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/**
 * Property: a valid feed body, mutated at random (characters dropped, inserted or replaced; values swapped for
 * extreme numbers, long or odd strings, nulls, deep arrays; fields dropped or repeated), never makes ingest answer 5xx.
 * 2,000 bodies per run in CI ({@code jqwik.tries.default} in junit-platform.properties), 10,000 in
 * {@code ./cordon test --faults}; half to each feed, through the real service.
 */
class FuzzedBodiesProperties {

    static TestStack stack;

    @BeforeContainer
    static void start() throws Exception {
        stack = TestStack.start(Files.createTempDirectory("cordon-fuzz"), Map.of("CORDON_FEED_RATE_LIMIT", "0"));
        assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                + "F-1,卡口,highway,云南,,,,,\n").statusCode()).isEqualTo(200);
        assertThat(stack.putHouseholds(ScreeningIT.HEADER + "FH-1,麒麟区,街道,社区,FC-1,小区,1,1,101,,\n").statusCode()).isEqualTo(200);
    }

    @AfterContainer
    static void stop() {
        stack.close();
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

    @Provide
    Arbitrary<String> values() {
        return Arbitraries.oneOf(
                Arbitraries.of("null", "true", "false", "0", "-0", "1e309", "-1e309", "9223372036854775808", "1.5e-400",
                        "NaN", "\"\"", "[]", "{}", "\"\\u0000\"", "\"\\ud800\"", "\"2020-02-30T25:61:00+08:00\"",
                        "\"9999-12-31T23:59:59Z\"", "\"0000-01-01T00:00:00Z\"", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]"),
                Arbitraries.integers().map(String::valueOf),
                Arbitraries.doubles().map(String::valueOf),
                Arbitraries.strings().ofMaxLength(300).map(s -> "\"" + s.replace("\\", "\\\\").replace("\"", "\\\"") + "\""),
                Arbitraries.strings().withCharRange('a', 'z').ofLength(70_000).map(s -> "\"" + s + "\""),
                Arbitraries.strings().ofMaxLength(8));
    }

    @Provide
    Arbitrary<List<Edit>> edits() {
        Arbitrary<Edit> edit = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers(), values()).as(Edit::new);
        return edit.list().ofMinSize(1).ofMaxSize(4);
    }

    @Property
    void aMutatedBodyIsNeverA5xx(@ForAll("edits") List<Edit> edits, @ForAll boolean visit, @ForAll boolean batch) throws Exception {
        String body = visit ? VISIT : ARRIVAL;
        for (Edit e : edits) {
            body = e.apply(body);
        }
        if (batch) {
            body = "[" + body + "," + (visit ? VISIT : ARRIVAL) + "]";
        }
        String path = visit ? "/api/v1/household-visits" : "/api/v1/checkpoint-events";
        HttpResponse<String> r = stack.http.send(HttpRequest.newBuilder(URI.create(stack.stack.ingestUrl() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + TestStack.TOKEN)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).as(body.length() > 2000 ? body.substring(0, 2000) : body).isLessThan(500);
    }
}
