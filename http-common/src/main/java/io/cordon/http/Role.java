package io.cordon.http;

/** What a token may do (API.md, "Tokens, roles and scopes"), and the variable that lists the tokens of each role. */
public enum Role {
    /** Posts feed items (arrivals, visits). */
    FEED("CORDON_INGEST_TOKENS"),
    /** Writes the registries, corrects and voids events, freezes reports, reads the audit log. */
    ADMIN("CORDON_ADMIN_TOKENS"),
    /** Reads the dashboard. */
    VIEWER("CORDON_VIEWER_TOKENS");

    private final String variable;

    Role(String variable) {
        this.variable = variable;
    }

    public String variable() {
        return variable;
    }

    public String word() {
        return switch (this) {
            case FEED -> "feed";
            case ADMIN -> "admin";
            case VIEWER -> "viewer";
        };
    }
}
