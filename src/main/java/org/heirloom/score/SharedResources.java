package org.heirloom.score;

import java.util.HashMap;
import java.util.Map;

/**
 * Reference-counted sharing of loaded models and tokenizers: metrics that need the same file get
 * the same instance, and it is closed when the last user closes. Keys are canonical strings (kind +
 * absolute path).
 */
public final class SharedResources {

    /** Loads a resource for a key. */
    public interface Loader<T extends AutoCloseable> {
        T load() throws Exception;
    }

    /** A counted reference; closing it releases one use. */
    public static final class Lease<T extends AutoCloseable> implements AutoCloseable {
        private final String key;
        private final T value;
        private boolean closed;

        private Lease(String key, T value) {
            this.key = key;
            this.value = value;
        }

        public T get() {
            return value;
        }

        @Override
        public void close() {
            synchronized (this) {
                if (closed) {
                    return;
                }
                closed = true;
            }
            release(key);
        }
    }

    private record Held(AutoCloseable value, int users) {}

    private static final Map<String, Held> HELD = new HashMap<>();

    private SharedResources() {}

    /** Returns the shared instance for {@code key}, loading it on first use. */
    @SuppressWarnings("unchecked")
    public static synchronized <T extends AutoCloseable> Lease<T> acquire(
            String key, Loader<T> loader) {
        Held h = HELD.get(key);
        if (h == null) {
            try {
                h = new Held(loader.load(), 0);
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalArgumentException("cannot load " + key + ": " + e.getMessage(), e);
            }
        }
        HELD.put(key, new Held(h.value(), h.users() + 1));
        return new Lease<>(key, (T) h.value());
    }

    /** Number of live users of {@code key} (for tests). */
    public static synchronized int users(String key) {
        Held h = HELD.get(key);
        return h == null ? 0 : h.users();
    }

    private static synchronized void release(String key) {
        Held h = HELD.get(key);
        if (h == null) {
            return;
        }
        if (h.users() <= 1) {
            HELD.remove(key);
            try {
                h.value().close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(SharedResources.class)
                        .warn("closing {} failed: {}", key, e.toString());
            }
        } else {
            HELD.put(key, new Held(h.value(), h.users() - 1));
        }
    }
}
