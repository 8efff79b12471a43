package org.heirloom.ui.prompts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;

/** Table cells show at most 2,000 characters of a prompt, and say how long a cut one is. */
class PromptPreviewTest {

    @Test
    void shortPromptsAreShownWholeAndLongOnesCut() {
        String shortText = "x".repeat(2_000);
        assertSame(shortText, PromptSetViewModel.preview(shortText));
        String huge = "a".repeat(5_000_000);
        String shown = PromptSetViewModel.preview(huge);
        assertEquals("a".repeat(2_000) + " … (5000000 characters)", shown);
    }
}
