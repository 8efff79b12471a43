package org.heirloom.teacher;

/**
 * Short names of stored teacher specs for tables and menus. A stored local spec holds the weights'
 * hash and the whole template ({@code local:sha256=…;template=### Question: …}), which is exact but
 * unreadable in a column; the full spec stays in details and exports.
 */
public final class TeacherLabels {

    private TeacherLabels() {}

    /**
     * {@code local:sha256=02ddb1a5…;…} → {@code local 02ddb1a5}; {@code openai:URL#MODEL;…} →
     * {@code openai MODEL}; {@code import:DIR/FILE} → {@code import FILE}; anything else unchanged.
     */
    public static String shortLabel(String spec) {
        if (spec == null) {
            return "";
        }
        String head = spec.split(";", 2)[0];
        if (head.startsWith("local:sha256=")) {
            String hex = head.substring("local:sha256=".length());
            return "local " + hex.substring(0, Math.min(8, hex.length()));
        }
        if (head.startsWith("local:")) {
            return "local " + lastSegment(head.substring("local:".length()));
        }
        if (head.startsWith("openai:")) {
            int hash = head.lastIndexOf('#');
            return hash >= 0 ? "openai " + head.substring(hash + 1) : head;
        }
        if (head.startsWith("import:")) {
            return "import " + lastSegment(head.substring("import:".length()));
        }
        return head;
    }

    private static String lastSegment(String path) {
        String p = path.replaceAll("[/\\\\]+$", "");
        int slash = Math.max(p.lastIndexOf('/'), p.lastIndexOf('\\'));
        return slash >= 0 ? p.substring(slash + 1) : p;
    }
}
