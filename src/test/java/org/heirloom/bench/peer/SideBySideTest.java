package org.heirloom.bench.peer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The side-by-side runner: a fake peer script's JSON line, the load gate, the alternation and the
 * median ratio, with hand-computed figures (no timing).
 */
class SideBySideTest {

    @TempDir Path dir;

    private final StringWriter log = new StringWriter();

    /** A peer written here: counts its calls in a file and reports rate 10 × call number. */
    private Path fakePeer() throws Exception {
        Path script = dir.resolve("fake_peer.py");
        Files.writeString(
                script,
                """
                import json, os, sys
                counter = os.path.join(os.path.dirname(os.path.abspath(__file__)), 'calls')
                n = int(open(counter).read()) + 1 if os.path.exists(counter) else 1
                open(counter, 'w').write(str(n))
                print('progress on stderr', file=sys.stderr)
                print('a plain line first')
                if '--fail' in sys.argv:
                    print('torch exploded', file=sys.stderr)
                    sys.exit(3)
                print(json.dumps({'rate': 10.0 * n, 'args': sys.argv[1:],
                                  'omp': os.environ.get('OMP_WAIT_POLICY')}))
                """);
        return script;
    }

    private static boolean hasPython() {
        try {
            Process p = new ProcessBuilder("python3", "-c", "pass").start();
            return p.waitFor() == 0;
        } catch (Exception e) {
            return false;
        }
    }

