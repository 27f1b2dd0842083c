package io.cordon.dashboard.screening;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import net.sourceforge.pinyin4j.PinyinHelper;

/**
 * The inspection list's search and pages ({@code GET /api/v1/compounds?q=&limit=&offset=}). A compound matches when
 * its name, id, community or street contains the words asked for, or the pinyin initials of its name do ("三三公路5020弄"
 * is {@code ssgl5020n}: {@code ssgl} finds it), without regard to case. The page is cut after the order: {@code total}
 * counts every match.
 */
public final class CompoundSearch {

    /** The longest search accepted: a name, not a document. */
    public static final int MAX_QUERY = 50;

    /** The initials of the names seen, kept while the registry's names are few enough (35,013 in Shanghai). */
    private static final Map<String, String> INITIALS = new ConcurrentHashMap<>();

    private static final int MAX_KEPT = 200_000;

    private CompoundSearch() {}

    /** The rows of a compound table matching {@code query} (null or blank: all), then the page asked for. */
    public static JsonObject page(JsonObject table, String query, Integer limit, int offset) {
        JsonArray rows = table.getJsonArray("compounds");
        String q = query == null ? "" : query.strip().toLowerCase(Locale.ROOT);
        JsonArray matching = q.isEmpty() ? rows : new JsonArray();
        if (!q.isEmpty()) {
            for (Object o : rows) {
                if (matches((JsonObject) o, q)) {
                    matching.add(o);
                }
            }
        }
        int total = matching.size();
        JsonArray page = matching;
        if (offset > 0 || limit != null) {
            page = new JsonArray();
            int end = limit == null ? total : (int) Math.min(total, (long) offset + limit);
            for (int i = offset; i < end; i++) {
                page.add(matching.getValue(i));
            }
        }
        JsonObject out = table.copy().put("compounds", page).put("total", total).put("offset", offset);
        return limit == null ? out : out.put("limit", limit);
    }

    /** Whether a compound row matches a lower-case query. */
    static boolean matches(JsonObject row, String q) {
        String name = row.getString("compound_name", "");
        return contains(name, q)
                || contains(row.getString("compound_id"), q)
                || contains(row.getString("community"), q)
                || contains(row.getString("street"), q)
                || initials(name).contains(q.replace(" ", ""));
    }

    private static boolean contains(String field, String q) {
        return field != null && field.toLowerCase(Locale.ROOT).contains(q);
    }

    /** The pinyin initials of a name: each Chinese character's first letter, other letters and digits as they are. */
    static String initials(String name) {
        String known = INITIALS.get(name);
        if (known != null) {
            return known;
        }
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            String[] readings = c < 0x80 ? null : PinyinHelper.toHanyuPinyinStringArray(c);
            if (readings != null && readings.length > 0 && !readings[0].isEmpty()) {
                out.append(readings[0].charAt(0));
            } else if (Character.isLetterOrDigit(c)) {
                out.append(Character.toLowerCase(c));
            }
        }
        String initials = out.toString();
        if (INITIALS.size() < MAX_KEPT) {
            INITIALS.put(name, initials);
        }
        return initials;
    }
}
