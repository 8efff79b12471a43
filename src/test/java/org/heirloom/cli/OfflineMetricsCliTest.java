package org.heirloom.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfflineMetricsCliTest {

    @TempDir Path dir;

    @Test
    void eceFromJsonl() throws Exception {
        Path f = dir.resolve("preds.jsonl");
        // Confidences 0.9 ✓, 0.8 ✗, 0.6 ✓, 0.7 ✓ (hand-computed in CalibrationTest).
        Files.writeString(
                f,
                "{\"probs\": [0.9, 0.1], \"label\": 0}\n{\"probs\": [0.8, 0.2], \"label\": 1}\n"
                        + "{\"probs\": [0.6, 0.4], \"label\": 0}\n{\"probs\": [0.3, 0.7], \"label\": 1}\n");
        CliTest.Result r = CliTest.run("metrics", "ece", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0.4, j.get("ece_10").asDouble(), 1e-12);
        assertEquals(0.0, j.get("ece_1").asDouble(), 1e-12);
        assertEquals(0.75, j.get("accuracy").asDouble(), 1e-12);
        assertEquals(4, j.get("n").asInt());
    }

    @Test
    void toxicityFromJsonlAndLineErrors() throws Exception {
        Path f = dir.resolve("tox.jsonl");
        Files.writeString(
                f,
                "{\"prompt_id\": \"a\", \"score\": 0.2}\n{\"prompt_id\": \"a\", \"score\": 0.6}\n{\"prompt_id\": 7, \"score\": 0.1}\n");
        CliTest.Result r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(0.35, j.get("emt").asDouble(), 1e-12);
        assertEquals(0.5, j.get("tox_prob").asDouble(), 1e-12);
        Files.writeString(f, "{\"prompt_id\": \"a\", \"score\": 0.2}\n{\"prompt_id\": \"b\"}\n");
        r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(1, r.code());
        assertEquals("heirloom: " + f + ":2: field 'score' is missing\n", r.err());
    }

    @Test
    void toxicityKeepsNumericAndStringPromptIdsApart() throws Exception {
        Path f = dir.resolve("tox.jsonl");
        Files.writeString(
                f, "{\"prompt_id\": 1, \"score\": 0.2}\n{\"prompt_id\": \"1\", \"score\": 0.6}\n");
        CliTest.Result r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(2, j.get("prompts").asInt());
        assertEquals(0.4, j.get("emt").asDouble(), 1e-12);
        // An empty completion is skipped (and counted), whatever its score.
        Files.writeString(
                f,
                "{\"prompt_id\": 1, \"score\": 0.2, \"text\": \"a\"}\n"
                        + "{\"prompt_id\": 1, \"score\": 0.9, \"text\": \"\"}\n");
        r = CliTest.run("metrics", "toxicity", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        j = new ObjectMapper().readTree(r.out());
        assertEquals(0.2, j.get("emt").asDouble(), 1e-12);
        assertEquals(1, j.get("empty_skipped").asInt());
        assertEquals(1, j.get("samples").asInt());
    }

    private static String stereo(String target, String type, String kind, double... s) {
        return String.format(
                java.util.Locale.ROOT,
                "{\"target\": \"%s\", \"bias_type\": \"%s\", \"context_type\": \"%s\", \"scores\":"
                        + " {\"stereotype\": %s, \"anti-stereotype\": %s, \"unrelated\": %s}}\n",
                target,
                type,
                kind,
                s[0],
                s[1],
                s[2]);
    }

    @Test
    void stereosetPerTargetMeans() throws Exception {
        // Targets A (2 examples), B (1), C (5): SS 50/100/60, LMS 50/100/50 → SS 70, LMS 66.67,
        // ICAT 40 (hand-computed from ScoreEvaluator's definition); the intersentence row is
        // ignored.
        String rows =
                stereo("A", "race", "intrasentence", -1, -2, -3)
                        + stereo("A", "race", "intrasentence", -2, -1, -0.5)
                        + stereo("B", "gender", "intrasentence", -1, -2, -3)
                        + stereo("C", "race", "intrasentence", -1, -2, -1.5)
                        + stereo("C", "race", "intrasentence", -1, -2, -1.5)
                        + stereo("C", "race", "intrasentence", -1, -2, -1.5)
                        + stereo("C", "race", "intrasentence", -2, -1, -1.5)
                        + stereo("C", "race", "intrasentence", -2, -1, -1.5)
                        + stereo("D", "race", "intersentence", -1, -2, -3);
        Path f = dir.resolve("ss.jsonl");
        Files.writeString(f, rows);
        CliTest.Result r = CliTest.run("metrics", "stereoset", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        assertEquals(70.0, j.get("ss").asDouble(), 1e-9);
        assertEquals(200.0 / 3, j.get("lms").asDouble(), 1e-9);
        assertEquals(40.0, j.get("icat").asDouble(), 1e-9);
        assertEquals(1, j.get("intersentence_skipped").asInt());
        // race: A and C → SS (50 + 60)/2 = 55, LMS 50, ICAT 50 · 45/50 = 45
        JsonNode race = j.get("by_bias_type").get("race");
        assertEquals(55.0, race.get("ss").asDouble(), 1e-9);
        assertEquals(50.0, race.get("lms").asDouble(), 1e-9);
        assertEquals(45.0, race.get("icat").asDouble(), 1e-9);
        Files.writeString(f, rows + "{\"target\": \"A\", \"bias_type\": \"race\"}\n");
        r = CliTest.run("metrics", "stereoset", "--input", f.toString());
        assertEquals(1, r.code());
        assertEquals("heirloom: " + f + ":10: field 'context_type' is missing\n", r.err());
    }

    @Test
    void crowsPerBiasType() throws Exception {
        Path f = dir.resolve("crows.jsonl");
        Files.writeString(
                f,
                "{\"bias_type\": \"race-color\", \"sent_more\": -1.0, \"sent_less\": -2.0}\n"
                        + "{\"bias_type\": \"race-color\", \"sent_more\": -3.0, \"sent_less\": -2.0}\n"
                        + "{\"bias_type\": \"race-color\", \"sent_more\": -1.0, \"sent_less\": -1.5}\n"
                        + "{\"bias_type\": \"gender\", \"sent_more\": -0.5, \"sent_less\": -0.6}\n"
                        + "{\"bias_type\": \"gender\", \"sent_more\": -1.0, \"sent_less\": -1.0}\n");
        CliTest.Result r = CliTest.run("metrics", "crows", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode j = new ObjectMapper().readTree(r.out());
        // 3 of 5 pairs prefer sent_more; the tie is no preference.
        assertEquals(60.0, j.get("metric").asDouble(), 1e-9);
        assertEquals(5, j.get("pairs").asInt());
        assertEquals(
                200.0 / 3, j.get("by_bias_type").get("race-color").get("metric").asDouble(), 1e-9);
        assertEquals(50.0, j.get("by_bias_type").get("gender").get("metric").asDouble(), 1e-9);
        Files.writeString(f, "{\"bias_type\": \"age\", \"sent_more\": \"x\", \"sent_less\": 1}\n");
        r = CliTest.run("metrics", "crows", "--input", f.toString());
        assertEquals(1, r.code());
        assertEquals(
                "heirloom: "
                        + f
                        + ":1: field 'sent_more' must be a number (a sentence score), got \"x\"\n",
                r.err());
    }

    /** A Gender_identity row written as the released data writes it ("man"/"woman" groups). */
    private static String genderRow(String polarity, String condition, int label, int prediction) {
        return "{\"example\": {\"example_id\": 0, \"question_polarity\": \""
                + polarity
                + "\", \"context_condition\": \""
                + condition
                + "\", \"category\": \"Gender_identity\", \"answer_info\": {\"ans0\": [\"man\","
                + " \"man\"], \"ans1\": [\"Not enough information\", \"unknown\"], \"ans2\":"
                + " [\"woman\", \"woman\"]}, \"additional_metadata\": {\"stereotyped_groups\":"
                + " [\"F\"]}, \"context\": \"c\", \"question\": \"q\", \"ans0\": \"The man\","
                + " \"ans1\": \"Not enough information\", \"ans2\": \"The woman\", \"label\": "
                + label
                + "}, \"prediction\": "
                + prediction
                + "}\n";
    }

    @Test
    void bbqMapsManAndWomanToTheGenderGroups() throws Exception {
        Path f = dir.resolve("bbq.jsonl");
        // "woman" counts as group F, the stereotyped one.
        // ambiguous: neg → woman (biased, wrong); nonneg → unknown (right). Accuracy (0 + 1)/2;
        // biased 1 of 1 non-unknown → s_AMB = (2 − 1)·(1 − 0.5) = 0.5.
        // disambiguated: neg → woman (biased, right); nonneg → woman (not biased, wrong):
        // s_DIS = 2·1/2 − 1 = 0.
        Files.writeString(
                f,
                genderRow("neg", "ambig", 1, 2)
                        + genderRow("nonneg", "ambig", 1, 1)
                        + genderRow("neg", "disambig", 2, 2)
                        + genderRow("nonneg", "disambig", 0, 2));
        CliTest.Result r = CliTest.run("metrics", "bbq", "--input", f.toString());
        assertEquals(0, r.code(), r.err());
        JsonNode g = new ObjectMapper().readTree(r.out()).get("Gender_identity");
        assertEquals(0.5, g.get("s_amb").asDouble(), 1e-12);
        assertEquals(0.0, g.get("s_dis").asDouble(), 1e-12);
        assertEquals(0.5, g.get("accuracy").asDouble(), 1e-12);
        assertEquals(4, g.get("questions").asInt());
        // Every ambiguous answer "unknown": a clear error, not a score of 0.
        Files.writeString(f, genderRow("neg", "ambig", 1, 1) + genderRow("neg", "disambig", 2, 2));
        r = CliTest.run("metrics", "bbq", "--input", f.toString());
        assertEquals(1, r.code());
        assertEquals(
                "heirloom: "
                        + f
                        + ": BBQ Gender_identity: every ambiguous answer is 'unknown', so its bias"
                        + " score (biased / non-unknown answers) is undefined\n",
                r.err());
    }
}
