package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void readsOffsetsZuluAndASpaceSeparator() {
        assertThat(EventTimes.parse("2020-02-15T00:00:00+08:00")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-14T16:00:00Z")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-14 16:00:00z")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-15T08:15:30.250+08:00")).isEqualTo(Instant.parse("2020-02-15T00:15:30.250Z"));
    }

    @Test
    void refusesATimeWithoutOffsetOrAnImpossibleDate() {
        assertThatThrownBy(() -> EventTimes.parse("2020-02-15T08:15:30")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse("2020-02-30T08:15:30+08:00")).isInstanceOf(DateTimeParseException.class);
    }
}
