package org.heirloom.select;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Strategies over a hand-made pool whose answers were worked out by hand (see comments). */
class SelectorTest {

    private static PoolCandidate c(
            long id, int teacher, int idx, double mtld, double tox, double words) {
        Map<String, Double> s = new HashMap<>();
        s.put("mtld", mtld);
        s.put("toxicity", tox);
        s.put("words", words);
        return new PoolCandidate(id, teacher, idx, s);
    }

    // Prompt 1:   id  teacher idx  mtld  toxicity words
    //             11   0      0    50    0.10     40
    //             12   0      1    70    0.60     80
    //             13   1      0    70    0.20     60
    //             14   1      1    60    0.05    120
    // Prompt 2:   21   0      0    30    0.50    100
    //             22   0      1    NaN   0.10     10
    //             23   1      0    40    0.90     55
    //             24   1      1    40    0.30     20
    private static final List<PromptPool> POOLS =
            List.of(
                    new PromptPool(
                            1,
                            "h1",
                            List.of(
                                    c(14, 1, 1, 60, 0.05, 120),
                                    c(11, 0, 0, 50, 0.10, 40),
                                    c(13, 1, 0, 70, 0.20, 60),
                                    c(12, 0, 1, 70, 0.60, 80))),
                    new PromptPool(
                            2,
                            "h2",
                            List.of(
                                    c(21, 0, 0, 30, 0.50, 100),
                                    c(22, 0, 1, Double.NaN, 0.10, 10),
                                    c(23, 1, 0, 40, 0.90, 55),
                                    c(24, 1, 1, 40, 0.30, 20))));

    private static List<Long> pick(String strategy) {
        return Selector.select(Strategy.parse(strategy), POOLS, 0).choices().stream()
                .map(Choice::candidateId)
                .toList();
    }

    @Test
    void maxBreaksTiesByTeacherThenIndex() {
        // P1: 12 and 13 both 70 -> teacher 0 first -> 12; P2: 23 and 24 both 40 -> index 0 -> 23.
        assertEquals(List.of(12L, 23L), pick("max:mtld"));
        Selector.Outcome o = Selector.select(Strategy.parse("max:mtld"), POOLS, 0);
        assertEquals(70.0, o.choices().get(0).value());
        assertEquals(8, o.considered());
        assertEquals(7, o.eligible(), "22 has no mtld");
    }

    @Test
    void minAndComposite() {
        assertEquals(List.of(14L, 22L), pick("min:toxicity"));
        // mtld - 40*tox: P1 46, 46, 62, 58 -> 13; P2 10, NaN, 4, 28 -> 24.
        assertEquals(List.of(13L, 24L), pick("max:mtld - 40*toxicity"));
        assertEquals(List.of(11L, 23L), pick("min:mtld - 40*toxicity"));
    }

    @Test
    void targetIsClosestValue() {
        // |words-100|: P1 60, 20, 40, 20 -> tie 12 (teacher 0) over 14; P2 0 -> 21.
        assertEquals(List.of(12L, 21L), pick("target:words=100"));
        Selector.Outcome o = Selector.select(Strategy.parse("target:words=100"), POOLS, 0);
        assertEquals(
                80.0,
                o.choices().get(0).value(),
                "the value stored is the metric, not the distance");
    }

    @Test
    void filtersThenObjective() {
        // words>=50: P1 {12, 13, 14} -> max mtld tie 12/13 -> 12; P2 {21, 23} -> 23.
        assertEquals(List.of(12L, 23L), pick("filter:words>=50,max:mtld"));
        // Second filter: P1 keeps 13, 14 -> 13; P2 keeps none (21: 0.5, 100; 23: 0.9, 55).
        assertEquals(
                List.of(13L), pick("filter:words>=50,filter:toxicity<0.5 or words>100,max:mtld"));
        Selector.Outcome none =
                Selector.select(Strategy.parse("filter:words>=200,max:mtld"), POOLS, 0);
        assertEquals(List.of(), none.choices());
        assertEquals(List.of(1L, 2L), none.skippedPrompts());
    }

    @Test
    void teacherRestrictionAndFirst() {
        assertEquals(List.of(13L, 23L), pick("teacher:1,max:mtld"));
        assertEquals(List.of(11L, 21L), pick("first"));
        assertEquals(List.of(13L, 23L), pick("teacher:1,first"));
        assertEquals(List.of(11L, 21L), pick("teacher:0|1,first"));
    }

