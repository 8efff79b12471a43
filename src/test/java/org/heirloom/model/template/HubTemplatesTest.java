package org.heirloom.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Regression corpus: real Hub chat templates rendered on their inputs must equal the text
 * transformers' {@code apply_chat_template} produced ({@code ../shared/chat-templates}). Fixtures
 * whose target is specific to the JavaScript renderer ({@code python_jinja2_agrees: false}) are
 * skipped.
 */
class HubTemplatesTest {

    static Path corpus() {
        String shared = System.getProperty("heirloom.shared", "../shared");
        Path p = Path.of(shared, "chat-templates", "hub-templates.json");
        assumeTrue(
                Files.isRegularFile(p),
                "chat template corpus not found (../shared/chat-templates/hub-templates.json)");
        return p;
    }

    /** The day the corpus targets were rendered (SmolLM3's template prints strftime_now). */
    static final Instant FIXTURE_DAY = Instant.parse("2025-07-10T12:00:00Z");

    /** The text around the first differing character, to make a failure readable. */
    static String firstDifference(String want, String got) {
        int i = 0;
        while (i < Math.min(want.length(), got.length()) && want.charAt(i) == got.charAt(i)) {
            i++;
        }
        int from = Math.max(0, i - 60);
        return "first difference at char "
                + i
                + "\n want: "
                + want.substring(from, Math.min(want.length(), i + 60)).replace("\n", "\\n")
                + "\n got:  "
                + got.substring(from, Math.min(got.length(), i + 60)).replace("\n", "\\n")
                + "\n";
    }

    @TestFactory
    Stream<DynamicTest> everyAgreeingFixtureRendersExactly() throws IOException {
        JsonNode all = new ObjectMapper().readTree(corpus().toFile());
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode f : all) {
            if (!f.path("python_jinja2_agrees").asBoolean(false)) {
                continue;
            }
            tests.add(
                    DynamicTest.dynamicTest(
                            f.get("name").asText(),
                            () -> {
                                @SuppressWarnings("unchecked")
                                Map<String, Object> vars =
                                        (Map<String, Object>) Jinja.fromJson(f.get("data"));
                                String out =
                                        Jinja.parse(
                                                        f.get("chat_template").asText(),
                                                        f.get("name").asText())
                                                .render(vars, FIXTURE_DAY);
                                String want = f.get("target").asText();
                                assertEquals(want, out, () -> firstDifference(want, out));
                            }));
        }
        assumeTrue(!tests.isEmpty(), "corpus is empty");
        return tests.stream();
    }
}
