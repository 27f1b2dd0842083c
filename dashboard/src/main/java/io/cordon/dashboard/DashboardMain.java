package io.cordon.dashboard;

import io.cordon.http.AccessTokens;
import io.vertx.core.Vertx;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Runs the dashboard on its own (docker-compose); the local stack deploys {@link DashboardVerticle} itself. */
public final class DashboardMain {

    private static final Logger LOG = LoggerFactory.getLogger(DashboardMain.class);

    private DashboardMain() {}

    public static void main(String[] args) {
        // a deployment's secrets are long enough to resist guessing (tests build configurations without this check)
        AccessTokens.requireLongSecrets(System.getenv());
        DashboardConfig config = DashboardConfig.fromEnv(System.getenv());
        // the DDL is idempotent: applying it at every start keeps a deployment's tables current
        config.clickHouse().applySchema();
        Vertx vertx = Vertx.vertx();
        vertx.deployVerticle(new DashboardVerticle(config)).onFailure(e -> {
            LOG.error("dashboard failed to start: {}", e.getMessage(), e);
            vertx.close();
            System.exit(1);
        });
        Runtime.getRuntime().addShutdownHook(new Thread(() -> vertx.close().await()));
    }
}
