package org.heirloom.project;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Path;
import java.util.List;
import org.heirloom.project.prompt.PromptInput;
import org.heirloom.project.prompt.PromptSetRepository;
import org.heirloom.project.run.RunRecord;
import org.heirloom.project.run.RunRepository;
import org.heirloom.project.run.RunTeacherRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** URL user-info (RFC 3986 §3.2.1: scheme "://" [userinfo "@"] host) never reaches a file. */
class SecretsTest {

    @TempDir Path dir;

    @Test
    void userInfoIsRemovedFromEveryUrlAndNothingElseChanges() {
        assertEquals(
                "openai:http://host:8000/v1#m",
                Secrets.stripUserInfo("openai:http://u:KEY@host:8000/v1#m"));
        assertEquals(
                "https://api.example/v1", Secrets.stripUserInfo("https://sk-only@api.example/v1"));
        assertEquals(
                "{\"endpoint\":\"http://h/v1\",\"spec\":\"openai:https://x/v1#m\"}",
                Secrets.stripUserInfo(
                        "{\"endpoint\":\"http://a:b@h/v1\",\"spec\":\"openai:https://k@x/v1#m\"}"));
        // An '@' after the host (a path, a query, an e-mail in text) is not user-info.
        assertEquals("http://h/v1?to=a@b.c", Secrets.stripUserInfo("http://h/v1?to=a@b.c"));
        assertEquals("mail me at a@b.c", Secrets.stripUserInfo("mail me at a@b.c"));
        assertEquals("/models/local@v2", Secrets.stripUserInfo("/models/local@v2"));
        assertNull(Secrets.stripUserInfo(null));
    }

    @Test
    void runsStoreSpecsParamsAndProvenanceWithoutKeys() {
        try (Project p = Project.create(dir.resolve("k.heirloom"), "k")) {
            long set = new PromptSetRepository(p).create("s", "t", List.of(PromptInput.of("a")));
            RunRepository runs = new RunRepository(p);
            RunRecord r =
                    runs.create(
                            "r",
                            set,
                            1,
                            1,
                            "{\"teachers\":[\"openai:http://me:sk-1@h/v1#m\"]}",
                            List.of("openai:http://me:sk-1@h/v1#m"),
                            List.of("{\"spec\":\"openai:http://me:sk-1@h/v1#m\"}"));
            RunTeacherRecord t = runs.teachers(r.id()).get(0);
            runs.setTeacherProvenance(t.id(), "{\"endpoint\":\"http://me:sk-2@h/v1\"}");
            String all =
                    p.read(
                            c ->
                                    Sql.first(
                                                    c,
                                                    "SELECT group_concat(x, ' ') FROM (SELECT params x"
                                                            + " FROM run UNION ALL SELECT spec FROM"
                                                            + " run_teacher UNION ALL SELECT"
                                                            + " provenance FROM run_teacher)",
                                                    rs -> rs.getString(1))
                                            .orElseThrow());
            assertEquals(
                    "{\"teachers\":[\"openai:http://h/v1#m\"]} openai:http://h/v1#m"
                            + " {\"endpoint\":\"http://h/v1\"}",
                    all);
            assertEquals("{\"teachers\":[\"openai:http://h/v1#m\"]}", runs.require("r").params());
        }
    }
}
