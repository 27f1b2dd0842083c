package io.cordon.stack;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** With CORDON_VIEWER_TOKENS set, every dashboard read needs one of them (bearer or ?token=); /health does not. */
class ViewerTokensIT {

    @TempDir
    Path dir;

    @Test
    void readsNeedAViewerTokenWhenTheyAreConfigured() throws Exception {
        try (TestStack stack = TestStack.start(dir, Map.of("CORDON_VIEWER_TOKENS", "wall-1,inspector-2"))) {
            // the pages and their scripts hold no figures: anyone may load them, and they read with the token in their
            // URL
            for (String page : new String[] {
                "/", "/inspect", "/wall.js", "/common.js", "/webjars/echarts/5.3.1/dist/echarts.min.js"
            }) {
                assertThat(stack.get(page).statusCode()).as(page).isEqualTo(200);
            }
            for (String path : new String[] {
                "/api/v1/tiles",
                "/api/v1/series",
                "/api/v1/compounds",
                "/api/v1/snapshot?format=csv",
                "/api/v1/alerts",
                "/api/v1/reports"
            }) {
                HttpResponse<String> r = stack.get(path);
                assertThat(r.statusCode()).as(path).isEqualTo(401);
                assertThat(r.headers().firstValue("Content-Type").orElse("")).isEqualTo("application/problem+json");
                assertThat(stack.get(path + (path.contains("?") ? "&" : "?") + "token=wall-1")
                                .statusCode())
                        .as(path)
                        .isEqualTo(200);
                assertThat(stack.send("GET", stack.stack.dashboardUrl() + path, null, null, "inspector-2")
                                .statusCode())
                        .as(path)
                        .isEqualTo(200);
                assertThat(stack.get(path + (path.contains("?") ? "&" : "?") + "token=guess")
                                .statusCode())
                        .as(path)
                        .isEqualTo(401);
            }
            assertThat(stack.get("/health").statusCode()).isEqualTo(200);
            String ws = stack.stack.dashboardUrl().replace("http", "ws") + "/ws/live";
            try {
                stack.http
                        .newWebSocketBuilder()
                        .buildAsync(URI.create(ws), new WebSocket.Listener() {})
                        .join();
                throw new AssertionError("a websocket without a token was accepted");
            } catch (CompletionException expected) {
                assertThat(expected.getCause()).isInstanceOf(WebSocketHandshakeException.class);
                assertThat(((WebSocketHandshakeException) expected.getCause())
                                .getResponse()
                                .statusCode())
                        .isEqualTo(401);
            }
            WebSocket ok = stack.http
                    .newWebSocketBuilder()
                    .buildAsync(URI.create(ws + "?token=wall-1"), new WebSocket.Listener() {})
                    .join();
            ok.abort();
        }
    }
}
