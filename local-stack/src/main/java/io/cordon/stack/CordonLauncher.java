package io.cordon.stack;

import io.cordon.http.AccessTokens;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code ./cordon demo} and {@code ./cordon run}: starts the local stack, prints one line per component as it
 * becomes ready, and with {@code demo} a simulator that feeds a district's checkpoints. Ctrl-C stops everything.
 */
public final class CordonLauncher {

    /** The launcher's own lines on the console; the services log to the data directory. */
    private static final Logger CONSOLE = LoggerFactory.getLogger("cordon");

    private CordonLauncher() {}

    public static void main(String[] args) throws Exception {
        String mode = args.length == 0 ? "run" : args[0];
        if (!mode.equals("run") && !mode.equals("demo")) {
            CONSOLE.error("usage: cordon demo|run|test");
            System.exit(2);
        }
        Map<String, String> env = System.getenv();
        if (mode.equals("run")
                && (env.get("CORDON_ID_HASH_KEY") == null
                        || env.get("CORDON_ID_HASH_KEY").isBlank())) {
            CONSOLE.error(
                    "cordon run needs CORDON_ID_HASH_KEY: ID numbers and plates are hashed with it; set it to a secret of"
                            + " at least 16 characters and keep it (./cordon demo generates one for a try-out)");
            System.exit(2);
        }
        try {
            AccessTokens.requireLongSecrets(env);
        } catch (IllegalArgumentException e) {
            CONSOLE.error("cordon {} refused its tokens: {}", mode, e.getMessage());
            System.exit(2);
        }
        Path dataDir = Path.of(env.getOrDefault("CORDON_DATA_DIR", ".cordon")).toAbsolutePath();
        CONSOLE.info("cordon {}: starting the stack, data in {}", mode, dataDir);
        LocalStack stack;
        try {
            stack = LocalStack.start(env, dataDir, CONSOLE::info);
        } catch (Exception e) {
            CONSOLE.error("cordon could not start: {} (logs in {})", e.getMessage(), dataDir.resolve("logs"));
            LoggerFactory.getLogger(CordonLauncher.class).error("start failed", e);
            System.exit(1);
            return;
        }
        Simulator simulator = null;
        ScreeningSimulator screening = null;
        KeyPersonSimulator keyPersons = null;
        if (mode.equals("demo")) {
            try {
                simulator = Simulator.start(stack.ingestUrl(), stack.env());
                CONSOLE.info(
                        "simulator   ready  feeding {} checkpoints of {}",
                        simulator.checkpointCount(),
                        Simulator.DISTRICT);
                screening = ScreeningSimulator.start(stack.ingestUrl(), stack.env());
                CONSOLE.info(
                        "simulator   ready  {} households of 205 compounds screened door to door",
                        screening.households());
                keyPersons = KeyPersonSimulator.start(stack.ingestUrl(), stack.env(), screening.householdIds());
                CONSOLE.info("simulator   ready  {} key persons followed up every day", keyPersons.persons());
            } catch (Exception e) {
                // a demo without its district is no demo: stop the stack (and free its data directory) rather than
                // leave it up half-started
                CONSOLE.error("cordon demo could not start its simulators: {}", e.getMessage());
                LoggerFactory.getLogger(CordonLauncher.class).error("the simulators failed to start", e);
                for (AutoCloseable started : new AutoCloseable[] {keyPersons, screening, simulator, stack}) {
                    if (started != null) {
                        try {
                            started.close();
                        } catch (Exception closing) {
                            CONSOLE.error("stopping after the failed start: {}", closing.getMessage());
                        }
                    }
                }
                System.exit(1);
                return;
            }
        }
        CONSOLE.info("");
        CONSOLE.info(
                "Cordon is up. Wall display: {}/   (kiosk: {}/?kiosk=1)", stack.dashboardUrl(), stack.dashboardUrl());
        CONSOLE.info(
                "Inspection view: {}/inspect   Daily snapshot: {}/api/v1/snapshot?cutoff=20:00&format=xlsx",
                stack.dashboardUrl(),
                stack.dashboardUrl());
        CONSOLE.info(
                "Ingest: {}/api/v1/...  OpenAPI: {}/openapi.json   Ctrl-C stops everything.",
                stack.ingestUrl(),
                stack.ingestUrl());
        CountDownLatch stopped = new CountDownLatch(1);
        Simulator sim = simulator;
        ScreeningSimulator screen = screening;
        KeyPersonSimulator persons = keyPersons;
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            CONSOLE.info("stopping ...");
                            if (sim != null) {
                                sim.close();
                            }
                            if (screen != null) {
                                screen.close();
                            }
                            if (persons != null) {
                                persons.close();
                            }
                            stack.close();
                            CONSOLE.info("stopped; data kept in {}", dataDir);
                            stopped.countDown();
                        },
                        "cordon-shutdown"));
        stopped.await();
    }
}
