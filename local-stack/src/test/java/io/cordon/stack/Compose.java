package io.cordon.stack;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/**
 * docker-compose.yml as Compose reads it: anchors and merge keys resolved (SnakeYAML), {@code ${VAR:-default}} and
 * {@code ${VAR:?message}} interpolated from the operator's variables given here. Shared by the compose tests.
 */
final class Compose {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern INTERPOLATION = Pattern.compile("\\$\\{([A-Z0-9_]+)(?::([-?])([^}]*))?}");

    private final Map<String, Object> file;
    private final Map<String, String> operator;

    private Compose(Map<String, Object> file, Map<String, String> operator) {
        this.file = file;
        this.operator = operator;
    }

    /** The compose file with the variables an operator sets (the ones its {@code :?} entries demand). */
    static Compose read(Map<String, String> operator) throws IOException {
        Map<String, Object> file = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return new Compose(file, operator);
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> services() {
        return (Map<String, Object>) file.get("services");
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services().get(name);
        if (service == null) {
            throw new AssertionError("docker-compose.yml has no service " + name);
        }
        return service;
    }

    Map<String, Object> volumes() {
        @SuppressWarnings("unchecked")
        Map<String, Object> volumes = (Map<String, Object>) file.get("volumes");
        return volumes;
    }

    /** A service's environment, interpolated. */
    Map<String, String> environment(String name) {
        Map<String, String> env = new LinkedHashMap<>();
        Object raw = service(name).get("environment");
        if (raw instanceof Map<?, ?> map) {
            map.forEach((k, v) -> env.put(String.valueOf(k), v == null ? "" : interpolate(String.valueOf(v))));
        }
        return env;
    }

    /** The service's command (a list, as Compose runs it), interpolated. */
    List<String> command(String name) {
        Object raw = service(name).get("command");
        List<String> command = new ArrayList<>();
        if (raw instanceof List<?> list) {
            list.forEach(part -> command.add(interpolate(String.valueOf(part))));
        } else if (raw != null) {
            command.addAll(List.of(interpolate(String.valueOf(raw)).split("\\s+")));
        }
        return command;
    }

    /** The service's volumes as (source, target) pairs, a named volume's source being its name. */
    List<String[]> mounts(String name) {
        List<String[]> mounts = new ArrayList<>();
        Object raw = service(name).get("volumes");
        if (raw instanceof List<?> list) {
            for (Object v : list) {
                String[] parts = interpolate(String.valueOf(v)).split(":");
                mounts.add(new String[] {parts[0], parts[1]});
            }
        }
        return mounts;
    }

    /** The healthcheck's test command. */
    List<String> healthcheck(String name) {
        @SuppressWarnings("unchecked")
        Map<String, Object> check = (Map<String, Object>) service(name).get("healthcheck");
        if (check == null) {
            return List.of();
        }
        @SuppressWarnings("unchecked")
        List<Object> test = (List<Object>) check.get("test");
        return test.stream().map(String::valueOf).toList();
    }

    String interpolate(String value) {
        Matcher m = INTERPOLATION.matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String given = operator.get(name);
            String replacement;
            if (given != null && !given.isEmpty()) {
                replacement = given;
            } else if ("?".equals(m.group(2))) {
                throw new IllegalStateException(name + " must be set: " + m.group(3));
            } else {
                replacement = m.group(3) == null ? "" : m.group(3);
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return out.toString();
    }

    /**
     * Every {@code CORDON_*} variable Cordon reads: the names quoted in the main sources of every module, and the one
     * the logging configuration reads.
     */
    static TreeSet<String> knownVariables() throws IOException {
        TreeSet<String> names = new TreeSet<>();
        Pattern quoted = Pattern.compile("\"(CORDON_[A-Z0-9_]+)\"");
        try (Stream<Path> files = Files.walk(ROOT)) {
            for (Path f : files.filter(p -> p.toString().contains("/src/main/"))
                    .filter(p -> p.toString().endsWith(".java") || p.toString().endsWith(".xml"))
                    .filter(p -> !p.toString().contains("/target/"))
                    .toList()) {
                Matcher m = quoted.matcher(Files.readString(f));
                while (m.find()) {
                    names.add(m.group(1));
                }
            }
        }
        return names;
    }
}
