package io.cordon.schemas;

import java.util.List;
import java.util.Locale;

/**
 * Province names as field staff write them: "云南", "云南省" and "Yunnan Province" name the same place.
 * Comparison strips the administrative suffix and case, so that out-of-province counts do not depend on spelling.
 */
public final class Provinces {

    private static final List<String> SUFFIXES = List.of(
            "维吾尔自治区",
            "壮族自治区",
            "回族自治区",
            "特别行政区",
            "自治区",
            "省",
            "市",
            " province",
            " municipality",
            " autonomous region",
            " sar");

    private Provinces() {}

    public static String normalize(String province) {
        if (province == null) {
            return null;
        }
        String p = province.strip().toLowerCase(Locale.ROOT);
        for (String suffix : SUFFIXES) {
            if (p.endsWith(suffix) && p.length() > suffix.length()) {
                p = p.substring(0, p.length() - suffix.length()).strip();
                break;
            }
        }
        return p.isEmpty() ? null : p;
    }

    /** True when a person's origin is known and differs from the checkpoint's province. */
    public static boolean isOutOfProvince(String origin, String checkpointProvince) {
        String o = normalize(origin);
        String c = normalize(checkpointProvince);
        return o != null && c != null && !o.equals(c);
    }
}
