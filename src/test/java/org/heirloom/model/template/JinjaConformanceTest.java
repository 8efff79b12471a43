package org.heirloom.model.template;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Small templates over the whole supported subset (whitespace control, values and operators, tests,
 * filters, methods, loops, macros, call and set blocks), each compared with what Python's Jinja2
 * rendered in transformers' environment. The expectations were produced by {@code
 * jinja_conformance.py} (beside the JSON), not by this interpreter.
 */
class JinjaConformanceTest {

    @TestFactory
    Stream<DynamicTest> rendersAsPythonJinja2() throws Exception {
        JsonNode all;
        try (InputStream in = getClass().getResourceAsStream("jinja-conformance.json")) {
            all = new ObjectMapper().readTree(in);
        }
        @SuppressWarnings("unchecked")
        Map<String, Object> vars = (Map<String, Object>) Jinja.fromJson(all.get("variables"));
        Instant now = Instant.parse("2025-07-10T14:05:09Z");
        List<DynamicTest> tests = new ArrayList<>();
        for (JsonNode c : all.get("cases")) {
            tests.add(
                    DynamicTest.dynamicTest(
                            c.get("name").asText(),
                            () -> {
                                if (c.has("error")) {
                                    // Jinja2 refused it; so must we, with a positioned message.
                                    Jinja.TemplateException e =
                                            assertThrows(
                                                    Jinja.TemplateException.class,
                                                    () ->
                                                            Jinja.parse(
                                                                            c.get("template")
                                                                                    .asText(),
                                                                            "t")
                                                                    .render(vars, now));
                                    assertTrue(
                                            e.getMessage().matches("t:\\d+:\\d+: .+"),
                                            e.getMessage());
                                    return;
                                }
                                String want = c.get("output").asText();
                                String got =
                                        Jinja.parse(
                                                        c.get("template").asText(),
                                                        c.get("name").asText())
                                                .render(vars, now);
                                assertEquals(
                                        want,
                                        got,
                                        () -> HubTemplatesTest.firstDifference(want, got));
                            }));
        }
        return tests.stream();
    }
}
