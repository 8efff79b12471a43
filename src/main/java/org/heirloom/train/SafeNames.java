package org.heirloom.train;

import java.nio.charset.StandardCharsets;
import org.heirloom.io.ContentHash;

/**
 * Turns names from project content into file names. Names come from files that may have been made
 * by someone else, so they are never used as paths directly.
 */
final class SafeNames {

    /** Longest token kept from a name (plus "-" and 12 hex digits of its hash). */
    private static final int MAX_TOKEN = 80;

    private SafeNames() {}

    /**
     * A file-name token for {@code name}: the name itself when it is made of {@code
     * [A-Za-z0-9._-]}, does not start with a dot and is short; otherwise its safe characters
     * (others become {@code _}, leading dots dropped, cut to {@value #MAX_TOKEN}) plus a hash of
     * the whole name, so two different names never share a folder.
     */
    static String token(String name) {
        String n = name == null ? "" : name;
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < n.length() && b.length() < MAX_TOKEN; i++) {
            char ch = n.charAt(i);
            boolean safe =
                    (ch >= 'a' && ch <= 'z')
                            || (ch >= 'A' && ch <= 'Z')
                            || (ch >= '0' && ch <= '9')
                            || ch == '.'
                            || ch == '_'
                            || ch == '-';
            if (ch == '.' && b.isEmpty()) {
                continue;
            }
            b.append(safe ? ch : '_');
        }
        String t = b.toString();
        if (t.equals(n) && !t.isEmpty()) {
            return t;
        }
        return (t.isEmpty() ? "model" : t) + "-" + ContentHash.of(n).substring(0, 12);
    }

    /** A single path component: no separators, no NUL or control characters, not . or .. */
    static boolean isPlainFileName(String name) {
        if (name == null
                || name.isEmpty()
                || name.equals(".")
                || name.equals("..")
                || name.getBytes(StandardCharsets.UTF_8).length > 255) {
            return false;
        }
        for (int i = 0; i < name.length(); i++) {
            char ch = name.charAt(i);
            if (ch == '/' || ch == '\\' || ch == ':' || Character.isISOControl(ch)) {
                return false;
            }
        }
        return true;
    }

    /** A name as one printable line for messages (control characters escaped, long ones cut). */
    static String printable(String name) {
        if (name == null) {
            return "(none)";
        }
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < name.length() && b.length() < 120; i++) {
            char ch = name.charAt(i);
            b.append(Character.isISOControl(ch) ? String.format("\\u%04x", (int) ch) : ch);
        }
        return name.length() > 120 ? b + "…" : b.toString();
    }
}
