package io.cordon.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A request past its deadline is answered 503 with Retry-After, never left hanging; the freeze of the report of record
 * has a deadline of its own, longer (a whole city's freeze takes more than a read's 30 s).
 */
@ExtendWith(VertxExtension.class)
class DeadlinesTest {

    @Test
    void aSlowRequestIs503AtItsDeadlineAndAFreezeHasLonger(Vertx vertx) {
        Router router = Router.router(vertx);
        router.route().failureHandler(Answers::thrown);
        router.route("/api/*").handler(Deadlines.handler(200, 2_000));
        // both take 600 ms: past a request's deadline, within a freeze's
        router.get("/api/v1/tiles")
                .handler(ctx -> vertx.setTimer(600, id -> {
                    if (!ctx.response().headWritten()) {
                        ctx.response().end("late");
                    }
                }));
        router.post("/api/v1/reports")
                .handler(ctx -> vertx.setTimer(
                        600, id -> ctx.response().setStatusCode(201).end("frozen")));
        int port = vertx.createHttpServer()
                .requestHandler(router)
                .listen(0)
                .await()
                .actualPort();
        WebClient client = WebClient.create(vertx);
        HttpResponse<Buffer> read =
                client.get(port, "127.0.0.1", "/api/v1/tiles").send().await();
        assertThat(read.statusCode()).isEqualTo(503);
        assertThat(read.getHeader("Retry-After")).isNotNull();
        HttpResponse<Buffer> freeze =
                client.post(port, "127.0.0.1", "/api/v1/reports").send().await();
        assertThat(freeze.statusCode()).isEqualTo(201);
        assertThat(freeze.bodyAsString()).isEqualTo("frozen");
    }
}