    @Test
    void runsTheScriptAndReadsItsLastJsonLineWithPassiveWaiting() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed: the subprocess test is skipped");
        PeerScript p = PeerScript.of("python3", fakePeer(), 60);
        JsonNode first = p.run(List.of("--x", "1"));
        assertEquals(10.0, first.get("rate").asDouble());
        assertEquals("--x", first.get("args").get(0).asText());
        assertEquals("passive", first.get("omp").asText());
        assertEquals(20.0, p.run(List.of()).get("rate").asDouble());
        PeerScript.PeerException e =
                assertThrows(PeerScript.PeerException.class, () -> p.run(List.of("--fail")));
        assertEquals("fake_peer.py exited with 3: torch exploded", e.getMessage());
    }

    @Test
    void parsesTheLastJsonObjectAndNamesWhatIsWrong() throws Exception {
        JsonNode n = PeerScript.parse("p.py", "{\"a\": 1}\nnoise\n{\"a\": 2, \"b\": [1.5]}\n");
        assertEquals(2, n.get("a").asInt());
        assertEquals(1.5, PeerScript.number("p.py", n, "/b/0"));
        assertEquals(
                "p.py: printed no JSON result line",
                assertThrows(PeerScript.PeerException.class, () -> PeerScript.parse("p.py", "x\n"))
                        .getMessage());
        assertTrue(
                assertThrows(
                                PeerScript.PeerException.class,
                                () -> PeerScript.parse("p.py", "ok\n{\"a\": \n"))
                        .getMessage()
                        .startsWith("p.py: line 2 of its output is not JSON"));
        assertEquals(
                "p.py: result has no number at /c",
                assertThrows(
                                PeerScript.PeerException.class,
                                () -> PeerScript.number("p.py", n, "c"))
                        .getMessage());
    }

    @Test
    void locateNamesTheMissingFolderOrScript() {
        Path missing = dir.resolve("nowhere");
        assertEquals(
                missing + ": no such folder of peer scripts",
                assertThrows(
                                PeerScript.PeerException.class,
                                () -> PeerScript.locate(missing, "x.py", null, List.of(), 10))
                        .getMessage());
        assertEquals(
                dir.resolve("x.py") + ": no such peer script",
                assertThrows(
                                PeerScript.PeerException.class,
                                () -> PeerScript.locate(dir, "x.py", null, List.of(), 10))
                        .getMessage());
    }

    @Test
    void locateNamesAModuleThePythonLacks() throws Exception {
        assumeTrue(hasPython(), "python3 is not installed: the module check is skipped");
        fakePeer();
        String msg =
                assertThrows(
                                PeerScript.PeerException.class,
                                () ->
                                        PeerScript.locate(
                                                dir,
                                                "fake_peer.py",
                                                "python3",
                                                List.of("no_such_module_heirloom"),
                                                10))
                        .getMessage();
        assertTrue(msg.startsWith("python3 cannot import no_such_module_heirloom ("), msg);
    }

    @Test
    void loadGateClaimsOnlyOnAQuietMachine() {
        assertTrue(new LoadGate(0.3, 2.4, 2).allowsRatio()); // the end figure counts our 2 threads
        assertTrue(new LoadGate(1.5, 3.5, 2).allowsRatio()); // both exactly at the limit
        assertFalse(new LoadGate(1.51, 1.0, 2).allowsRatio());
        assertFalse(new LoadGate(0.5, 3.6, 2).allowsRatio());
        assertFalse(new LoadGate(-1, -1, 2).allowsRatio()); // unknown
        assertTrue(new LoadGate(4.0, 5.0, 2).describe().contains("no ratio is claimed"));
        assertFalse(new LoadGate(1.0, 2.0, 2).describe().contains("no ratio"));
    }

    @Test
    void alternatesRoundsAndTakesTheMedianOfPerRoundRatios() throws Exception {
        List<String> calls = new ArrayList<>();
        Iterator<Double> oursRates = List.of(30.0, 20.0, 45.0).iterator();
        Iterator<Double> peerRates = List.of(10.0, 40.0, 15.0).iterator();
        SideBySide.Outcome o =
                SideBySide.run(
                        "fake",
                        3,
                        2,
                        r -> {
                            calls.add("ours " + r);
                            return Map.of("tok/s", oursRates.next());
                        },
                        r -> {
                            calls.add("peer " + r);
                            return Map.of("tok/s", peerRates.next());
                        },
                        null,
                        loads(0.4, 2.1),
                        new PrintWriter(log));
        assertEquals(List.of("ours 1", "peer 1", "ours 2", "peer 2", "ours 3", "peer 3"), calls);
        assertEquals(
                List.of("heirloom 1", "peer 1", "heirloom 2", "peer 2", "heirloom 3", "peer 3"),
                o.order());
        // per-round ratios 3.0, 0.5, 3.0: median 3.0 (not 95/65 = 1.46, the ratio of sums)
        assertEquals(3.0, o.medianRatio("tok/s").getAsDouble(), 1e-12);
        StringWriter report = new StringWriter();
        o.print(new PrintWriter(report));
        assertTrue(report.toString().contains("heirloom 30.00, 20.00, 45.00"), report.toString());
        assertTrue(report.toString().contains("peer 10.00, 40.00, 15.00"), report.toString());
        assertTrue(report.toString().contains("median ratio 3.00x"), report.toString());
        assertTrue(log.toString().contains("load average at start: 0.40"), log.toString());
        assertTrue(log.toString().contains("load average at end: 2.10"), log.toString());
    }

    @Test
    void printsTheFiguresButNoRatioUnderLoad() throws Exception {
        SideBySide.Outcome o =
                SideBySide.run(
                        "fake",
                        2,
                        2,
                        r -> Map.of("tok/s", 20.0),
                        r -> Map.of("tok/s", 10.0),
                        null,
                        loads(3.0, 4.0),
                        new PrintWriter(log));
        assertTrue(o.medianRatio("tok/s").isEmpty());
        StringWriter report = new StringWriter();
        o.print(new PrintWriter(report));
        String text = report.toString();
        assertTrue(text.contains("heirloom 20.00, 20.00 | peer 10.00, 10.00 | no ratio"), text);
        assertTrue(text.contains("no ratio is claimed"), text);
        assertFalse(
                o.toJson(new com.fasterxml.jackson.databind.ObjectMapper())
                        .get("ratioClaimed")
                        .asBoolean());
    }

    @Test
    void aMissingOrFailingPeerLeavesHeirloomMeasured() throws Exception {
        SideBySide.Outcome absent =
                SideBySide.run(
                        "fake",
                        2,
                        1,
                        r -> Map.of("tok/s", 5.0),
                        null,
                        "python3 cannot import torch",
                        loads(0.1, 0.2),
                        new PrintWriter(log));
        assertEquals(List.of("heirloom 1", "heirloom 2"), absent.order());
        assertEquals("python3 cannot import torch", absent.peerMissing());
        assertTrue(absent.medianRatio("tok/s").isEmpty());

        SideBySide.Outcome failing =
                SideBySide.run(
                        "fake",
                        3,
                        1,
                        r -> Map.of("tok/s", 5.0),
                        r -> {
                            if (r == 2) {
                                throw new PeerScript.PeerException("peer.py exited with 1");
                            }
                            return Map.of("tok/s", 2.5);
                        },
                        null,
                        loads(0.1, 0.2),
                        new PrintWriter(log));
        // Round 2's peer failed: no further peer rounds, Heirloom's still run.
        assertEquals(List.of("heirloom 1", "peer 1", "heirloom 2", "heirloom 3"), failing.order());
        assertEquals("peer.py exited with 1", failing.peerMissing());
        assertEquals(List.of(5.0, 5.0, 5.0), failing.ours().get("tok/s"));
        assertNull(failing.peer().get("other"));
        assertEquals(2.0, failing.medianRatio("tok/s").getAsDouble(), 1e-12);
    }

    private static java.util.function.DoubleSupplier loads(double start, double end) {
        Iterator<Double> it = List.of(start, end).iterator();
        return it::next;
    }
}
