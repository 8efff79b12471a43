package org.heirloom.bench.peer;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.function.DoubleSupplier;

/**
 * Heirloom and an independent baseline measured in the same run, in alternating rounds (Heirloom,
 * peer, Heirloom, peer, …) so that a change in the machine's load hits both sides alike. Each
 * figure's ratio is the median over rounds of that round's Heirloom / peer; it is only claimed when
 * the {@link LoadGate} allows it.
 */
public final class SideBySide {

    /** One side's round: named figures (higher is better), in the order they are printed. */
    @FunctionalInterface
    public interface Round {
        Map<String, Double> run(int round) throws Exception;
    }

    /**
     * What was measured.
     *
     * @param peerName what the baseline is (for the report)
     * @param order the rounds as they ran, e.g. {@code heirloom 1, peer 1, heirloom 2, ...}
     * @param ours every Heirloom figure, one value per round
     * @param peer every peer figure, one value per round it completed
     * @param peerMissing why the peer was not (fully) measured; null when it was
     * @param load the load average at start and end
     */
    public record Outcome(
            String peerName,
            List<String> order,
            Map<String, List<Double>> ours,
            Map<String, List<Double>> peer,
            String peerMissing,
            LoadGate load) {

        /**
         * Median over rounds of Heirloom / peer for {@code figure}; empty when the peer lacks it or
         * the load forbids a claim.
         */
        public OptionalDouble medianRatio(String figure) {
            List<Double> a = ours.get(figure);
            List<Double> b = peer.get(figure);
            if (!load.allowsRatio() || a == null || b == null || b.isEmpty()) {
                return OptionalDouble.empty();
            }
            int n = Math.min(a.size(), b.size());
            double[] r = new double[n];
            for (int i = 0; i < n; i++) {
                r[i] = a.get(i) / b.get(i);
            }
            return OptionalDouble.of(median(r));
        }

        /** Every round's figures, then one line per figure with its median ratio or why none. */
        public void print(PrintWriter out) {
            out.println("side by side with " + peerName + " (" + String.join(", ", order) + ")");
            for (String f : ours.keySet()) {
                OptionalDouble r = medianRatio(f);
                out.printf(
                        Locale.ROOT,
                        "  %-24s heirloom %s | peer %s | %s%n",
                        f,
                        values(ours.get(f)),
                        peer.containsKey(f) ? values(peer.get(f)) : "-",
                        r.isPresent()
                                ? String.format(Locale.ROOT, "median ratio %.2fx", r.getAsDouble())
                                : "no ratio");
            }
            out.println("  " + load.describe());
            if (peerMissing != null) {
                out.println("  peer not measured: " + peerMissing);
            }
        }

        public ObjectNode toJson(ObjectMapper mapper) {
            ObjectNode o = mapper.createObjectNode();
            o.put("peer", peerName);
            o.set("order", mapper.valueToTree(order));
            o.set("heirloom", mapper.valueToTree(ours));
            o.set("peerFigures", mapper.valueToTree(peer));
            ObjectNode ratios = o.putObject("medianRatios");
            for (String f : ours.keySet()) {
                medianRatio(f).ifPresent(v -> ratios.put(f, v));
            }
            o.put("loadStart", load.start());
            o.put("loadEnd", load.end());
            o.put("ratioClaimed", load.allowsRatio() && peerMissing == null);
            if (!load.allowsRatio()) {
                o.put("noRatioBecause", load.describe());
            }
            if (peerMissing != null) {
                o.put("peerMissing", peerMissing);
            }
            return o;
        }
    }

    private SideBySide() {}

    /**
     * Runs {@code rounds} alternating rounds. A peer that is absent ({@code peer} null, with {@code
     * peerMissing} saying why) or fails in a round is reported in one line; Heirloom's rounds still
     * run. Each round's figures are printed to {@code log} as they come.
     */
    public static Outcome run(
            String peerName,
            int rounds,
            int threads,
            Round ours,
            Round peer,
            String peerMissing,
            DoubleSupplier loadAverage,
            PrintWriter log)
            throws Exception {
        double start = loadAverage.getAsDouble();
        log.printf(Locale.ROOT, "load average at start: %.2f%n", start);
        log.flush();
        List<String> order = new ArrayList<>();
        Map<String, List<Double>> a = new LinkedHashMap<>();
        Map<String, List<Double>> b = new LinkedHashMap<>();
        String missing = peer == null ? peerMissing : null;
        for (int r = 1; r <= rounds; r++) {
            Map<String, Double> mine = ours.run(r);
            order.add("heirloom " + r);
            add(a, mine);
            log.println("round " + r + " heirloom: " + figures(mine));
            log.flush();
            if (peer != null && missing == null) {
                try {
                    Map<String, Double> theirs = peer.run(r);
                    order.add("peer " + r);
                    add(b, theirs);
                    log.println("round " + r + " peer:     " + figures(theirs));
                } catch (PeerScript.PeerException e) {
                    missing = e.getMessage();
                    log.println("round " + r + " peer:     failed: " + missing);
                }
                log.flush();
            }
        }
        double end = loadAverage.getAsDouble();
        log.printf(Locale.ROOT, "load average at end: %.2f%n", end);
        log.flush();
        return new Outcome(peerName, order, a, b, missing, new LoadGate(start, end, threads));
    }

    private static void add(Map<String, List<Double>> into, Map<String, Double> round) {
        round.forEach((k, v) -> into.computeIfAbsent(k, x -> new ArrayList<>()).add(v));
    }

    private static String figures(Map<String, Double> m) {
        StringBuilder s = new StringBuilder();
        m.forEach(
                (k, v) ->
                        s.append(s.length() == 0 ? "" : ", ")
                                .append(k)
                                .append(' ')
                                .append(String.format(Locale.ROOT, "%.2f", v)));
        return s.toString();
    }

    private static String values(List<Double> v) {
        StringBuilder s = new StringBuilder();
        for (double d : v) {
            s.append(s.length() == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%.2f", d));
        }
        return s.toString();
    }

    static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        int n = s.length;
        return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
    }
}
