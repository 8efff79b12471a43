package org.heirloom.ui.explorer;

import java.util.List;
import org.heirloom.project.CatalogEntry;

/** One top-level node of the project explorer: a kind of thing and its entries. */
public record ExplorerGroup(CatalogEntry.Kind kind, String title, List<CatalogEntry> entries) {

    public String label() {
        return title + " (" + entries.size() + ")";
    }
}
