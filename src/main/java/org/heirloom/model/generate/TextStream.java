package org.heirloom.model.generate;

import java.util.Arrays;
import java.util.function.Function;

/**
 * Turns a stream of token ids into a stream of text pieces. A token need not be whole characters
 * (byte-level BPE splits a multi-byte character over tokens), so each step decodes every id so far
 * and emits only the new suffix, holding it back while it ends in U+FFFD (an incomplete UTF-8
 * sequence). The pieces concatenate to the decode of all ids once {@link #finish()} is called.
 */
public final class TextStream {

    private static final char REPLACEMENT = '\uFFFD';

    private final Function<long[], String> decoder;
    private long[] ids = new long[16];
    private int count;
    private int emitted;

    /**
     * @param decoder ids to text, as the generator's final text is made
     */
    public TextStream(Function<long[], String> decoder) {
        this.decoder = decoder;
    }

    /** Adds one token; returns the text it completes (empty while a character is incomplete). */
    public String push(long id) {
        if (count == ids.length) {
            ids = Arrays.copyOf(ids, count * 2);
        }
        ids[count++] = id;
        String text = decoder.apply(Arrays.copyOf(ids, count));
        if (text.isEmpty() || text.charAt(text.length() - 1) == REPLACEMENT) {
            return "";
        }
        return take(text);
    }

    /** What is still held back (an incomplete character at the end, as the decoder renders it). */
    public String finish() {
        return take(decoder.apply(Arrays.copyOf(ids, count)));
    }

    /** Tokens pushed so far. */
    public int tokens() {
        return count;
    }

    private String take(String text) {
        if (text.length() <= emitted) {
            return "";
        }
        String piece = text.substring(emitted);
        emitted = text.length();
        return piece;
    }
}
