package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The services' log lines, from the logging configuration they ship (a JVM of its own, since the format is chosen by
 * the environment at start): date, time and zone offset by default; one JSON object per line with
 * {@code CORDON_LOG_FORMAT=json}.
 */
class LogFormatTest {

    /** What the child JVM runs: one line through the services' logging. */
    public static void main(String[] args) {
        Logger log = LoggerFactory.getLogger(IngestMain.class);
        log.info("feed accepted {} events", 3);
    }

    @Test
    void aLineCarriesDateTimeAndZone() throws Exception {
        String line = lineLoggedWith(null);
        assertThat(line)
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2}) INFO .*"
                        + "IngestMain - feed accepted 3 events");
    }

    @Test
    void jsonLinesAreOneObjectEachWithTheTimeAndItsZone() throws Exception {
        JsonNode line = new ObjectMapper().readTree(lineLoggedWith("json"));
        assertThat(line.get("message").asText()).isEqualTo("feed accepted 3 events");
        assertThat(line.get("level").asText()).isEqualTo("INFO");
        assertThat(line.get("loggerName").asText()).isEqualTo(IngestMain.class.getName());
        assertThat(line.get("time").asText())
                .matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\.\\d{3}(Z|[+-]\\d{2}:\\d{2})");
    }

    private static String lineLoggedWith(String format) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                LogFormatTest.class.getName());
        pb.environment().remove("CORDON_LOG_FORMAT");
        if (format != null) {
            pb.environment().put("CORDON_LOG_FORMAT", format);
        }
        Process p = pb.start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        List<String> lines = List.of(new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).split("\n"));
        return lines.stream()
                .filter(l -> l.contains("feed accepted"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no log line in " + lines));
    }
}
