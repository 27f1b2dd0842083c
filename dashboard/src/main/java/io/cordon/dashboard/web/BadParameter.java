package io.cordon.dashboard.web;

/** A query or path parameter that is wrong, named: answered {@code 400} with the parameter in the problem. */
public final class BadParameter extends IllegalArgumentException {
    private final String parameter;

    public BadParameter(String parameter, String message) {
        super(parameter + " " + message);
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }
}
