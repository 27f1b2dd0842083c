package io.cordon.ingest;

/** One thing wrong with an item: a JSON pointer to the field and what is wrong with it. */
public record FieldError(String path, String message) {}
