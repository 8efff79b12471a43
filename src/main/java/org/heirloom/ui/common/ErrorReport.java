package org.heirloom.ui.common;

import java.io.PrintWriter;
import java.io.StringWriter;

/**
 * An error to show the user: a title, a one-line message, and details on demand.
 *
 * @param title what was being done
 * @param message the one-line cause
 * @param details the full trace, for the "details" pane
 */
public record ErrorReport(String title, String message, String details) {

    public static ErrorReport of(String title, Throwable error) {
        Throwable root = error;
        while (root.getCause() != null
                && (root.getMessage() == null
                        || root instanceof java.util.concurrent.CompletionException)) {
            root = root.getCause();
        }
        String message = root.getMessage() != null ? root.getMessage() : root.toString();
        StringWriter sw = new StringWriter();
        error.printStackTrace(new PrintWriter(sw));
        return new ErrorReport(title, message, sw.toString());
    }
}
