package io.cordon.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.schemas.clickhouse.ClickHouseAccess;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code CORDON_CLICKHOUSE_USER}/{@code _PASSWORD} against a real ClickHouse 18.16 whose user has a password: the
 * right password reads and writes, a wrong one is refused, and the password appears in no message or printed config.
 */
class ClickHouseAccessTest {

    @Test
    void theConfiguredUserAndPasswordReachTheServerAndNeverItsMessages(@TempDir Path dir) throws Exception {
        try (LocalClickHouse ch = LocalClickHouse.start(dir)) {
            ClickHouseAccess access = ClickHouseAccess.fromEnv(Map.of(
                    "CORDON_CLICKHOUSE_URL",
                    ch.url(),
                    "CORDON_CLICKHOUSE_DATABASE",
                    "secured",
                    "CORDON_CLICKHOUSE_USER",
                    LocalClickHouse.PASSWORD_USER,
                    "CORDON_CLICKHOUSE_PASSWORD",
                    LocalClickHouse.PASSWORD));
            access.applySchema();
            assertThat(access.client()
                            .executeBlocking(
                                    // 18.16 has no currentUser(): the statement finds itself among the running ones
                                    "SELECT any(user) FROM system.processes WHERE query LIKE '%who-am-i%' FORMAT TSV")
                            .strip())
                    .isEqualTo(LocalClickHouse.PASSWORD_USER);
            assertThat(access.client()
                            .executeBlocking("SELECT count() FROM audit_log FORMAT TSV")
                            .strip())
                    .isEqualTo("0");
            assertThat(access.toString())
                    .doesNotContain(LocalClickHouse.PASSWORD)
                    .contains("password=(set)");

            String wrong = "not-the-password-of-cordon";
            ClickHouseAccess intruder =
                    new ClickHouseAccess(ch.url(), "secured", null, LocalClickHouse.PASSWORD_USER, wrong);
            assertThatThrownBy(() -> intruder.client().executeBlocking("SELECT 1"))
                    .hasMessageContaining("Code: 193")
                    .satisfies(e -> assertThat(String.valueOf(e.getMessage())).doesNotContain(wrong));
        }
    }

    @Test
    void aPasswordWithoutAUserIsRefusedNamingTheVariable() {
        assertThatThrownBy(() -> ClickHouseAccess.fromEnv(Map.of(
                        "CORDON_CLICKHOUSE_URL", "http://127.0.0.1:8123", "CORDON_CLICKHOUSE_PASSWORD", "secret")))
                .hasMessageContaining("CORDON_CLICKHOUSE_PASSWORD")
                .hasMessageContaining("CORDON_CLICKHOUSE_USER");
        assertThatThrownBy(() -> ClickHouseAccess.fromEnv(Map.of())).hasMessageContaining("CORDON_CLICKHOUSE_URL");
    }
}
