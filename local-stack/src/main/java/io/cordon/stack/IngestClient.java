package io.cordon.stack;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How the demo's simulators talk to ingest: the first feed token of the environment, a warning for an odd answer. */
final class IngestClient {

    private static final Logger LOG = LoggerFactory.getLogger(IngestClient.class);

    private final HttpClient http =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String ingestUrl;
    private final String token;
    private final String adminToken;
    private final String who;

    IngestClient(String ingestUrl, Map<String, String> env, String who) {
        this.ingestUrl = ingestUrl;
        this.token = secret(env.get("CORDON_INGEST_TOKENS"), "dev-token");
        // without admin tokens, a feed token writes the registries
        this.adminToken = secret(env.get("CORDON_ADMIN_TOKENS"), token);
        this.who = who;
    }

    /** The secret of the first entry of a token list ({@code secret}, {@code label:secret}, either with {@code @scope}). */
    static String secret(String tokens, String otherwise) {
        if (tokens == null || tokens.isBlank()) {
            return otherwise;
        }
        String entry = tokens.split(",")[0].strip();
        int at = entry.indexOf('@');
        entry = at < 0 ? entry : entry.substring(0, at);
        int colon = entry.indexOf(':');
        return colon < 0 ? entry : entry.substring(colon + 1);
    }

    /** Sends a request: a registry's with the admin token, a feed's with the feed token. */
    HttpResponse<String> request(String method, String path, String type, String body) throws Exception {
        return http.send(
                HttpRequest.newBuilder(URI.create(ingestUrl + path))
                        .header(
                                "Authorization",
                                "Bearer " + (path.startsWith("/api/v1/registry/") ? adminToken : token))
                        .header("Content-Type", type)
                        .method(method, HttpRequest.BodyPublishers.ofString(body))
                        .timeout(Duration.ofSeconds(60))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * Sends a request (a registry's with the admin token, a feed's with the feed token) and logs (never throws for) an
     * answer other than {@code expected}.
     */
    void send(String method, String path, String type, String body, int expected) throws Exception {
        HttpResponse<String> r = request(method, path, type, body);
        if (r.statusCode() != expected) {
            LOG.warn(
                    "ingest answered {} to the {}'s {} {}: {}",
                    r.statusCode(),
                    who,
                    method,
                    path,
                    r.body().length() > 500 ? r.body().substring(0, 500) : r.body());
        }
    }
}
