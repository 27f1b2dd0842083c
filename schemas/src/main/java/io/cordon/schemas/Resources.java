package io.cordon.schemas;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Text files on the classpath (the API descriptions, the DDL, the pages' data). */
public final class Resources {

    private Resources() {}

    /** A resource's text, UTF-8; a missing one is a packaging error, thrown at once. */
    public static String text(String path) {
        try (InputStream in = Resources.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("unreadable resource " + path, e);
        }
    }
}
