package io.cordon.http;

/** A request for something outside the caller's scope: answered 403, with this message as the problem's detail. */
public final class Forbidden extends RuntimeException {

    public Forbidden(String message) {
        super(message, null, false, false);
    }

    /** The message for a scope that is not inside a token's. */
    public static Forbidden outside(Scope asked, AccessToken token) {
        return new Forbidden(asked + " is outside this token's scope (" + token.scope() + ")");
    }
}
