package org.heirloom.bench.score;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.heirloom.bench.peer.PeerScript;
import org.heirloom.bench.peer.PeerScript.PeerException;

/**
 * {@code bench score}'s peer: LexicalRichness 0.5.1's MTLD ({@code mtld_bench.py} with the
 * unmodified {@code lexicalrichness_0_5_1.py}), one core, on texts it writes so that Heirloom
 * scores the identical input.
 */
public final class MtldPeer {

    public static final String SCRIPT = "mtld_bench.py";
    public static final String MODULE = "lexicalrichness_0_5_1.py";
    public static final String MTLD = "mtld texts/s";

    private MtldPeer() {}

    /** The script and a Python with what LexicalRichness imports. */
    public static PeerScript locate(Path peersDir, String python) throws PeerException {
        if (!Files.isRegularFile(peersDir.resolve(MODULE))) {
            throw new PeerException(peersDir.resolve(MODULE) + ": no such file");
        }
        return PeerScript.locate(
                peersDir, SCRIPT, python, List.of("numpy", "scipy", "pandas", "matplotlib"), 1800);
    }

    /** One measuring round: {@code reps} timed passes over {@code texts} texts. */
    public static List<String> args(PeerScript p, int texts, int reps, Path writeTexts) {
        List<String> a = new ArrayList<>();
        a.add(p.script().resolveSibling(MODULE).toString());
        a.add("--texts");
        a.add(Integer.toString(texts));
        a.add("--reps");
        a.add(Integer.toString(reps));
        if (writeTexts != null) {
            a.add("--write-texts");
            a.add(writeTexts.toString());
        }
        return a;
    }

    /** The peer's figure: median texts/s of {@code LexicalRichness(t).mtld()}. */
    public static Map<String, Double> figures(JsonNode out) throws PeerException {
        return Map.of(MTLD, PeerScript.number(SCRIPT, out, "mtld_texts_s"));
    }

    /** The texts of a {@code --write-texts} file (JSONL with a "text" field), in order. */
    public static List<String> readTexts(Path file) throws PeerException {
        ObjectMapper m = new ObjectMapper();
        List<String> out = new ArrayList<>();
        try {
            int line = 0;
            for (String l : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                line++;
                if (l.isBlank()) {
                    continue;
                }
                JsonNode t = m.readTree(l).get("text");
                if (t == null || !t.isTextual()) {
                    throw new PeerException(file + ": line " + line + " has no \"text\"");
                }
                out.add(t.asText());
            }
        } catch (IOException e) {
            throw new PeerException(file + ": " + e.getMessage().lines().findFirst().orElse(""));
        }
        if (out.isEmpty()) {
            throw new PeerException(file + ": no texts");
        }
        return out;
    }
}
