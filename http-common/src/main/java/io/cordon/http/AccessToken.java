package io.cordon.http;

/**
 * One entry of a token variable: who it is (its label, as the audit log names it), the SHA-256 of its secret, what it
 * may do and where.
 */
public record AccessToken(String label, String secretSha256, Role role, Scope scope) {

    /** The grant of a dashboard whose reads are open (no viewer token configured). */
    public static final AccessToken OPEN_VIEWER = new AccessToken("anonymous", "", Role.VIEWER, Scope.ALL);

    @Override
    public String toString() {
        // never the hash of the secret, in case a record is logged
        return label + " (" + role.word() + ", " + scope + ")";
    }
}
