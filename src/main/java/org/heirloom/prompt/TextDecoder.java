package org.heirloom.prompt;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * Decodes a text file strictly, so that a wrong encoding is an error naming the byte offset rather
 * than replacement characters in prompts.
 *
 * <p>Detection, when no encoding is given: a byte-order mark decides (UTF-8, UTF-16LE/BE); without
 * one, zero bytes in alternate positions mean BOM-less UTF-16; else the text is UTF-8 if it decodes
 * as UTF-8, and cp1252 (Excel's "CSV" on Western Windows) if it does not but decodes as cp1252.
 */
public final class TextDecoder {

    /** cp1252: Java's name is {@code windows-1252}. */
    public static final Charset CP1252 = Charset.forName("windows-1252");

    /** Decoded text and the encoding it was read with. */
    public record Decoded(String text, Charset charset) {}

    private TextDecoder() {}

    /** Looks an encoding name up, accepting {@code cp1252} and the usual aliases. */
    public static Charset charset(String name) {
        String n = name.strip();
        if (n.equalsIgnoreCase("cp1252")) {
            return CP1252;
        }
        try {
            return Charset.forName(n);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "--encoding: unknown encoding '" + name + "' (try utf-8, utf-16, cp1252)");
        }
    }

    /**
     * Decodes {@code bytes}.
     *
     * @param encoding the encoding to use, or {@code null} to detect it
     */
    public static Decoded decode(byte[] bytes, Charset encoding, Path file) {
        int bomLength = 0;
        Charset bom = null;
        if (startsWith(bytes, 0xEF, 0xBB, 0xBF)) {
            bom = StandardCharsets.UTF_8;
            bomLength = 3;
        } else if (startsWith(bytes, 0xFF, 0xFE)) {
            bom = StandardCharsets.UTF_16LE;
            bomLength = 2;
        } else if (startsWith(bytes, 0xFE, 0xFF)) {
            bom = StandardCharsets.UTF_16BE;
            bomLength = 2;
        }
        if (encoding != null) {
            Charset cs = encoding;
            if (bom != null && sameFamily(encoding, bom)) {
                cs = bom; // "utf-16" with a BOM: the BOM gives the byte order
            } else {
                bomLength = 0;
            }
            if (cs.equals(StandardCharsets.UTF_16) && bomLength == 0) {
                cs = guessUtf16(bytes) != null ? guessUtf16(bytes) : StandardCharsets.UTF_16LE;
            }
            return new Decoded(strict(bytes, bomLength, cs, file), cs);
        }
        if (bom != null) {
            return new Decoded(strict(bytes, bomLength, bom, file), bom);
        }
        Charset utf16 = guessUtf16(bytes);
        if (utf16 != null) {
            return new Decoded(strict(bytes, 0, utf16, file), utf16);
        }
        try {
            return new Decoded(
                    decodeOrThrow(bytes, 0, StandardCharsets.UTF_8), StandardCharsets.UTF_8);
        } catch (CharacterCodingException notUtf8) {
            try {
                return new Decoded(decodeOrThrow(bytes, 0, CP1252), CP1252);
            } catch (CharacterCodingException notCp1252) {
                // Report the UTF-8 failure: it is the encoding the file most likely meant.
                return new Decoded(strict(bytes, 0, StandardCharsets.UTF_8, file), null);
            }
        }
    }

    private static boolean sameFamily(Charset asked, Charset bom) {
        String a = asked.name().toUpperCase(java.util.Locale.ROOT);
        String b = bom.name().toUpperCase(java.util.Locale.ROOT);
        return a.equals(b) || (a.equals("UTF-16") && b.startsWith("UTF-16"));
    }

    /** BOM-less UTF-16 of mostly ASCII text has a zero in every other byte. */
    private static Charset guessUtf16(byte[] b) {
        int n = Math.min(b.length, 4096) & ~1;
        if (n < 4) {
            return null;
        }
        int evenZeros = 0;
        int oddZeros = 0;
        for (int i = 0; i < n; i += 2) {
            if (b[i] == 0) {
                evenZeros++;
            }
            if (b[i + 1] == 0) {
                oddZeros++;
            }
        }
        int pairs = n / 2;
        if (oddZeros * 10 >= pairs * 7 && evenZeros * 10 < pairs) {
            return StandardCharsets.UTF_16LE;
        }
        if (evenZeros * 10 >= pairs * 7 && oddZeros * 10 < pairs) {
            return StandardCharsets.UTF_16BE;
        }
        return null;
    }

    private static boolean startsWith(byte[] b, int... prefix) {
        if (b.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((b[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static String decodeOrThrow(byte[] bytes, int from, Charset cs)
            throws CharacterCodingException {
        return newDecoder(cs).decode(ByteBuffer.wrap(bytes, from, bytes.length - from)).toString();
    }

    private static CharsetDecoder newDecoder(Charset cs) {
        return cs.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
    }

    /** Decodes, or fails with one line naming the file and the byte offset of the bad bytes. */
    private static String strict(byte[] bytes, int from, Charset cs, Path file) {
        CharsetDecoder d = newDecoder(cs);
        ByteBuffer in = ByteBuffer.wrap(bytes, from, bytes.length - from);
        CharBuffer out = CharBuffer.allocate((int) Math.ceil(bytes.length * 1.0) + 16);
        CoderResult r = d.decode(in, out, true);
        if (r.isError()) {
            int offset = in.position();
            StringBuilder hex = new StringBuilder();
            for (int i = 0; i < r.length() && offset + i < bytes.length; i++) {
                hex.append(String.format(" %02X", bytes[offset + i] & 0xFF));
            }
            throw new IllegalArgumentException(
                    file
                            + ": byte offset "
                            + offset
                            + ": not valid "
                            + displayName(cs)
                            + " (bytes"
                            + hex
                            + "); give the file's encoding with --encoding (utf-8, utf-16,"
                            + " cp1252)");
        }
        r = d.flush(out);
        out.flip();
        return out.toString();
    }

    private static String displayName(Charset cs) {
        return cs.equals(CP1252) ? "cp1252" : cs.name();
    }
}
