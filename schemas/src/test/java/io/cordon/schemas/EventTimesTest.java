package io.cordon.schemas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Random;
import org.junit.jupiter.api.Test;

class EventTimesTest {

    @Test
    void readsOffsetsZuluAndASpaceSeparator() {
        assertThat(EventTimes.parse("2020-02-15T00:00:00+08:00")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-14T16:00:00Z")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-14 16:00:00z")).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(EventTimes.parse("2020-02-15T08:15:30.250+08:00"))
                .isEqualTo(Instant.parse("2020-02-15T00:15:30.250Z"));
    }

    @Test
    void refusesATimeWithoutOffsetOrAnImpossibleDate() {
        assertThatThrownBy(() -> EventTimes.parse("2020-02-15T08:15:30")).isInstanceOf(DateTimeParseException.class);
        assertThatThrownBy(() -> EventTimes.parse("2020-02-30T08:15:30+08:00"))
                .isInstanceOf(DateTimeParseException.class);
    }

    /** The digit-by-digit reading answers what OffsetDateTime's parse answers, or leaves the text to it. */
    @Test
    void theQuickReadingAgreesWithTheLibraryOnEveryTextItTakes() {
        Random random = new Random(20261126);
        String[] seeds = {
            "2020-02-15T08:15:30+08:00",
            "2024-02-29T23:59:59.999999999Z",
            "1970-01-01 00:00:00z",
            "2021-12-31t23:59:59.5-05:30",
            "2000-04-30T12:00:00.123+00:00",
            "2100-02-28T00:00:00-00:00"
        };
        String mutations = "0123456789-:+.TtZz ";
        int quick = 0;
        for (int n = 0; n < 200_000; n++) {
            StringBuilder sb = new StringBuilder(seeds[random.nextInt(seeds.length)]);
            for (int k = random.nextInt(3); k > 0; k--) {
                int at = random.nextInt(sb.length());
                switch (random.nextInt(3)) {
                    case 0 -> sb.setCharAt(at, mutations.charAt(random.nextInt(mutations.length())));
                    case 1 -> sb.deleteCharAt(at);
                    default -> sb.insert(at, mutations.charAt(random.nextInt(mutations.length())));
                }
            }
            String text = sb.toString();
            Instant fast = EventTimes.quick(text);
            Instant slow;
            try {
                String t = text.length() > 10 && (text.charAt(10) == ' ' || text.charAt(10) == 't')
                        ? text.substring(0, 10) + 'T' + text.substring(11)
                        : text;
                slow = OffsetDateTime.parse(t.endsWith("z") ? t.substring(0, t.length() - 1) + 'Z' : t)
                        .toInstant();
            } catch (DateTimeParseException e) {
                slow = null;
            }
            if (fast != null) {
                quick++;
                assertThat(fast).as(text).isEqualTo(slow);
            }
        }
        assertThat(quick).as("texts the quick reading took").isGreaterThan(50_000);
    }

    @Test
    void theQuickReadingLeavesTheEdgesToTheLibrary() {
        for (String t : new String[] {
            "2020-02-30T00:00:00Z",
            "2021-02-29T00:00:00Z",
            "2020-01-01T24:00:00Z",
            "2020-01-01T00:60:00Z",
            "2020-01-01T00:00:60Z",
            "2020-01-01T00:00:00+18:00",
            "2020-01-01T00:00:00.Z",
            "2020-01-01T00:00:00.1234567891Z",
            "2020-01-01T00:00Z",
            "2020-01-01T00:00:00+0800",
            "２０２０-01-01T00:00:00Z"
        }) {
            assertThat(EventTimes.quick(t)).as(t).isNull();
        }
        assertThat(EventTimes.parse("2020-01-01T00:00:00+18:00")).isEqualTo(Instant.parse("2019-12-31T06:00:00Z"));
        assertThat(EventTimes.quick("2024-02-29T23:59:59.999999999Z"))
                .isEqualTo(Instant.parse("2024-02-29T23:59:59.999999999Z"));
        assertThat(EventTimes.quick("2100-02-28T00:00:00-00:00")).isEqualTo(Instant.parse("2100-02-28T00:00:00Z"));
    }
}
