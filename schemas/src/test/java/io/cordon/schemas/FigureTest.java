package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The figure references and the operation's rules and clock: one definition each, read back as written. */
class FigureTest {

    @Test
    void everyKindOfFigureIsReadBackAsItWasWritten() {
        for (Figure f : new Figure[] {
            Figure.checkpointCount("PD-1", "today", "abnormal_temperatures"),
            Figure.checkpointCount("gate/2", "cumulative", "registered_persons"),
            Figure.total("cumulative", "turned_back_vehicles"),
            Figure.compoundField("310115/张江/1", "resolved"),
            Figure.keyPersons("totals", "follow_up_overdue"),
            Figure.keyPersons("community:浦东新区/花木街道/联洋社区", "followed_up")
        }) {
            assertThat(Figure.parse(f.path())).isEqualTo(f);
        }
        assertThat(Figure.checkpointCount("PD-1", "today", "referred_persons").path())
                .isEqualTo("checkpoints/PD-1/today/referred_persons");
        assertThat(Figure.checkpointCount("PD-1", "today", "referred_persons").place())
                .isEqualTo(Figure.ofCheckpoint("PD-1"));
        assertThat(Figure.total("today", "registered_persons").place()).isEqualTo("checkpoints/");
        assertThat(Figure.total("today", "registered_persons").todayOnly()).isTrue();
        assertThat(Figure.compoundField("C-1", "households").todayOnly()).isFalse();
        // a follow-up's place lies under its community's figures, and under the totals'
        String followUp = Figure.ofKeyPerson("浦东新区", "花木街道", "联洋社区", "P-1");
        assertThat(followUp)
                .startsWith(
                        Figure.keyPersons("community:浦东新区/花木街道/联洋社区", "fevers").place())
                .startsWith(Figure.keyPersons("totals", "fevers").place())
                .doesNotStartWith(
                        Figure.keyPersons("community:浦东新区/花木街道/梅园社区", "fevers").place());
        assertThat(Figure.keyPersons("totals", "fevers").todayOnly()).isTrue();
        assertThatThrownBy(() -> Figure.parse("households/H-1")).hasMessageContaining("not a figure");
        assertThatThrownBy(() -> Figure.parse("checkpoints/PD-1")).hasMessageContaining("not a figure");
    }

    @Test
    void theRulesHaveOneSetOfDefaultsAndTheClockSaysWhatTodayIs() {
        OperationRules rules = OperationRules.DEFAULTS;
        assertThat(rules.zone().getId()).isEqualTo("Asia/Shanghai");
        assertThat(rules.feverThresholdC()).isEqualTo(37.3);
        assertThat(rules.reportCutoff()).isEqualTo("20:00");
        assertThatThrownBy(() -> OperationRules.fromEnv(Map.of("CORDON_REPORT_CUTOFF", "8pm")))
                .hasMessageContaining("CORDON_REPORT_CUTOFF");
        assertThat(rules.followUpDeadline(LocalDate.parse("2020-02-16")))
                .isEqualTo(Instant.parse("2020-02-16T04:00:00Z"));
        assertThat(OperationRules.fromEnv(Map.of("CORDON_FOLLOWUP_BY", "11:59:30"))
                        .followUpDeadline(LocalDate.parse("2020-02-16")))
                .isEqualTo(Instant.parse("2020-02-16T03:59:30Z"));
        assertThatThrownBy(() -> OperationRules.fromEnv(Map.of("CORDON_FOLLOWUP_BY", "12:00:60")))
                .hasMessageContaining("CORDON_FOLLOWUP_BY");
        // 2020-02-15 16:30 UTC is 00:30 on the 16th in Shanghai
        OperationClock clock = rules.clock(Clock.fixed(Instant.parse("2020-02-15T16:30:00Z"), ZoneOffset.UTC));
        assertThat(clock.today()).isEqualTo(LocalDate.parse("2020-02-16"));
        assertThat(clock.startOfToday()).isEqualTo(Instant.parse("2020-02-15T16:00:00Z"));
    }
}
