package io.cordon.dashboard.reports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.cordon.dashboard.web.BadParameter;
import java.time.Instant;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

class SnapshotRequestTest {

    private static final ZoneId SH = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2020-02-15T12:34:56Z"); // 20:34:56 in Shanghai

    @Test
    void theCutoffIsALocalTimeAndTheDayStartsAtLocalMidnight() {
        SnapshotRequest r = SnapshotRequest.parse("2020-02-15", "20:00", null, null, SH, NOW);
        assertThat(r.dayStart()).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
        assertThat(r.cutoffInstant()).isEqualTo(Instant.parse("2020-02-15T12:00:00Z"));
        assertThat(r.format()).isEqualTo("json");
        assertThat(r.fileName()).isEqualTo("cordon-snapshot-2020-02-15-2000.json");
    }

    @Test
    void theDayFollowsTheConfiguredTimeZone() {
        SnapshotRequest utc = SnapshotRequest.parse("2020-02-15", "20:00", null, null, ZoneId.of("UTC"), NOW);
        assertThat(utc.dayStart()).isEqualTo(Instant.parse("2020-02-15T00:00:00Z"));
        assertThat(utc.cutoffInstant()).isEqualTo(Instant.parse("2020-02-15T20:00:00Z"));
        SnapshotRequest kathmandu =
                SnapshotRequest.parse("2020-02-15", "08:00", null, null, ZoneId.of("Asia/Kathmandu"), NOW);
        assertThat(kathmandu.dayStart())
                .isEqualTo(Instant.parse("2020-02-14T18:15:00Z")); // +05:45: still a whole minute
        assertThat(kathmandu.cutoffInstant()).isEqualTo(Instant.parse("2020-02-15T02:15:00Z"));
    }

    @Test
    void midnightAsCutoffIsTheWholeDay() {
        SnapshotRequest r = SnapshotRequest.parse("2020-02-14", "24:00", null, "csv", SH, NOW);
        assertThat(r.cutoffInstant()).isEqualTo(Instant.parse("2020-02-14T16:00:00Z"));
    }

    @Test
    void leftOutTheDateIsTodayAndTheCutoffIsTheCurrentMinute() {
        SnapshotRequest r = SnapshotRequest.parse(null, null, null, null, SH, NOW);
        assertThat(r.date()).hasToString("2020-02-15");
        assertThat(r.cutoff()).isEqualTo("20:34");
        assertThat(SnapshotRequest.parse("2020-02-01", null, null, null, SH, NOW)
                        .cutoff())
                .isEqualTo("24:00");
    }

    @Test
    void namesTheBadParameter() {
        assertThatThrownBy(() -> SnapshotRequest.parse("2020-02-30", null, null, null, SH, NOW))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("date"));
        assertThatThrownBy(() -> SnapshotRequest.parse(null, "20:60", null, null, SH, NOW))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("cutoff"));
        assertThatThrownBy(() -> SnapshotRequest.parse(null, null, "100", null, SH, NOW))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("round"));
        assertThatThrownBy(() -> SnapshotRequest.parse(null, null, null, "doc", SH, NOW))
                .isInstanceOfSatisfying(
                        BadParameter.class, e -> assertThat(e.parameter()).isEqualTo("format"));
    }

    @Test
    void aQuoteInADownloadsNameNeverEndsItsFilenameEarly() {
        String header =
                SnapshotRequest.contentDisposition("cordon-snapshot-2020-02-15-2000-a\"; filename=evil.exe\\.pdf");
        assertThat(header)
                .startsWith("attachment; filename=\"cordon-snapshot-2020-02-15-2000-a_; filename=evil.exe_.pdf\"");
        assertThat(header).contains("filename*=UTF-8''").contains("%22");
        assertThat(header.chars().filter(c -> c == '"').count()).isEqualTo(2);
    }
}
