package io.cordon.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FeedBodyTest {

    private static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void oneObjectIsASingleItem() throws Exception {
        FeedBody body = FeedBody.parse(b("{\"event_id\":\"a\"}"), false);
        assertThat(body.single()).isTrue();
        assertThat(body.items()).hasSize(1);
    }

    @Test
    void anArrayIsABatchOfItems() throws Exception {
        FeedBody body = FeedBody.parse(b("[{\"a\":1},{\"a\":2},3]"), false);
        assertThat(body.single()).isFalse();
        assertThat(body.items()).extracting(FeedBody.Item::index).containsExactly(0, 1, 2);
    }

    @Test
    void ndjsonSkipsBlankLinesAndKeepsUnreadableLinesAsItemErrors() throws Exception {
        FeedBody body = FeedBody.parse(b("{\"a\":1}\r\n\n{oops\n{\"a\":3}\n"), true);
        assertThat(body.items()).hasSize(3);
        assertThat(body.items().get(1).readError()).contains("not valid JSON");
        assertThat(body.items().get(2).index()).isEqualTo(2);
    }

    @Test
    void moreThan5000ItemsIsTooLarge() {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < 5001; i++) {
            sb.append(i == 0 ? "" : ",").append("{}");
        }
        assertThatThrownBy(() -> FeedBody.parse(b(sb + "]"), false))
                .isInstanceOfSatisfying(
                        FeedBody.BodyException.class,
                        e -> assertThat(e.status()).isEqualTo(413));
    }

    @Test
    void unreadableOrEmptyBodiesAreBadRequests() {
        for (String s : new String[] {"", "{", "[]", "\"x\"", "  "}) {
            assertThatThrownBy(() -> FeedBody.parse(b(s), false))
                    .as(s)
                    .isInstanceOfSatisfying(
                            FeedBody.BodyException.class,
                            e -> assertThat(e.status()).isEqualTo(400));
        }
    }
}
