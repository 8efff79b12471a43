package org.heirloom.teacher;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TeacherLabelsTest {

    @Test
    void shortensEachKindOfSpec() {
        assertEquals(
                "local 02ddb1a5",
                TeacherLabels.shortLabel(
                        "local:sha256=02ddb1a5b7f84d3c38f8;template=### Question: {prompt}\n"
                                + " ### Answer: "));
        assertEquals("local teacher", TeacherLabels.shortLabel("local:../models/teacher/;batch=8"));
        assertEquals(
                "openai Qwen2.5-7B",
                TeacherLabels.shortLabel("openai:http://127.0.0.1:8000/v1#Qwen2.5-7B;api=chat"));
        assertEquals("import c.jsonl", TeacherLabels.shortLabel("import:example/c.jsonl"));
        assertEquals("something", TeacherLabels.shortLabel("something"));
    }
}
