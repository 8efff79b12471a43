package org.heirloom.sample.models;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Writes a word-level {@code tokenizer.json} for Hugging Face {@code tokenizers} (what DJL loads):
 * a {@code Split} pre-tokenizer cuts text into words, numbers, punctuation runs and single
 * whitespace characters, each word or punctuation run <em>keeping one trailing space</em>; a {@code
 * ByteLevel} step maps the bytes to GPT-2's printable alphabet (space = Ġ); a {@code WordLevel}
 * model looks the pieces up. Spaces trail rather than lead so that a prompt ending in a space ("###
 * Answer: ") tokenises as a prefix of prompt + answer — generation then continues from exactly the
 * ids training saw. Decoding concatenates pieces, so any text made of known pieces round-trips
 * exactly; an unknown piece becomes {@code <unk>}. A post-processor prepends {@code <s>}.
 */
public final class WordTokenizer {

    /** Ids 0..3. */
    public static final String UNK = "<unk>";

    public static final String BOS = "<s>";
    public static final String EOS = "</s>";
    public static final String PAD = "<pad>";
    public static final List<String> SPECIALS = List.of(UNK, BOS, EOS, PAD);

    /** The split pattern (the same in Java and in the Rust tokenizer: ASCII classes only). */
    public static final String SPLIT_REGEX =
            "[A-Za-z]+(?:'[A-Za-z]+)? ?|[0-9]+ ?|[^A-Za-z0-9\\s]+ ?|\\s";

    private static final Pattern SPLIT = Pattern.compile(SPLIT_REGEX);
    private static final char[] BYTE_TO_CHAR = byteLevelAlphabet();
    private static final ObjectMapper JSON = new ObjectMapper();

    private WordTokenizer() {}

    /** The pre-tokenised pieces of {@code text}, in the byte-level alphabet (as in the vocab). */
    public static List<String> pieces(String text) {
        List<String> out = new ArrayList<>();
        Matcher m = SPLIT.matcher(text);
        int end = 0;
        while (m.find()) {
            if (m.start() > end) {
                out.add(byteLevel(text.substring(end, m.start())));
            }
            out.add(byteLevel(m.group()));
            end = m.end();
        }
        if (end < text.length()) {
            out.add(byteLevel(text.substring(end)));
        }
        return out;
    }

    /**
     * The vocabulary of {@code texts}: the four special tokens, then every piece seen at least
     * {@code minCount} times, most frequent first (ties in string order), so the same texts give
     * the same ids.
     */
    public static List<String> vocabulary(Collection<String> texts, int minCount) {
        Map<String, Integer> counts = new HashMap<>();
        for (String t : texts) {
            for (String p : pieces(t)) {
                counts.merge(p, 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> entries = new ArrayList<>(counts.entrySet());
        entries.removeIf(e -> e.getValue() < minCount || SPECIALS.contains(e.getKey()));
        entries.sort(
                Map.Entry.<String, Integer>comparingByValue()
                        .reversed()
                        .thenComparing(Map.Entry.comparingByKey()));
        List<String> vocab = new ArrayList<>(SPECIALS);
        for (Map.Entry<String, Integer> e : entries) {
            vocab.add(e.getKey());
        }
        return vocab;
    }

    /** Writes {@code tokenizer.json} and {@code tokenizer_config.json} into {@code dir}. */
    public static void write(Path dir, List<String> vocab, int maxLength) throws IOException {
        if (!vocab.subList(0, SPECIALS.size()).equals(SPECIALS)) {
            throw new IllegalArgumentException("the vocabulary must start with " + SPECIALS);
        }
        Files.createDirectories(dir);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", "1.0");
        root.putNull("truncation");
        root.putNull("padding");
        ArrayNode added = root.putArray("added_tokens");
        for (int i = 0; i < SPECIALS.size(); i++) {
            ObjectNode t = added.addObject();
            t.put("id", i);
            t.put("content", SPECIALS.get(i));
            t.put("single_word", false);
            t.put("lstrip", false);
            t.put("rstrip", false);
            t.put("normalized", false);
            t.put("special", true);
        }
        root.putNull("normalizer");
        ObjectNode pre = root.putObject("pre_tokenizer");
        pre.put("type", "Sequence");
        ArrayNode steps = pre.putArray("pretokenizers");
        ObjectNode split = steps.addObject();
        split.put("type", "Split");
        split.putObject("pattern").put("Regex", SPLIT_REGEX);
        split.put("behavior", "Isolated");
        split.put("invert", false);
        ObjectNode bl = steps.addObject();
        bl.put("type", "ByteLevel");
        bl.put("add_prefix_space", false);
        bl.put("trim_offsets", false);
        bl.put("use_regex", false);
        ObjectNode post = root.putObject("post_processor");
        post.put("type", "TemplateProcessing");
        ArrayNode single = post.putArray("single");
        single.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        single.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        ArrayNode pair = post.putArray("pair");
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 0);
        pair.addObject().putObject("Sequence").put("id", "A").put("type_id", 0);
        pair.addObject().putObject("SpecialToken").put("id", BOS).put("type_id", 1);
        pair.addObject().putObject("Sequence").put("id", "B").put("type_id", 1);
        ObjectNode st = post.putObject("special_tokens").putObject(BOS);
        st.put("id", BOS);
        st.putArray("ids").add(SPECIALS.indexOf(BOS));
        st.putArray("tokens").add(BOS);
        ObjectNode dec = root.putObject("decoder");
        dec.put("type", "ByteLevel");
        dec.put("add_prefix_space", false);
        dec.put("trim_offsets", false);
        dec.put("use_regex", false);
        ObjectNode model = root.putObject("model");
        model.put("type", "WordLevel");
        ObjectNode v = model.putObject("vocab");
        for (int i = 0; i < vocab.size(); i++) {
            v.put(vocab.get(i), i);
        }
        model.put("unk_token", UNK);
        Files.writeString(
                dir.resolve("tokenizer.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root),
                StandardCharsets.UTF_8);

        Map<String, Object> cfg = new LinkedHashMap<>();
        cfg.put("tokenizer_class", "PreTrainedTokenizerFast");
        cfg.put("bos_token", BOS);
        cfg.put("eos_token", EOS);
        cfg.put("unk_token", UNK);
        cfg.put("pad_token", PAD);
        cfg.put("add_bos_token", true);
        cfg.put("add_eos_token", false);
        cfg.put("clean_up_tokenization_spaces", false);
        cfg.put("model_max_length", maxLength);
        Files.writeString(
                dir.resolve("tokenizer_config.json"),
                JSON.writerWithDefaultPrettyPrinter().writeValueAsString(cfg),
                StandardCharsets.UTF_8);
    }

    /** UTF-8 bytes of {@code s} in GPT-2's byte-level alphabet. */
    static String byteLevel(String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder(b.length);
        for (byte x : b) {
            out.append(BYTE_TO_CHAR[x & 0xff]);
        }
        return out.toString();
    }

    /** GPT-2's bytes_to_unicode: printable bytes map to themselves, the rest to 256 + n. */
    private static char[] byteLevelAlphabet() {
        char[] map = new char[256];
        boolean[] direct = new boolean[256];
        for (int b = '!'; b <= '~'; b++) {
            direct[b] = true;
        }
        for (int b = 0xA1; b <= 0xAC; b++) {
            direct[b] = true;
        }
        for (int b = 0xAE; b <= 0xFF; b++) {
            direct[b] = true;
        }
        int n = 0;
        for (int b = 0; b < 256; b++) {
            map[b] = direct[b] ? (char) b : (char) (256 + n++);
        }
        return map;
    }
}
