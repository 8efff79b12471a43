package org.heirloom.model.template;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits a template into one token stream, as Jinja2's lexer does: text, tag delimiters, and the
 * expression tokens inside tags (so a string literal may contain {@code }}}). Applies the
 * environment transformers uses: {@code trim_blocks}, {@code lstrip_blocks}, {@code -}/{@code +}
 * whitespace control, and the dropped final newline ({@code keep_trailing_newline=False}).
 */
final class JinjaLexer {

    enum T {
        DATA,
        VAR_BEGIN,
        VAR_END,
        BLOCK_BEGIN,
        BLOCK_END,
        NAME,
        STRING,
        INT,
        FLOAT,
        OP,
        EOF
    }

    record Tok(T type, String value, int pos) {
        boolean is(T t, String v) {
            return type == t && value.equals(v);
        }
    }

    private static final Pattern ENDRAW = Pattern.compile("\\{%([-+]?)\\s*endraw\\s*([-+]?)%\\}");
    private static final List<String> OPS2 = List.of("//", "**", "==", "!=", "<=", ">=");
    private static final String OPS1 = "+-*/%~<>=.,:|()[]{}";

    private final Jinja.Source src;
    private final String s;
    private final int end;
    private final List<Tok> out = new ArrayList<>();
    private boolean lineStarting = true;

    JinjaLexer(Jinja.Source src) {
        this.src = src;
        this.s = src.text();
        // keep_trailing_newline=False: Jinja2 drops one newline at the very end of the source.
        int e = s.length();
        if (s.endsWith("\r\n")) {
            e -= 2;
        } else if (s.endsWith("\n") || s.endsWith("\r")) {
            e -= 1;
        }
        this.end = e;
    }

    List<Tok> lex() {
        int i = 0;
        while (i < end) {
            int open = nextOpen(i);
            String text = s.substring(i, open < 0 ? end : open);
            if (open < 0) {
                data(text, i);
                break;
            }
            char type = s.charAt(open + 1);
            char sign = open + 2 < end ? s.charAt(open + 2) : 0;
            if (sign == '-') {
                text = Jinja.rstrip(text);
            } else if (sign != '+' && type != '{') {
                // lstrip_blocks: spaces and tabs from a line start up to a block or comment tag.
                int l = text.lastIndexOf('\n') + 1;
                if ((l > 0 || lineStarting) && text.substring(l).matches("[ \\t]*")) {
                    text = text.substring(0, l);
                }
            }
            data(text, i);
            int j = open + 2 + (sign == '-' || sign == '+' ? 1 : 0);
            if (type == '#') {
                int close = s.indexOf("#}", j);
                if (close < 0 || close + 2 > end) {
                    throw src.error(open, "unclosed comment '{#'");
                }
                boolean strip = close > j && s.charAt(close - 1) == '-';
                i = afterTag(close + 2, strip, close > j && s.charAt(close - 1) == '+');
                continue;
            }
            boolean block = type == '%';
            out.add(new Tok(block ? T.BLOCK_BEGIN : T.VAR_BEGIN, s.substring(open, j), open));
            int mark = out.size();
            i = expression(j, block, open);
            if (block
                    && out.size() == mark + 2
                    && out.get(mark).is(T.NAME, "raw")
                    && out.get(mark + 1).type == T.BLOCK_END) {
                i = raw(i, open, out.get(mark + 1).value.startsWith("-"));
            }
        }
        out.add(new Tok(T.EOF, "", end));
        return out;
    }

    private void data(String text, int pos) {
        if (!text.isEmpty()) {
            out.add(new Tok(T.DATA, text, pos));
        }
    }

    private int nextOpen(int from) {
        for (int i = from; i + 1 < end; i++) {
            if (s.charAt(i) == '{') {
                char c = s.charAt(i + 1);
                if (c == '{' || c == '%' || c == '#') {
                    return i;
                }
            }
        }
        return -1;
    }

