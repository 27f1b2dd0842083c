package io.cordon.dashboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class StaticPagesTest {

    @Test
    void thePagesNameTheirOwnFilesUnderTheVersionAndNothingElse() {
        StaticPages pages = new StaticPages("window.CORDON_CHECKPOINT_COUNTS = [];\n");
        String v = pages.version();
        assertThat(v).matches("[0-9a-f]{12}");
        String html = pages.versioned("<link rel=\"stylesheet\" href=\"wall.css\"><script src=\"counts.js\"></script>"
                + "<script src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\"></script><a href=\"/inspect\">");
        assertThat(html)
                .contains("href=\"/static/" + v + "/wall.css\"")
                .contains("src=\"/static/" + v + "/counts.js\"")
                .contains("src=\"/webjars/echarts/5.3.1/dist/echarts.min.js\"")
                .contains("href=\"/inspect\"");
    }

    @Test
    void anotherReleaseIsAnotherVersion() {
        assertThat(new StaticPages("a").version())
                .isEqualTo(new StaticPages("a").version())
                .isNotEqualTo(new StaticPages("b").version());
    }
}
