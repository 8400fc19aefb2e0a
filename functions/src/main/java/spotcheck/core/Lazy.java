package spotcheck.core;

import java.util.function.Supplier;

/**
 * A value built once, by the first caller; later callers (on any thread) get the same one. For clients that
 * most invocations never need: building them at init would lengthen every cold start.
 */
public final class Lazy<T> implements Supplier<T> {
    private final Supplier<T> source;
    private volatile T value;

    public Lazy(Supplier<T> source) {
        this.source = source;
    }

    @Override
    public T get() {
        T v = value;
        if (v == null) {
            synchronized (this) {
                v = value;
                if (v == null) {
                    v = source.get();
                    value = v;
                }
            }
        }
        return v;
    }
}
