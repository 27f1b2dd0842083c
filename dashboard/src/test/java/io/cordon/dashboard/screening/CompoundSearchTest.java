package io.cordon.dashboard.screening;

import static org.assertj.core.api.Assertions.assertThat;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.List;
import org.junit.jupiter.api.Test;

class CompoundSearchTest {

    private static JsonObject row(String id, String name, String community) {
        return new JsonObject()
                .put("compound_id", id)
                .put("compound_name", name)
                .put("community", community)
                .put("street", "花木街道");
    }

    private static JsonObject table() {
        return new JsonObject()
                .put("round", 2)
                .put(
                        "compounds",
                        new JsonArray()
                                .add(row("C-1", "三三公路5020弄", "东明第1居委"))
                                .add(row("C-2", "上南路3520弄", "上钢第2居委"))
                                .add(row("C-3", "锦绣路1500弄", "花木第1居委"))
                                .add(row("X-9", "Riverside Court", "Gubei")));
    }

    private static List<String> ids(JsonObject page) {
        return page.getJsonArray("compounds").stream()
                .map(o -> ((JsonObject) o).getString("compound_id"))
                .toList();
    }

    @Test
    void theInitialsOfANameAreItsCharactersFirstLetters() {
        assertThat(CompoundSearch.initials("三三公路5020弄")).isEqualTo("ssgl5020n");
        assertThat(CompoundSearch.initials("锦绣路1500弄")).isEqualTo("jxl1500n");
        assertThat(CompoundSearch.initials("Riverside Court")).isEqualTo("riversidecourt");
    }

    @Test
    void aSearchFindsANameAnIdACommunityOrThePinyinInitials() {
        assertThat(ids(CompoundSearch.page(table(), "上南", null, 0))).containsExactly("C-2");
        assertThat(ids(CompoundSearch.page(table(), "SSGL", null, 0))).containsExactly("C-1");
        assertThat(ids(CompoundSearch.page(table(), "jxl15", null, 0))).containsExactly("C-3");
        assertThat(ids(CompoundSearch.page(table(), "x-9", null, 0))).containsExactly("X-9");
        assertThat(ids(CompoundSearch.page(table(), "第1居委", null, 0))).containsExactly("C-1", "C-3");
        assertThat(ids(CompoundSearch.page(table(), "riverside", null, 0))).containsExactly("X-9");
        assertThat(ids(CompoundSearch.page(table(), "  ", null, 0))).hasSize(4);
        assertThat(CompoundSearch.page(table(), "nothing like it", null, 0).getInteger("total"))
                .isZero();
    }

    @Test
    void aPageIsCutAfterTheOrderAndTotalCountsEveryMatch() {
        JsonObject second = CompoundSearch.page(table(), null, 2, 2);
        assertThat(ids(second)).containsExactly("C-3", "X-9");
        assertThat(second.getInteger("total")).isEqualTo(4);
        assertThat(second.getInteger("limit")).isEqualTo(2);
        assertThat(second.getInteger("offset")).isEqualTo(2);
        assertThat(ids(CompoundSearch.page(table(), null, 3, 3))).containsExactly("X-9");
        assertThat(ids(CompoundSearch.page(table(), null, 10, 9))).isEmpty();
        assertThat(CompoundSearch.page(table(), "路", 1, 0).getInteger("total")).isEqualTo(3);
        assertThat(CompoundSearch.page(table(), null, null, 0).containsKey("limit"))
                .isFalse();
        assertThat(CompoundSearch.page(table(), null, null, 0).getInteger("round"))
                .isEqualTo(2);
    }
}
