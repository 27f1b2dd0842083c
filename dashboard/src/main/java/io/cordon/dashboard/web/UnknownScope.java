package io.cordon.dashboard.web;

/** A scope naming a district or a checkpoint that is in neither registry: answered {@code 404}. */
public final class UnknownScope extends RuntimeException {
    public UnknownScope(String message) {
        super(message);
    }
}
