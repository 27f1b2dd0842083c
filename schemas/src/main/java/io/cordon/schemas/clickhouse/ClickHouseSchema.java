package io.cordon.schemas.clickhouse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ClickHouse DDL: numbered {@code clickhouse/*.sql} resources, one statement each, all
 * {@code CREATE ... IF NOT EXISTS}, so applying them again is harmless. The same files are mounted into the
 * ClickHouse container by docker-compose.
 */
public final class ClickHouseSchema {

    private static final Logger LOG = LoggerFactory.getLogger(ClickHouseSchema.class);

    private ClickHouseSchema() {
    }

    public static List<String> files() {
        String list = resource("clickhouse/ddl.list");
        List<String> files = new ArrayList<>();
        for (String line : list.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                files.add(line.strip());
            }
        }
        return files;
    }

    public static String statement(String file) {
        return resource("clickhouse/" + file).strip().replaceAll(";\\s*$", "");
    }

    /** Creates the database if needed and applies every DDL file in order. */
    public static void apply(ClickHouseHttp clickHouse) {
        if (!"default".equals(clickHouse.database())) {
            new ClickHouseHttp(clickHouse.baseUrl(), "default")
                    .executeBlocking("CREATE DATABASE IF NOT EXISTS " + ClickHouseSql.identifier(clickHouse.database()));
        }
        for (String file : files()) {
            clickHouse.executeBlocking(statement(file));
        }
        LOG.info("ClickHouse schema applied to database {} ({} files)", clickHouse.database(), files().size());
    }

    private static String resource(String path) {
        try (InputStream in = ClickHouseSchema.class.getClassLoader().getResourceAsStream(path)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + path);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