    /** After a closing delimiter: {@code -} eats all whitespace, trim_blocks one newline. */
    private int afterTag(int i, boolean strip, boolean noTrim) {
        int start = i;
        if (strip) {
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        } else if (!noTrim) {
            if (s.startsWith("\r\n", i)) {
                i += 2;
            } else if (i < end && (s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
                i++;
            }
        }
        lineStarting = i > start && s.charAt(i - 1) == '\n';
        return i;
    }

    /** Tokens inside {@code {{ }}} or {@code {% %}}, up to and including the closing delimiter. */
    private int expression(int i, boolean block, int open) {
        String close = block ? "%}" : "}}";
        int depth = 0;
        while (true) {
            while (i < end && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            if (i >= end) {
                throw src.error(open, "unclosed '" + s.substring(open, open + 2) + "'");
            }
            if (depth == 0) {
                boolean minus = s.startsWith("-" + close, i);
                boolean plus = block && s.startsWith("+" + close, i);
                if (minus || plus || s.startsWith(close, i)) {
                    int after = i + close.length() + (minus || plus ? 1 : 0);
                    out.add(new Tok(block ? T.BLOCK_END : T.VAR_END, s.substring(i, after), i));
                    lineStarting = false;
                    return block || minus ? afterTag(after, minus, plus) : after;
                }
            }
            char c = s.charAt(i);
            if (c == '\'' || c == '"') {
                i = string(i, c);
            } else if (Character.isDigit(c)) {
                i = number(i);
            } else if (Character.isLetter(c) || c == '_') {
                int j = i;
                while (j < end && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                    j++;
                }
                out.add(new Tok(T.NAME, s.substring(i, j), i));
                i = j;
            } else {
                String two = i + 1 < end ? s.substring(i, i + 2) : "";
                if (OPS2.contains(two)) {
                    out.add(new Tok(T.OP, two, i));
                    i += 2;
                } else if (OPS1.indexOf(c) >= 0) {
                    if ("([{".indexOf(c) >= 0) {
                        depth++;
                    } else if (")]}".indexOf(c) >= 0) {
                        if (depth == 0) {
                            throw src.error(i, "unexpected '" + c + "'");
                        }
                        depth--;
                    }
                    out.add(new Tok(T.OP, String.valueOf(c), i));
                    i++;
                } else {
                    throw src.error(i, "unexpected character '" + c + "'");
                }
            }
        }
    }

    private int string(int i, char quote) {
        StringBuilder b = new StringBuilder();
        int j = i + 1;
        while (j < end && s.charAt(j) != quote) {
            char d = s.charAt(j);
            if (d == '\\' && j + 1 < end) {
                char e = s.charAt(++j);
                switch (e) {
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case '0' -> b.append('\0');
                    case '\\', '\'', '"' -> b.append(e);
                    case '\n' -> {}
                    case 'u', 'x' -> {
                        int n = e == 'u' ? 4 : 2;
                        if (j + n >= end) {
                            throw src.error(j, "bad escape in string");
                        }
                        b.append((char) Integer.parseInt(s.substring(j + 1, j + 1 + n), 16));
                        j += n;
                    }
                    default -> b.append('\\').append(e);
                }
            } else {
                b.append(d);
            }
            j++;
        }
        if (j >= end) {
            throw src.error(i, "unterminated string starting with " + quote);
        }
        out.add(new Tok(T.STRING, b.toString(), i));
        return j + 1;
    }

    private int number(int i) {
        int j = i;
        while (j < end && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
            j++;
        }
        boolean isFloat = false;
        if (j + 1 < end && s.charAt(j) == '.' && Character.isDigit(s.charAt(j + 1))) {
            isFloat = true;
            j++;
            while (j < end && (Character.isDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
        }
        if (j < end && (s.charAt(j) == 'e' || s.charAt(j) == 'E')) {
            int k = j + 1;
            if (k < end && (s.charAt(k) == '+' || s.charAt(k) == '-')) {
                k++;
            }
            if (k < end && Character.isDigit(s.charAt(k))) {
                isFloat = true;
                j = k;
                while (j < end && Character.isDigit(s.charAt(j))) {
                    j++;
                }
            }
        }
        out.add(new Tok(isFloat ? T.FLOAT : T.INT, s.substring(i, j).replace("_", ""), i));
        return j;
    }

    /** The body of {@code {% raw %}} as text, up to {@code {% endraw %}}. */
    private int raw(int i, int open, boolean stripStart) {
        Matcher m = ENDRAW.matcher(s).region(i, end);
        if (!m.find()) {
            throw src.error(open, "missing '{% endraw %}'");
        }
        String text = s.substring(i, m.start());
        if (stripStart) {
            text = text.stripLeading();
        }
        if (m.group(1).equals("-")) {
            text = Jinja.rstrip(text);
        }
        // The raw tags themselves produce nothing: drop their tokens, keep the text.
        out.remove(out.size() - 1);
        out.remove(out.size() - 1);
        out.remove(out.size() - 1);
        data(text, i);
        return afterTag(m.end(), m.group(2).equals("-"), m.group(2).equals("+"));
    }
}
