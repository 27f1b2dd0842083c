package io.cordon.testkit;

import java.util.concurrent.TimeUnit;

/** How the testkit stops a server it started as a process: asked first, killed after 15 s. */
final class ServerProcesses {

    private ServerProcesses() {}

    /** Asks the process to stop (SIGTERM), and kills it (SIGKILL) when it has not within 15 s. */
    static void stop(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
