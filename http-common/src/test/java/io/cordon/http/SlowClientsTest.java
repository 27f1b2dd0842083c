package io.cordon.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A client trickling a request body a byte at a time is cut off at the deadline, though every byte resets the idle timeout. */
class SlowClientsTest {

    Vertx vertx;
    int port;

    @BeforeEach
    void start() {
        vertx = Vertx.vertx();
        var server = vertx.createHttpServer(new HttpServerOptions().setIdleTimeout(60));
        SlowClients.guard(
                vertx,
                server,
                request -> {
                    if (request.path().equals("/ws")) {
                        request.toWebSocket().onSuccess(ws -> ws.textMessageHandler(ws::writeTextMessage));
                    } else {
                        request.body().onSuccess(b -> request.response().end("ok " + b.length()));
                    }
                },
                800);
        port = server.listen(0).await().actualPort();
    }

    @AfterEach
    void stop() {
        vertx.close().await();
    }

    /**
     * Sends {@code text} a byte every 25 ms (its head takes about a second, its body three: four times the deadline);
     * answers whether the server closed the connection before it was all sent.
     */
    boolean cutOffWhileTrickling(String text) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(25);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            for (byte b : text.getBytes(StandardCharsets.US_ASCII)) {
                try {
                    out.write(b);
                    out.flush();
                } catch (IOException closed) {
                    return true;
                }
                try {
                    if (in.read() == -1) {
                        return true;
                    }
                } catch (SocketTimeoutException stillOpen) {
                    // nothing to read yet
                }
            }
            return false;
        }
    }

    @Test
    void aRequestBodyTrickledByteByByteIsCutOff() throws Exception {
        String body = "[" + "1,".repeat(60) + "1]";
        assertThat(cutOffWhileTrickling(
                        "POST /x HTTP/1.1\r\nHost: c\r\nContent-Length: " + body.length() + "\r\n\r\n" + body))
                .isTrue();
    }

    @Test
    void aPromptRequestIsAnswered() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.getOutputStream()
                    .write("POST /x HTTP/1.1\r\nHost: c\r\nContent-Length: 2\r\n\r\nab"
                            .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(5000);
            StringBuilder answer = new StringBuilder();
            InputStream in = socket.getInputStream();
            while (!answer.toString().contains("ok 2")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                answer.append((char) b);
            }
            assertThat(answer.toString()).startsWith("HTTP/1.1 200").contains("ok 2");
        }
    }

    @Test
    void aWebsocketOutlivesTheBodyDeadline() throws Exception {
        var client = vertx.createWebSocketClient();
        var ws = client.connect(port, "127.0.0.1", "/ws").await();
        CompletableFuture<String> echo = new CompletableFuture<>();
        ws.textMessageHandler(echo::complete);
        Thread.sleep(1500);
        ws.writeTextMessage("still here").await();
        assertThat(echo.get(5, TimeUnit.SECONDS)).isEqualTo("still here");
    }
}
