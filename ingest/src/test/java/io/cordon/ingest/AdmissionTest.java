package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.cordon.http.CountingLag;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdmissionTest {

    static EventLogWriter inFlight(long n) {
        return new EventLogWriter() {
            @Override
            public Future<Long> append(Vertx vertx, String topic, List<EventLog.Entry> entries) {
                return Future.succeededFuture(0L);
            }

            @Override
            public long errors() {
                return 0;
            }

            @Override
            public long inFlight() {
                return n;
            }

            @Override
            public void close() {}
        };
    }

    @Test
    void refusesRequestsWithoutAFeverWhileTheCountingIsTooFarBehind() {
        Admission behind =
                new Admission(() -> new CountingLag.Lag(90_000, 75, true), Duration.ofSeconds(60), inFlight(0));
        Admission.Refusal r = behind.refuse(false);
        assertThat(r).isNotNull();
        assertThat(r.retryAfterSeconds()).isBetween(5L, 60L);
        assertThat(r.detail()).contains("75 s behind").contains("fever");
        assertThat(behind.refuse(true)).as("a request with a fever").isNull();
    }

    @Test
    void admitsWhileTheLagIsSmallOrUnknown() {
        assertThat(new Admission(() -> new CountingLag.Lag(10, 3, true), Duration.ofSeconds(60), inFlight(0))
                        .refuse(false))
                .isNull();
        assertThat(new Admission(() -> CountingLag.Lag.UNKNOWN, Duration.ofSeconds(60), inFlight(0)).refuse(false))
                .isNull();
    }

    @Test
    void refusesWhileTheEventLogHoldsMoreThanItWritesInSeconds() {
        Admission full = new Admission(
                () -> CountingLag.Lag.UNKNOWN, Duration.ofSeconds(60), inFlight(Admission.MAX_IN_FLIGHT + 1));
        assertThat(full.refuse(false).retryAfterSeconds()).isEqualTo(2);
        assertThat(full.refuse(true)).isNull();
    }
}
