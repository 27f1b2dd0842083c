package io.cordon.ingest;

import java.util.Locale;

/** Media types the feeds and the registry accept. */
final class ContentTypes {

    private ContentTypes() {}

    static String base(String header) {
        if (header == null) {
            return "";
        }
        int semi = header.indexOf(';');
        return (semi >= 0 ? header.substring(0, semi) : header).strip().toLowerCase(Locale.ROOT);
    }

    static boolean isNdjson(String header) {
        String b = base(header);
        return b.equals("application/x-ndjson") || b.equals("application/ndjson");
    }

    static boolean isJson(String header) {
        return base(header).equals("application/json");
    }

    static boolean isCsv(String header) {
        return base(header).equals("text/csv");
    }
}
