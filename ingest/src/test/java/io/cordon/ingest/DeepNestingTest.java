package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.http.Scope;
import io.cordon.schemas.Checkpoint;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Bodies nested far deeper than any record are refused as bad input (400), never a stack overflow or a 500. */
class DeepNestingTest {

    static byte[] nested(String open, String close, String inner, int depth) {
        return (open.repeat(depth) + inner + close.repeat(depth)).getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void aFeedBodyTwentyThousandArraysDeepIsA400() throws Exception {
        assertThatThrownBy(() -> FeedBody.parse(nested("[", "]", "", 20_000), false))
                .isInstanceOfSatisfying(
                        FeedBody.BodyException.class,
                        e -> assertThat(e.status()).isEqualTo(400))
                .hasMessageContaining("nest");
        // an NDJSON line that deep is one rejected item (the batch of them all rejected is a 400)
        FeedBody lines = FeedBody.parse(nested("{\"a\":", "}", "1", 20_000), true);
        assertThat(lines.items())
                .singleElement()
                .satisfies(i -> assertThat(i.readError()).contains("nests deeper"));
    }

    @Test
    void anItemNestedJustUnderTheBoundIsRejectedByItsChecksNotByACrash() throws Exception {
        FeedBody body =
                FeedBody.parse(nested("{\"event_id\":\"deep\",\"persons\":", "}", "1", FeedBody.MAX_DEPTH - 1), false);
        Registry<Checkpoint, Checkpoint> checkpoints = new Registry<>(new CheckpointRows());
        ArrivalFeed feed = new ArrivalFeed(checkpoints, new KeyedHash("a-key-for-the-deep-test"), 37.3);
        Feed.Result result = feed.check(body.items().get(0).node(), Instant.now(), Scope.ALL);
        assertThat(result.accepted()).isFalse();
        VisitFeed visits = new VisitFeed(new Registry<>(new HouseholdRows()));
        assertThat(visits.check(body.items().get(0).node(), Instant.now(), Scope.ALL)
                        .accepted())
                .isFalse();
    }

    @Test
    void aRegistryBodyTwentyThousandArraysDeepIsUnreadable() {
        assertThatThrownBy(() -> RegistryRows.forEach(
                        nested("[", "]", "", 20_000),
                        false,
                        List.of("checkpoint_id"),
                        List.of("checkpoint_id"),
                        (row, n) -> {}))
                .isInstanceOf(RegistryRows.UnreadableBody.class);
    }
}
