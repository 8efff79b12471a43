package org.heirloom.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Tells a TSV saved as {@code .txt} from a text file of prompts: the first lines (up to five) all
 * have the same, non-zero number of tabs, and there are at least two of them (a header and a row).
 * A prompt file where every line happens to hold the same number of tabs is rare; {@code --format
 * text} overrides.
 */
final class TsvSniffer {

    private static final int PEEK_BYTES = 64 * 1024;

    private TsvSniffer() {}

    static boolean looksLikeTsv(Path file) {
        byte[] head;
        try (InputStream in = Files.newInputStream(file)) {
            head = in.readNBytes(PEEK_BYTES);
        } catch (IOException e) {
            return false; // the reader reports the problem with the file
        }
        String text = new String(head, StandardCharsets.ISO_8859_1); // tabs and newlines only
        List<String> lines = new ArrayList<>();
        for (String line : text.split("\r?\n", -1)) {
            if (!line.isBlank()) {
                lines.add(line);
            }
            if (lines.size() == 6) {
                break;
            }
        }
        if (lines.size() > 1 && head.length == PEEK_BYTES) {
            lines.remove(lines.size() - 1); // possibly cut off
        }
        if (lines.size() < 2) {
            return false;
        }
        long tabs = lines.get(0).chars().filter(c -> c == '\t').count();
        return tabs > 0
                && lines.stream().allMatch(l -> l.chars().filter(c -> c == '\t').count() == tabs);
    }
}
