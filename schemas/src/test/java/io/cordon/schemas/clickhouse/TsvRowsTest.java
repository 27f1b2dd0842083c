package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class TsvRowsTest {

    @Test
    void splitsRowsAndFieldsAndUnescapes() {
        List<String[]> rows = TsvRows.parse("c1\t金杨新村\\t一街坊\t12\nc2\tit\\'s \\\\ here\\nnext\t0\n");
        assertThat(rows).hasSize(2);
        assertThat(rows.get(0)).containsExactly("c1", "金杨新村\t一街坊", "12");
        assertThat(rows.get(1)).containsExactly("c2", "it's \\ here\nnext", "0");
        assertThat(TsvRows.number(rows.get(0)[2])).isEqualTo(12);
    }

    @Test
    void keepsEmptyFieldsAndReadsNoRowFromAnEmptyBody() {
        assertThat(TsvRows.parse("")).isEmpty();
        assertThat(TsvRows.parse("a\t\t\n"))
                .singleElement()
                .satisfies(r -> assertThat(r).containsExactly("a", "", ""));
    }

    @Test
    void aQuotedLiteralComesBackAsItWent() {
        String hostile = "x'\\\t\n\r\0y";
        // what ClickHouse writes for the value in TSV is the same escaping ClickHouseSql.quote uses inside the quotes
        String written = ClickHouseSql.quote(hostile);
        assertThat(TsvRows.parse(written.substring(1, written.length() - 1)).get(0))
                .containsExactly(hostile);
    }
}
