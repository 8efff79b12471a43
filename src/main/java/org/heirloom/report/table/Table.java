package org.heirloom.report.table;

import java.util.List;

/**
 * A table as data: header, rows of cell texts, and a caption.
 *
 * @param caption what the table shows
 * @param header column names
 * @param rows cell texts, one list per row, as long as the header
 */
public record Table(String caption, List<String> header, List<List<String>> rows) {

    public Table {
        header = List.copyOf(header);
        rows = rows.stream().map(List::copyOf).toList();
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).size() != header.size()) {
                throw new IllegalArgumentException(
                        "row "
                                + i
                                + " has "
                                + rows.get(i).size()
                                + " cells for "
                                + header.size()
                                + " columns");
            }
        }
    }
}
