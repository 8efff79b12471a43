package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ConsoleProgressTest {

    @Test
    void nonInteractiveOutputIsThrottledPlainLines() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8);
        try (ConsoleProgress p = new ConsoleProgress("generate", err, false)) {
            p.start(1000, "candidates");
            for (int i = 0; i < 1000; i++) {
                p.advance(1);
            }
        }
        String[] lines = bytes.toString(StandardCharsets.UTF_8).split("\n");
        // The start line and the closing line; the 1000 advances in between are throttled away.
        assertEquals(2, lines.length, String.join("|", lines));
        assertEquals("generate: 0/1000 (0%)  candidates", lines[0]);
        assertTrue(lines[1].startsWith("generate: 1000/1000 (100%) ETA 0:00"), lines[1]);
        assertTrue(!bytes.toString(StandardCharsets.UTF_8).contains("\r"));
    }
}
