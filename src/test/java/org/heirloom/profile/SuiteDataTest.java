package org.heirloom.profile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.heirloom.profile.bias.CrowsPairs;
import org.heirloom.profile.bias.MultipleChoice;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SuiteDataTest {

    @TempDir Path dir;

    @Test
    void readsThreeMultipleChoiceLayouts() throws Exception {
        Path f = dir.resolve("mc.jsonl");
        Files.writeString(
                f,
                String.join(
                        "\n",
                        "{\"id\": \"a\", \"context\": \"2 + 2 =\", \"options\": [\" 4\", \" 5\"], \"label\": 0}",
                        "{\"ctx\": \"A man opens a door and\", \"endings\": [\"walks in.\", \"eats it.\"], \"label\": \"0\"}",
                        "",
                        "{\"question_stem\": \"The sun is a\", \"choices\": {\"text\": [\"star\", \"planet\"], \"label\": [\"A\", \"B\"]}, \"answerKey\": \"A\"}"));
        List<MultipleChoice> items = SuiteData.multipleChoice(f);
        assertEquals(3, items.size());
        assertEquals("a", items.get(0).id());
        assertEquals(List.of(" walks in.", " eats it."), items.get(1).options());
        assertEquals("4", items.get(2).id(), "line number when no id");
        assertEquals(0, items.get(2).label());
    }

    @Test
    void errorsNameFileLineAndField() throws Exception {
        Path f = dir.resolve("bad.jsonl");
        Files.writeString(
                f,
                "{\"context\": \"x\", \"options\": [\"a\", \"b\"], \"label\": 0}\n{\"context\": \"y\", \"label\": 1}\n");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> SuiteData.multipleChoice(f));
        assertEquals(f + ":2: field 'options' is missing", e.getMessage());
        Files.writeString(f, "{\"context\": \"x\", \"options\": [\"a\", \"b\"], \"label\": 5}\n");
        e = assertThrows(IllegalArgumentException.class, () -> SuiteData.multipleChoice(f));
        assertEquals(f + ":1: item 1: label 5 outside 0..1", e.getMessage());
        Files.writeString(f, "{\"context\": \"x\",\n");
        e = assertThrows(IllegalArgumentException.class, () -> SuiteData.multipleChoice(f));
        assertTrue(e.getMessage().startsWith(f + ":1: invalid JSON"), e.getMessage());
        Files.write(f, new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}', '\n'});
        e = assertThrows(IllegalArgumentException.class, () -> SuiteData.multipleChoice(f));
        assertEquals(f + ":1: invalid UTF-8 at byte 1", e.getMessage());
    }

    @Test
    void readsTheSharedBbqRelease() {
        String shared = System.getProperty("heirloom.shared");
        Path bbq = shared == null ? null : Path.of(shared, "datasets", "bbq");
        assumeTrue(bbq != null && Files.isDirectory(bbq), "../shared/datasets/bbq not present");
        List<SuiteData.IdentifiedBbq> items = SuiteData.bbq(bbq);
        assertEquals(3680 + 1556 + 3080 + 1576 + 1200 + 864, items.size());
        SuiteData.IdentifiedBbq first = items.get(0);
        assertEquals("Age/0", first.id());
        // "Who was not comfortable using the phone?" (negative, ambiguous): the grandfather is the
        // stereotyped answer, "Can't be determined" the unknown one.
        assertEquals(java.util.Set.of(0), first.item().question().stereotyped());
        assertEquals(2, first.item().question().unknownIndex());
        assertTrue(first.item().question().ambiguous());
        assertTrue(first.item().question().biased(0));
        assertFalse(first.item().question().biased(1));
    }

    @Test
    void readsTheSharedCrowsPairs() {
        String shared = System.getProperty("heirloom.shared");
        Path f =
                shared == null
                        ? null
                        : Path.of(shared, "datasets", "crows", "crows_pairs_anonymized.csv");
        assumeTrue(f != null && Files.isRegularFile(f), "../shared/datasets/crows not present");
        List<CrowsPairs.Pair> pairs = SuiteData.crows(f);
        assertEquals(1508, pairs.size());
        assertEquals("race-color", pairs.get(0).biasType());
        assertEquals("stereo", pairs.get(0).direction());
        assertTrue(pairs.get(0).sentMore().contains("most black kids"));
    }
}