    @Test
    void lexicographic() {
        // mtld ties broken by lower toxicity: P1 13 (0.2 < 0.6); P2 24 (0.3 < 0.9).
        assertEquals(List.of(13L, 24L), pick("lex:max:mtld;min:toxicity"));
        // 22 has the lowest toxicity of P2 but no mtld: every objective must be defined.
        assertEquals(List.of(14L, 24L), pick("lex:min:toxicity;max:mtld"));
    }

    @Test
    void zScoreSum() {
        // Eligible pool (22 excluded): mtld mean 51.4286, sd 14.5686; toxicity mean 0.378571,
        // sd 0.282664 (population). z(mtld) - z(tox): P1 0.8875, 0.4913, 1.9065, 1.7507 -> 13;
        // P2 -1.9005, -2.6292, -0.5065 -> 24.
        Selector.Outcome o = Selector.select(Strategy.parse("zsum:mtld=1;toxicity=-1"), POOLS, 0);
        assertEquals(List.of(13L, 24L), o.choices().stream().map(Choice::candidateId).toList());
        assertEquals(1.9065, o.choices().get(0).value(), 1e-3);
        assertEquals(-0.5065, o.choices().get(1).value(), 1e-3);
        // Weight on toxicity alone: lowest toxicity among those with a defined mtld... 22 is out.
        assertEquals(List.of(14L, 24L), pick("zsum:mtld=0;toxicity=-1"));
    }

    @Test
    void paretoPicksFromTheFront() {
        // P1 front {13, 14} (11 dominated by 14, 12 by 13); z-sum 1.9065 vs 1.7507 -> 13.
        // P2: 24 dominates 21 and 23 -> 24.
        assertEquals(List.of(13L, 24L), pick("pareto:max:mtld;min:toxicity"));
        List<PoolCandidate> p1 = new ArrayList<>(POOLS.get(0).candidates());
        p1.sort(java.util.Comparator.comparingLong(PoolCandidate::candidateId));
        Set<Long> front = new HashSet<>();
        Selector.paretoFront(
                        ((Objective.Pareto)
                                        Strategy.parse("pareto:max:mtld;min:toxicity").objective())
                                .objectives(),
                        p1)
                .forEach(c -> front.add(c.candidateId()));
        assertEquals(Set.of(13L, 14L), front);
    }

    @Test
    void randomIsSeededPerPromptAndIndependentOfOrder() {
        List<Long> a = pick("random:5");
        assertEquals(a, pick("random:5"));
        List<PromptPool> reversed = new ArrayList<>(POOLS);
        Collections.reverse(reversed);
        List<Long> b =
                Selector.select(Strategy.parse("random:5"), reversed, 0).choices().stream()
                        .map(Choice::candidateId)
                        .toList();
        assertEquals(List.of(a.get(1), a.get(0)), b);
        Set<Long> seen = new HashSet<>();
        for (int seed = 0; seed < 40; seed++) {
            long id = pick("random:" + seed).get(0);
            assertTrue(id >= 11 && id <= 14);
            seen.add(id);
        }
        assertEquals(4, seen.size(), "40 seeds reach every candidate of prompt 1");
        // Without a seed, the run's seed is used.
        assertEquals(
                a,
                Selector.select(Strategy.parse("random"), POOLS, 5).choices().stream()
                        .map(Choice::candidateId)
                        .toList());
    }

    @Test
    void strategyGrammarErrors() {
        assertMessage("max:mtld,max:words", "nothing may follow the objective");
        assertMessage("filter:words>3", "has no objective");
        assertMessage("teacher:x,first", "'x' is not a teacher index");
        assertMessage("target:words", "expected target:EXPR=VALUE");
        assertMessage("best:mtld", "unknown step 'best'");
        assertMessage("pareto:max:mtld", "two or more objectives");
        assertMessage("lex:mtld", "should be max:EXPR or min:EXPR");
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Strategy.parse("max:mtld - (2"));
        // The column is within the step's expression, which the message shows.
        assertTrue(
                e.getMessage().contains("at column 10\n  mtld - (2\n           ^"), e.getMessage());
        // '>=' inside target is not the assignment.
        Objective.Target t = (Objective.Target) Strategy.parse("target:words>=3=1").objective();
        assertEquals(1.0, t.target());
        assertEquals("words>=3", t.expr().source());
        // Commas inside parentheses do not split steps.
        assertEquals(Set.of("mtld", "words"), Strategy.parse("max:min(mtld, words)").metrics());
    }

    private static void assertMessage(String strategy, String fragment) {
        IllegalArgumentException e =
                assertThrows(IllegalArgumentException.class, () -> Strategy.parse(strategy));
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
