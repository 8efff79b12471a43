package org.heirloom.recipe;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One problem with a recipe, split into the YAML path it names ({@code selections[1].strategy}),
 * the line (syntax errors) and the message, so that an editor can put it next to the field.
 *
 * @param path YAML path, or "" when the problem is not about one value
 * @param line 1-based line for syntax errors, else 0
 */
public record RecipeProblem(String path, int line, String message) {

    private static final Pattern LINE = Pattern.compile("(\\d+): (.*)", Pattern.DOTALL);
    private static final Pattern PATH =
            Pattern.compile(
                    "([A-Za-z_][\\w-]*(?:\\[\\d+])*(?:\\.[\\w-]+(?:\\[\\d+])*)*): (.*)",
                    Pattern.DOTALL);

    /**
     * Splits a message of {@link RecipeParser} ({@code SOURCE: PATH: problem}, {@code SOURCE:LINE:
     * not valid YAML ...}) or of {@link RecipeRunner} ({@code PATH: problem}).
     *
     * @param source the source name given to the parser
     */
    public static RecipeProblem of(String source, String message) {
        String m = message == null ? "failed" : message;
        if (m.startsWith(source + ":")) {
            m = m.substring(source.length() + 1);
            Matcher line = LINE.matcher(m);
            if (line.matches()) {
                return new RecipeProblem("", Integer.parseInt(line.group(1)), line.group(2));
            }
            m = m.strip();
        }
        Matcher path = PATH.matcher(m);
        if (path.matches()) {
            return new RecipeProblem(path.group(1), 0, path.group(2));
        }
        return new RecipeProblem("", 0, m);
    }

    /** Whether this problem is about {@code p} or something inside it. */
    public boolean isAt(String p) {
        return path.equals(p) || path.startsWith(p + ".") || path.startsWith(p + "[");
    }

    @Override
    public String toString() {
        if (line > 0) {
            return "line " + line + ": " + message;
        }
        return path.isEmpty() ? message : path + ": " + message;
    }
}
