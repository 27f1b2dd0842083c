package io.cordon.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The tokens of both services, from {@code CORDON_INGEST_TOKENS}, {@code CORDON_ADMIN_TOKENS} and
 * {@code CORDON_VIEWER_TOKENS} (API.md, "Tokens, roles and scopes"). Each entry is {@code [label:]secret[@scope]}; a
 * secret may be given as {@code sha256:HEX}. Only the SHA-256 of every secret is kept, and a presented secret is
 * looked up by its hash, so neither the secrets nor their comparison times are anywhere in memory or in a log.
 *
 * <ul>
 *   <li>{@code CORDON_INGEST_TOKENS} unset: the feed accepts only {@value #DEV_TOKEN} (a development stack).</li>
 *   <li>{@code CORDON_ADMIN_TOKENS} unset: every feed token of scope {@code all} or {@code district:NAME} also acts as
 *       an admin token of that scope ({@link #adminFromFeed()}; the services warn).</li>
 *   <li>{@code CORDON_VIEWER_TOKENS} unset: dashboard reads are open ({@link #viewerOpen()}).</li>
 * </ul>
 *
 * @param bySecretHash the tokens of each secret, by the secret's SHA-256 (hex)
 * @param devFeedToken whether the feed accepts only the development token (CORDON_INGEST_TOKENS unset)
 * @param adminFromFeed whether feed tokens also act as admin tokens (CORDON_ADMIN_TOKENS unset)
 * @param viewerOpen whether dashboard reads need no token (CORDON_VIEWER_TOKENS unset)
 */
public record AccessTokens(
        Map<String, List<AccessToken>> bySecretHash, boolean devFeedToken, boolean adminFromFeed, boolean viewerOpen) {

    public static final String DEV_TOKEN = "dev-token";

    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern HASH = Pattern.compile("sha256:[0-9A-Fa-f]{64}");
    private static final Pattern SECRET = Pattern.compile("[^:@,\\s]+");

    /** The tokens by their labels and roles only: never a secret's hash, in a log or anywhere else. */
    @Override
    public String toString() {
        return "AccessTokens"
                + bySecretHash.values().stream()
                        .flatMap(List::stream)
                        .map(t -> t.label() + ":" + t.role())
                        .sorted()
                        .toList();
    }

    /**
     * Reads the three variables; a malformed entry throws an {@link IllegalArgumentException} naming the variable and
     * the entry's position, never its secret.
     */
    public static AccessTokens fromEnv(Map<String, String> env) {
        Map<String, List<AccessToken>> tokens = new HashMap<>();
        String feed = blankToNull(env.get(Role.FEED.variable()));
        String admin = blankToNull(env.get(Role.ADMIN.variable()));
        String viewer = blankToNull(env.get(Role.VIEWER.variable()));
        List<AccessToken> feedTokens = feed == null
                ? List.of(
                        new AccessToken(defaultLabel(sha256Hex(DEV_TOKEN)), sha256Hex(DEV_TOKEN), Role.FEED, Scope.ALL))
                : parse(Role.FEED, feed);
        feedTokens.forEach(t -> add(tokens, t));
        if (admin != null) {
            parse(Role.ADMIN, admin).forEach(t -> add(tokens, t));
        } else {
            for (AccessToken t : feedTokens) {
                if (!t.scope().isCheckpoint()) {
                    add(tokens, new AccessToken(t.label(), t.secretSha256(), Role.ADMIN, t.scope()));
                }
            }
        }
        if (viewer != null) {
            parse(Role.VIEWER, viewer).forEach(t -> add(tokens, t));
        }
        return new AccessTokens(Map.copyOf(tokens), feed == null, admin == null, viewer == null);
    }

    /** The entries of one variable's value. */
    static List<AccessToken> parse(Role role, String value) {
        List<AccessToken> list = new ArrayList<>();
        String[] entries = value.split(",", -1);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < entries.length; i++) {
            String entry = entries[i].strip();
            if (entry.isEmpty()) {
                continue;
            }
            AccessToken t = parseEntry(role, entry, role.variable() + " entry " + (i + 1));
            if (!seen.add(t.secretSha256())) {
                throw new IllegalArgumentException(role.variable() + " entry " + (i + 1)
                        + ": the same secret is listed twice; give each secret one entry");
            }
            list.add(t);
        }
        if (list.isEmpty()) {
            throw new IllegalArgumentException(role.variable() + " holds no token: give a comma-separated list");
        }
        return list;
    }

    private static AccessToken parseEntry(Role role, String entry, String where) {
        int at = entry.lastIndexOf('@');
        Scope scope = Scope.ALL;
        String rest = entry;
        if (at >= 0) {
            String scopeText = entry.substring(at + 1);
            rest = entry.substring(0, at);
            try {
                scope = Scope.parse(scopeText.isEmpty() ? "?" : scopeText);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(
                        where + ": the scope after '@' must be all, district:NAME, street:DISTRICT/STREET,"
                                + " community:DISTRICT/STREET/COMMUNITY or unit:NAME"
                                + (role == Role.FEED ? " or checkpoint:ID" : ""));
            }
            if (scope.isCheckpoint() && role != Role.FEED) {
                throw new IllegalArgumentException(where + ": only feed tokens may be scoped to a checkpoint");
            }
        }
        String label = null;
        String secretPart = rest;
        if (!HASH.matcher(rest).matches()) {
            int colon = rest.indexOf(':');
            if (colon >= 0) {
                label = rest.substring(0, colon);
                secretPart = rest.substring(colon + 1);
                if (!LABEL.matcher(label).matches()) {
                    throw new IllegalArgumentException(
                            where + ": a label is made of letters, digits, '.', '_' and '-'");
                }
            }
        }
        String hash;
        if (HASH.matcher(secretPart).matches()) {
            hash = secretPart.substring("sha256:".length()).toLowerCase(Locale.ROOT);
        } else if (SECRET.matcher(secretPart).matches()) {
            hash = sha256Hex(secretPart);
        } else {
            throw new IllegalArgumentException(where + ": a secret is not empty and holds no ':', '@', ',' or blank"
                    + " (a hashed one is sha256: and 64 hex digits)");
        }
        return new AccessToken(label == null ? defaultLabel(hash) : label, hash, role, scope);
    }

    /** The shortest clear secret a deployment may configure. */
    public static final int MIN_SECRET_LENGTH = 16;

    /**
     * Refuses a deployment's token variables when one of their clear secrets is shorter than {@link #MIN_SECRET_LENGTH}
     * characters (a secret given as {@code sha256:HEX} cannot be measured and is taken as it is): the error names the
     * variable and the entry's position, never the secret. Called by the services' entry points ({@code ./cordon run},
     * {@code run ingest|dashboard}, compose), not by the parser, so that tests may use short secrets; {@code dev-token},
     * the try-out default when no feed token is set, is not configured and not checked.
     */
    public static void requireLongSecrets(Map<String, String> env) {
        for (Role role : Role.values()) {
            String value = blankToNull(env.get(role.variable()));
            if (value == null) {
                continue;
            }
            String[] entries = value.split(",", -1);
            for (int i = 0; i < entries.length; i++) {
                String entry = entries[i].strip();
                int at = entry.lastIndexOf('@');
                String rest = at >= 0 ? entry.substring(0, at) : entry;
                if (rest.isEmpty() || HASH.matcher(rest).matches()) {
                    continue;
                }
                int colon = rest.indexOf(':');
                String secret = colon >= 0 ? rest.substring(colon + 1) : rest;
                if (!HASH.matcher(secret).matches() && secret.length() < MIN_SECRET_LENGTH) {
                    throw new IllegalArgumentException(
                            role.variable() + ", entry " + (i + 1) + ": a secret of at least " + MIN_SECRET_LENGTH
                                    + " characters is required (or give its hash as sha256:HEX)");
                }
            }
        }
    }

    private static void add(Map<String, List<AccessToken>> tokens, AccessToken t) {
        tokens.computeIfAbsent(t.secretSha256(), k -> new ArrayList<>()).add(t);
    }

    /** The token of a role that a presented secret is, or null. */
    public AccessToken find(String secret, Role role) {
        if (secret == null || secret.isEmpty()) {
            return null;
        }
        for (AccessToken t : bySecretHash.getOrDefault(sha256Hex(secret), List.of())) {
            if (t.role() == role) {
                return t;
            }
        }
        return null;
    }

    /** The roles a presented secret has (empty: not a token). */
    public Set<Role> roles(String secret) {
        Set<Role> roles = EnumSet.noneOf(Role.class);
        if (secret != null && !secret.isEmpty()) {
            bySecretHash.getOrDefault(sha256Hex(secret), List.of()).forEach(t -> roles.add(t.role()));
        }
        return roles;
    }

    /** Every token of a role (for the start-up log: labels and scopes only). */
    public List<AccessToken> all(Role role) {
        return bySecretHash.values().stream()
                .flatMap(List::stream)
                .filter(t -> t.role() == role)
                .sorted(Comparator.comparing(AccessToken::label))
                .toList();
    }

    static String defaultLabel(String hashHex) {
        return "token-" + hashHex.substring(0, 6);
    }

    public static String sha256Hex(String secret) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
