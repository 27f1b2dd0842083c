package io.cordon.schemas.clickhouse;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Every table the DDL creates has its name in {@link Tables}, and every name there is created by the DDL. */
class TablesTest {

    @Test
    void theNamesAreTheTablesTheDdlCreates() throws Exception {
        Set<String> created = new TreeSet<>();
        Pattern create = Pattern.compile("CREATE TABLE IF NOT EXISTS (\\w+)");
        for (String file : ClickHouseSchema.files()) {
            Matcher m = create.matcher(ClickHouseSchema.statement(file));
            if (m.find()) {
                created.add(m.group(1));
            }
        }
        Set<String> named = new TreeSet<>();
        for (Field f : Tables.class.getDeclaredFields()) {
            if (Modifier.isStatic(f.getModifiers()) && f.getType() == String.class) {
                named.add((String) f.get(null));
            }
        }
        assertThat(created).hasSizeGreaterThanOrEqualTo(17).isEqualTo(named);
    }
}
