package io.cordon.ingest;

import io.cordon.http.AccessTokens;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs ingest on its own (docker-compose); the local stack deploys {@link IngestVerticle} itself. */
public final class IngestMain {

    private static final Logger LOG = LoggerFactory.getLogger(IngestMain.class);

    private IngestMain() {}

    public static void main(String[] args) {
        // a deployment's secrets are long enough to resist guessing (tests build configurations without this check)
        AccessTokens.requireLongSecrets(System.getenv());
        IngestConfig config = IngestConfig.fromEnv(System.getenv());
        IngestVerticle.warnAboutTokens(config.tokens());
        // the DDL is idempotent: applying it at every start keeps a deployment's tables current
        config.clickHouse().applySchema();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new IngestVerticle(config)).onFailure(e -> {
            LOG.error("ingest failed to start: {}", e.getMessage(), e);
            vertx.close();
            System.exit(1);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }
}
