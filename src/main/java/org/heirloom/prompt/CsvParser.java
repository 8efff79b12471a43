package org.heirloom.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * RFC 4180 CSV (or TSV with a tab delimiter): comma separated, fields optionally in double quotes,
 * {@code ""} for a quote inside quotes, line breaks (LF or CRLF) allowed inside quoted fields.
 */
public final class CsvParser {

    /** One record with the 1-based line it starts on. */
    public record Record(int line, List<String> fields) {}

    private CsvParser() {}

    public static List<Record> parse(String text, String fileName) {
        return parse(text, fileName, ',');
    }

    /**
     * Parses with another delimiter. With a tab (TSV, as Excel and Python's {@code excel-tab} write
     * it) a quote only opens a quoted field at the start of a field; elsewhere it is text.
     */
    public static List<Record> parse(String text, String fileName, char delimiter) {
        boolean tabs = delimiter == '\t';
        List<Record> out = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int recordLine = 1;
        int quoteLine = 0;
        boolean inQuotes = false;
        boolean fieldWasQuoted = false;
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"') {
                    if (i + 1 < n && text.charAt(i + 1) == '"') {
                        field.append('"');
                        i += 2;
                        continue;
                    }
                    inQuotes = false;
                    i++;
                    if (i < n
                            && text.charAt(i) != delimiter
                            && text.charAt(i) != '\n'
                            && text.charAt(i) != '\r') {
                        throw new IllegalArgumentException(
                                fileName
                                        + ":"
                                        + line
                                        + ": field "
                                        + (fields.size() + 1)
                                        + ": unexpected character after closing quote");
                    }
                    continue;
                }
                if (c == '\n') {
                    line++;
                }
                field.append(c);
                i++;
                continue;
            }
            if (c == delimiter) {
                fields.add(field.toString());
                field.setLength(0);
                fieldWasQuoted = false;
                i++;
                continue;
            }
            if (c == '"' && tabs && field.length() > 0) {
                field.append(c);
                i++;
                continue;
            }
            switch (c) {
                case '"' -> {
                    if (field.length() > 0) {
                        throw new IllegalArgumentException(
                                fileName
                                        + ":"
                                        + line
                                        + ": field "
                                        + (fields.size() + 1)
                                        + ": quote inside an unquoted field");
                    }
                    inQuotes = true;
                    fieldWasQuoted = true;
                    quoteLine = line;
                    i++;
                }
                case '\r', '\n' -> {
                    fields.add(field.toString());
                    field.setLength(0);
                    fieldWasQuoted = false;
                    out.add(new Record(recordLine, List.copyOf(fields)));
                    fields.clear();
                    if (c == '\r' && i + 1 < n && text.charAt(i + 1) == '\n') {
                        i++;
                    }
                    i++;
                    line++;
                    recordLine = line;
                }
                default -> {
                    field.append(c);
                    i++;
                }
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException(
                    fileName
                            + ":"
                            + quoteLine
                            + ": field "
                            + (fields.size() + 1)
                            + ": quoted field is never closed");
        }
        if (field.length() > 0 || !fields.isEmpty() || fieldWasQuoted) {
            fields.add(field.toString());
            out.add(new Record(recordLine, List.copyOf(fields)));
        }
        return out;
    }
}
