package org.heirloom.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The one way text inputs (prompts, imported candidates, training data, recipes, suites) are read:
 * strict UTF-8, a leading byte-order mark dropped, and a size limit checked before anything is
 * read. Every failure is an {@link IllegalArgumentException} whose message starts with the file
 * (and, for bad bytes, the line and byte offset), so the CLI prints it as one line.
 */
public final class TextInput {

    /**
     * Default limit for data files (prompts, candidates, training data): a file is decoded whole,
     * which takes about three times its size in heap, so this keeps it well inside the default 4
     * GB.
     */
    public static final long DATA_LIMIT = 256L << 20;

    /** Limit for small configuration files such as recipes. */
    public static final long CONFIG_LIMIT = 1L << 20;

    private TextInput() {}

    /** The whole file as text, at most {@code maxBytes} bytes. */
    public static String read(Path file, long maxBytes) {
        byte[] bytes = bytes(file, maxBytes);
        return decode(file, bytes);
    }

    /**
     * The file's lines (split at LF; a CR before it is dropped), numbered from 1 by position in the
     * list.
     */
    public static List<String> lines(Path file, long maxBytes) {
        return split(read(file, maxBytes));
    }

    /** Splits text into lines the way {@link #lines} does. */
    public static List<String> split(String text) {
        List<String> out = new ArrayList<>();
        int start = 0;
        int n = text.length();
        while (start < n) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? n : nl;
            int cut = end > start && text.charAt(end - 1) == '\r' ? end - 1 : end;
            out.add(text.substring(start, cut));
            start = nl < 0 ? n : nl + 1;
        }
        return out;
    }

    /** Checks that {@code file} is a readable regular file of at most {@code maxBytes} bytes. */
    public static byte[] bytes(Path file, long maxBytes) {
        if (Files.isDirectory(file)) {
            throw new IllegalArgumentException(file + ": is a directory, not a file");
        }
        if (!Files.exists(file)) {
            throw new IllegalArgumentException(file + ": no such file");
        }
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                throw tooLarge(file, size, maxBytes);
            }
            // Read at most one byte past the limit: the size may lie (a growing file, a FIFO).
            try (InputStream in = Files.newInputStream(file)) {
                byte[] b = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                if (b.length > maxBytes) {
                    throw tooLarge(file, b.length, maxBytes);
                }
                return b;
            }
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new IllegalArgumentException(file + ": permission denied");
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": cannot be read (" + e.getMessage() + ")");
        }
    }

    /** Strict UTF-8 of {@code bytes} (a leading BOM dropped); bad bytes name line and offset. */
    public static String decode(Path file, byte[] bytes) {
        CharsetDecoder dec =
                StandardCharsets.UTF_8
                        .newDecoder()
                        .onMalformedInput(CodingErrorAction.REPORT)
                        .onUnmappableCharacter(CodingErrorAction.REPORT);
        ByteBuffer in = ByteBuffer.wrap(bytes);
        CharBuffer out = CharBuffer.allocate(bytes.length);
        CoderResult r = dec.decode(in, out, true);
        if (!r.isError()) {
            r = dec.flush(out);
        }
        if (r.isError()) {
            int offset = in.position();
            throw new IllegalArgumentException(
                    file + ":" + lineAt(bytes, offset) + ": invalid UTF-8 at byte " + offset);
        }
        out.flip();
        int start = out.length() > 0 && out.charAt(0) == '\uFEFF' ? 1 : 0;
        return out.subSequence(start, out.length()).toString();
    }

    private static int lineAt(byte[] bytes, int offset) {
        int line = 1;
        for (int i = 0; i < offset && i < bytes.length; i++) {
            if (bytes[i] == '\n') {
                line++;
            }
        }
        return line;
    }

    private static IllegalArgumentException tooLarge(Path file, long size, long max) {
        return new IllegalArgumentException(
                file + ": too large (" + size + " bytes; at most " + max + " are read)");
    }
}
