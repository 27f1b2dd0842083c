package io.cordon.dashboard.screening;

import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * A read kept while what it was read after stays the same (a day and a version, a part list): shared while it runs,
 * read again when that changed or when it failed.
 *
 * @param <T> what the read answers
 */
final class KeptRead<T> {

    private record Kept<T>(Object key, CompletableFuture<T> value) {}

    private volatile Kept<T> last;

    /** The kept read when it was made after {@code key}; otherwise a new one, kept with {@code key}. */
    CompletableFuture<T> get(Object key, Supplier<CompletableFuture<T>> read) {
        Kept<T> kept = last;
        if (kept != null && kept.key().equals(key) && !kept.value().isCompletedExceptionally()) {
            return kept.value();
        }
        CompletableFuture<T> value = read.get();
        last = new Kept<>(key, value);
        return value;
    }
}
