package org.heirloom.ui.candidates;

import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javafx.collections.ObservableListBase;
import org.heirloom.project.CandidatePage;

/**
 * The candidate table's items: a read-only list whose size is the listing's row count and whose
 * rows come from a cache of pages. A row not cached yet reads as {@code null} (an empty table row)
 * and asks the loader for its page; when the page arrives the rows are replaced, so the table fills
 * them in. Only pages the table actually looks at are ever loaded, and only the {@value
 * #CACHED_PAGES} most recently used are kept.
 */
final class CandidateRowList extends ObservableListBase<CandidatePage.Row> {

    /** Fetches a page; answers through {@link #deliver} or {@link #forget}. */
    interface Loader {
        void load(int generation, int page);
    }

    static final int CACHED_PAGES = 64;

    private final int pageSize;
    private final Loader loader;
    private final Map<Integer, List<CandidatePage.Row>> cache =
            new LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(Map.Entry<Integer, List<CandidatePage.Row>> e) {
                    return size() > CACHED_PAGES;
                }
            };
    private final Set<Integer> requested = new HashSet<>();
    private int size;
    private int generation;
    private boolean inGet;

    CandidateRowList(int pageSize, Loader loader) {
        this.pageSize = pageSize;
        this.loader = loader;
    }

    int pageSize() {
        return pageSize;
    }

    /** Which listing the rows belong to; pages of an older one are dropped on arrival. */
    int generation() {
        return generation;
    }

    @Override
    public CandidatePage.Row get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException(index + " of " + size);
        }
        int page = index / pageSize;
        List<CandidatePage.Row> rows = cache.get(page);
        if (rows == null && requested.add(page)) {
            inGet = true;
            try {
                loader.load(generation, page);
            } finally {
                inGet = false;
            }
            rows = cache.get(page);
        }
        int i = index - page * pageSize;
        return rows == null || i >= rows.size() ? null : rows.get(i);
    }

    /** The row if its page is cached; never loads. */
    CandidatePage.Row peek(int index) {
        List<CandidatePage.Row> rows = cache.get(index / pageSize);
        int i = index % pageSize;
        return rows == null || i >= rows.size() ? null : rows.get(i);
    }

    @Override
    public int size() {
        return size;
    }

    /** A new listing of {@code newSize} rows: everything cached belongs to the old one. */
    void reset(int newSize) {
        generation++;
        cache.clear();
        requested.clear();
        int old = size;
        size = newSize;
        beginChange();
        if (old > 0) {
            nextRemove(0, Collections.nCopies(old, null));
        }
        if (newSize > 0) {
            nextAdd(0, newSize);
        }
        endChange();
    }

    /** A page has arrived. */
    void deliver(int gen, int page, List<CandidatePage.Row> rows) {
        if (gen != generation) {
            return;
        }
        requested.remove(page);
        cache.put(page, List.copyOf(rows));
        int from = page * pageSize;
        int to = Math.min(size, from + rows.size());
        if (inGet || to <= from) {
            // Delivered while the table was reading this very row: it gets the row directly.
            return;
        }
        beginChange();
        // The placeholders (nulls) are replaced by the rows.
        nextReplace(from, to, Collections.nCopies(to - from, null));
        endChange();
    }

    /** A page that was not loaded after all (dropped or failed): ask again when next read. */
    void forget(int gen, int page) {
        if (gen == generation) {
            requested.remove(page);
        }
    }
}
