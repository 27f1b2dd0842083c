package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.schemas.Json;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** When the event log cannot take writes, ingest says 503 with Retry-After and accepts nothing. */
class EventLogOutageIT {

    @TempDir
    Path dir;

    @Test
    void answers503WithRetryAfterWhenKafkaIsDown() throws Exception {
        LocalKafka kafka = LocalKafka.start(dir.resolve("external-kafka"));
        try (TestStack stack = TestStack.start(dir, Map.of("CORDON_KAFKA_BOOTSTRAP", kafka.bootstrap()))) {
            assertThat(stack.putCheckpoints("checkpoint_id,name,kind,province,city,district,street,latitude,longitude\n"
                    + "K-1,卡口,highway,云南,,,,,\n").statusCode()).isEqualTo(200);
            assertThat(stack.postArrivals(MalformedArrivals.valid("ok-1", "K-1").toString()).statusCode()).isEqualTo(202);
            stack.stack.stopJobs();
            kafka.close();
            HttpResponse<String> r = stack.postArrivals("[" + MalformedArrivals.valid("down-1", "K-1") + ","
                    + MalformedArrivals.valid("down-2", "K-1") + "]");
            assertThat(r.statusCode()).isEqualTo(503);
            assertThat(r.headers().firstValue("Retry-After")).isPresent();
            assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
            assertThat(Json.MAPPER.readTree(r.body()).get("detail").asText()).contains("nothing of this request was accepted");
        }
    }
}
