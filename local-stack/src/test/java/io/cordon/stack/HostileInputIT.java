package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every file of JSONTestSuite's parsing corpus (318, nst/JSONTestSuite, MIT; a copy of the corpus
 * in the test resources) posted as is to both feeds and to the checkpoint registry: a 4xx problem document or a
 * 2xx, never a 5xx, and ingest still answers afterwards.
 */
class HostileInputIT {

    @TempDir
    static Path dir;

    static TestStack stack;

    @BeforeAll
    static void start() throws Exception {
        stack = TestStack.start(dir, Map.of("CORDON_FEED_RATE_LIMIT", "0"));
    }

    @AfterAll
    static void stop() {
        stack.close();
    }

    static List<Path> corpus() throws IOException, URISyntaxException {
        Path root = Path.of(HostileInputIT.class
                        .getResource("/jsontestsuite/LICENSE.txt")
                        .toURI())
                .getParent();
        try (Stream<Path> files = Files.list(root)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json"))
                    .sorted()
                    .toList();
        }
    }

    @Test
    void everyFileOfTheCorpusGetsA4xxOrA2xxNeverA5xx() throws Exception {
        List<Path> files = corpus();
        assertThat(files).hasSize(318);
        List<String> failures = new ArrayList<>();
        int problems = 0;
        for (Path file : files) {
            byte[] body = Files.readAllBytes(file);
            for (String[] target : new String[][] {
                {"POST", "/api/v1/checkpoint-events"},
                {"POST", "/api/v1/household-visits"},
                {"PUT", "/api/v1/registry/checkpoints"}
            }) {
                HttpResponse<String> r = stack.http.send(
                        HttpRequest.newBuilder(URI.create(stack.stack.ingestUrl() + target[1]))
                                .timeout(Duration.ofSeconds(30))
                                .header("Authorization", "Bearer " + TestStack.TOKEN)
                                .header("Content-Type", "application/json")
                                .method(target[0], HttpRequest.BodyPublishers.ofByteArray(body))
                                .build(),
                        HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() >= 500) {
                    failures.add(target[1] + " " + file.getFileName() + ": " + r.statusCode() + " " + r.body());
                } else if (r.statusCode() >= 400) {
                    problems++;
                    if (!r.headers().firstValue("Content-Type").orElse("").equals("application/problem+json")) {
                        failures.add(target[1] + " " + file.getFileName() + ": a " + r.statusCode()
                                + " that is no problem document");
                    }
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(problems).as("the corpus is mostly bad input").isGreaterThan(600);
        assertThat(stack.send("GET", stack.stack.ingestUrl() + "/health", null, null, null)
                        .statusCode())
                .isEqualTo(200);
    }
}
