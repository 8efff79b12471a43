package org.heirloom.score.text;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import org.heirloom.score.MetricEntry;
import org.heirloom.score.MetricId;
import org.heirloom.score.MetricInfo;
import org.heirloom.score.MetricInfo.Needs;
import org.heirloom.score.MetricInfo.Param;
import org.heirloom.score.TextMetric;

/** Registry entries for text statistics, lexical diversity and readability. */
public final class TextMetrics {

    private TextMetrics() {}

    static final String WORDS_DEF =
            "Words are maximal runs of letters, digits and combining marks; an apostrophe between"
                    + " letters joins (don't), '.' or ',' between digits joins (3.5, 1,000);"
                    + " hyphens and all other punctuation separate (well-known = 2 words).";
    static final String SENTENCES_DEF =
            "A sentence ends at . ! ? … (or 。！？), optionally followed by closing quotes or"
                    + " brackets, when whitespace or the end of the text follows, and at a blank"
                    + " line. A period after a single capital (initials) or after Mr, Mrs, Ms, Dr,"
                    + " Prof, Sr, Jr, St, vs does not end a sentence. Sentences without words do"
                    + " not count; words without final punctuation make one sentence.";
    static final String LEX_TOKENS_DEF =
            "Tokens are LexicalRichness 0.5.1's default tokenisation: lower-case (Unicode), delete"
                    + " ASCII digits and the dashes - – —, replace each ASCII punctuation character"
                    + " (Python string.punctuation) with a space, split on whitespace (Python"
                    + " str.split()). So well-known becomes wellknown and 3.5 disappears.";
    static final String TD_WORDS_DEF =
            "Words are TextDescriptives' words (utils.filter_tokens): the tokens of spaCy's"
                    + " English tokenizer (re-implemented: contractions split, don't = do + n't; a"
                    + " URL is one token; a whitespace run other than the one space after a token is"
                    + " a token of its own) that are not punctuation and contain no straight"
                    + " apostrophe (so n't and 's do not count, n’t with a curly apostrophe does;"
                    + " whitespace tokens count).";
    static final String TD_SENTENCES_DEF =
            "Sentences are those of spaCy's rule-based sentencizer: a new sentence starts at the"
                    + " first token after . ! ? (or another sentence-final mark) that is neither"
                    + " punctuation nor sentence-final itself; a blank line does not end one. An"
                    + " empty text has none; any other text at least one.";
    static final String TD_COUNTS_SOURCE =
            "TextDescriptives 2.8 descriptive_stats (Hansen et al. 2023), which the paper's"
                    + " profiling toolkit uses, on spaCy 3.8's English tokenizer (re-implemented as"
                    + " SpacyEnglishTokenizer) with the sentencizer.";
    static final String TD_WORDS_CAVEAT =
            "Tokens equal spaCy 3.8's on the Dolly-200 answers and RealToxicityPrompts (see Toolkit"
                    + " correspondence). tokens=heirloom counts 2.4% fewer words on Dolly-200 (88.59"
                    + " vs 90.81 per text): it keeps don't whole, drops symbols such as $ and emoji,"
                    + " splits URLs and does not count whitespace runs.";
    static final String TD_SENTENCES_CAVEAT =
            "The toolkit's own runs take sentences from spaCy's dependency parser, which cannot run"
                    + " offline; the sentencizer splits some texts differently (see Toolkit"
                    + " correspondence for the measured difference). tokens=heirloom also cuts at"
                    + " blank lines and keeps titles such as Dr. inside a sentence: 5.27 vs 5.09"
                    + " sentences per Dolly-200 answer.";
    static final String READ_SOURCE =
            "Formulas as in TextDescriptives 2.x readability component; syllables as"
                    + " TextDescriptives' Pyphen(lang=\"en\") counts them, which resolves to"
                    + " LibreOffice's hyph_en_GB.dic (hyphenation points + 1, at least 1), bundled as"
                    + " a resource.";
    static final String READ_CAVEAT =
            "Hyphenation points are not syllables: Liang patterns undercount some words"
                    + " (everything has no point with the en_GB patterns: 1, not 3) and never split"
                    + " inside the first"
                    + " or last 2 letters, so one-syllable and some two-syllable words count as 1."
                    + " Defined for English only. NaN for texts without words. Sentences come from"
                    + " spaCy's rule-based sentencizer, as TextDescriptives' blank pipelines do; the"
                    + " toolkit's runs use a dependency parser, which splits some texts differently"
                    + " (not reproducible offline). The words and sentences are the 'words' and"
                    + " 'sentences' metrics' (default definition).";
    static final String READ_COUNTS =
            "Words, sentences and characters are counted as TextDescriptives counts them: words are"
                    + " the tokens of spaCy's English tokenizer (re-implemented: contractions split,"
                    + " a URL is one token, extra whitespace runs are tokens) that are not"
                    + " punctuation and contain no straight apostrophe; sentences start after . ! ?"
                    + " as spaCy's sentencizer starts them (a blank line does not end one); a word's"
                    + " syllables are Pyphen's hyphens in its lower-cased form, hyphens already in"
                    + " it included, plus 1; long words have more than 6 characters.";

    public static List<MetricEntry> entries() {
        List<MetricEntry> e = new ArrayList<>();
        // Text statistics
        e.add(
                pure(
                        "characters",
                        "Characters excluding spaces (code points other than U+0020).",
                        "Number of Unicode code points in the text other than the space"
                                + " character U+0020, as TextDescriptives' n_characters with"
                                + " ignore_whitespace (len(text.replace(' ', ''))). Newlines and"
                                + " tabs count.",
                        "TextDescriptives 2.x descriptive_stats.counts.",
                        "Only U+0020 is excluded, not other whitespace, exactly as the reference.",
                        TextAnalysis::characters));
        e.add(
                counted(
                        "words",
                        "Number of words.",
                        TD_WORDS_DEF,
                        WORDS_DEF,
                        TD_COUNTS_SOURCE + " (n_tokens)",
                        TD_WORDS_CAVEAT,
                        t -> TextAnalysis.td(t).words(),
                        t -> TextAnalysis.scan(t).words()));
        e.add(
                counted(
                        "unique_words",
                        "Number of distinct words (case-insensitive).",
                        TD_WORDS_DEF + " Words are compared after Python's lower-casing.",
                        WORDS_DEF + " Words are compared after Unicode lower-casing.",
                        TD_COUNTS_SOURCE + " (n_unique_tokens)",
                        TD_WORDS_CAVEAT,
                        t -> TextAnalysis.td(t).uniqueWords(),
                        t -> TextAnalysis.scan(t).uniqueWords()));
        e.add(
                counted(
                        "sentences",
                        "Number of sentences.",
                        TD_SENTENCES_DEF,
                        SENTENCES_DEF,
                        TD_COUNTS_SOURCE + " (n_sentences)",
                        TD_SENTENCES_CAVEAT,
                        t -> TextAnalysis.td(t).sentences(),
                        t -> TextAnalysis.scan(t).sentences()));
        e.add(
                counted(
                        "mean_word_length",
                        "Mean word length in characters.",
                        "Total code points in words / words (Python len per token). "
                                + TD_WORDS_DEF
                                + " NaN without words.",
                        "Total code points in words / words. " + WORDS_DEF + " NaN without words.",
                        TD_COUNTS_SOURCE + " (token_length_mean)",
                        TD_WORDS_CAVEAT,
                        t -> {
                            TdCounts r = TextAnalysis.td(t);
                            return r.words() == 0 ? Double.NaN : (double) r.wordChars() / r.words();
                        },
                        t -> {
                            TextScan s = TextAnalysis.scan(t);
                            return s.words() == 0 ? Double.NaN : (double) s.wordChars() / s.words();
                        }));
        e.add(
                counted(
                        "mean_sentence_length",
                        "Mean sentence length in words.",
                        "Words / sentences, which is TextDescriptives' mean of the per-sentence"
                                + " word counts (every token lies in one sentence). "
                                + TD_WORDS_DEF
                                + " "
                                + TD_SENTENCES_DEF
                                + " NaN without sentences.",
                        "Words / sentences. " + SENTENCES_DEF + " NaN without words.",
                        TD_COUNTS_SOURCE + " (sentence_length_mean)",
                        TD_SENTENCES_CAVEAT,
                        t -> {
                            TdCounts r = TextAnalysis.td(t);
                            return r.sentences() == 0
                                    ? Double.NaN
                                    : (double) r.words() / r.sentences();
                        },
                        t -> {
                            TextScan s = TextAnalysis.scan(t);
                            return s.sentences() == 0
                                    ? Double.NaN
                                    : (double) s.words() / s.sentences();
                        }));
        e.add(
                new MetricEntry(
                        new MetricInfo(
                                "tokens",
                                "1",
                                "Number of tokens under a model's tokenizer (tokenizer.json).",
                                "Length of the token ids that the Hugging Face tokenizer in"
                                        + " tokenizer.json produces for the text, without special"
                                        + " tokens (no BOS/EOS/CLS), without truncation. Uses DJL's"
                                        + " HuggingFaceTokenizer (the Rust tokenizers library).",
                                "Hugging Face tokenizers via DJL.",
                                "Depends on the tokenizer file; the id records its path and SHA-256"
                                        + " so counts from different tokenizers never mix.",
                                List.of(
                                        new Param(
                                                "tokenizer",
                                                null,
                                                "path to tokenizer.json, or to a model folder"
                                                        + " containing it")),
                                Needs.TOKENIZER),
                        p -> TokenCountMetric.open(Path.of(p.required("tokenizer")))));
        // Lexical diversity
        e.add(
                new MetricEntry(
                        info(
                                "mtld",
                                "Measure of Textual Lexical Diversity (LexicalRichness 0.5.1).",
                                "MTLD (McCarthy and Jarvis 2010) exactly as LexicalRichness 0.5.1"
                                        + " computes it. Walk the tokens keeping the running TTR of"
                                        + " the current segment; when it falls to <= threshold,"
                                        + " count a factor and start a new segment. The rest adds"
                                        + " a partial factor (1 - TTR) / (1 - threshold); if no"
                                        + " factor at all, 1 when every token is distinct. Score ="
                                        + " tokens / factors, averaged over a forward and a"
                                        + " backward pass. Empty text gives 0. "
                                        + LEX_TOKENS_DEF,
                                "McCarthy, P. M. and Jarvis, S. (2010), MTLD, vocd-D, and HD-D,"
                                        + " Behavior Research Methods 42(2). Implementation:"
                                        + " LexicalRichness 0.5.1 (Shen), mtld(threshold=0.72),"
                                        + " which the paper uses; its README example gives"
                                        + " 46.79226361031519 here too.",
                                "Short texts are unstable (few factors); the partial factor"
                                        + " makes very short texts score high. Other MTLD"
                                        + " implementations (e.g. koRpus, TAACO) tokenise"
                                        + " differently and give other numbers; the digit and"
                                        + " dash deletion joins words (well-known ->"
                                        + " wellknown). Non-ASCII lower-casing follows Java's"
                                        + " Unicode rules, equal to Python's for practically all"
                                        + " text.",
                                List.of(new Param("threshold", "0.72", "factor TTR threshold")),
                                Needs.TEXT),
                        p -> {
                            double th = p.number("threshold", 0.72);
                            return new TextMetric(
                                    id("mtld", Map.of("threshold", fmt(th))),
                                    "MTLD (LexicalRichness 0.5.1)",
                                    t -> LexicalDiversity.mtld(TextAnalysis.lex(t), th));
                        }));
        e.add(
                pure(
                        "ttr",
                        "Type-token ratio: distinct tokens / tokens.",
                        "terms / words over LexicalRichness tokens. " + LEX_TOKENS_DEF,
                        "Templin 1957; LexicalRichness 0.5.1 ttr.",
                        "Falls with text length; compare only texts of similar length. NaN for"
                                + " empty text.",
                        t -> LexicalDiversity.ttr(TextAnalysis.lex(t))));
        e.add(
                new MetricEntry(
                        info(
                                "mattr",
                                "Moving-average TTR over windows of 100 tokens.",
                                "Mean TTR of every window of `window` consecutive tokens (sum"
                                        + " of window TTRs left to right, divided by the number of"
                                        + " windows, as LexicalRichness 0.5.1 mattr). "
                                        + LEX_TOKENS_DEF,
                                "Covington and McFall (2010); LexicalRichness 0.5.1 mattr.",
                                "NaN when the text has fewer tokens than the window (the"
                                        + " reference raises an error).",
                                List.of(new Param("window", "100", "window size in tokens")),
                                Needs.TEXT),
                        p -> {
                            int w = p.integer("window", 100, 1);
                            return new TextMetric(
                                    id("mattr", Map.of("window", Integer.toString(w))),
                                    "Moving-average TTR",
                                    t -> LexicalDiversity.mattr(TextAnalysis.lex(t), w));
                        }));
        e.add(
                new MetricEntry(
                        info(
                                "hdd",
                                "HD-D: expected TTR contribution over random draws of 42 tokens.",
                                "Sum over terms of (1 - P0) / draws, where P0 is the"
                                        + " hypergeometric probability that a draw of `draws`"
                                        + " tokens without replacement misses the term. "
                                        + LEX_TOKENS_DEF,
                                "McCarthy and Jarvis (2007); LexicalRichness 0.5.1 hdd(draws=42).",
                                "NaN for texts shorter than `draws` tokens (the reference raises)."
                                        + " P0 is computed as a product instead of scipy's"
                                        + " log-gamma; results agree to about 1e-15.",
                                List.of(new Param("draws", "42", "sample size")),
                                Needs.TEXT),
                        p -> {
                            int d = p.integer("draws", 42, 1);
                            return new TextMetric(
                                    id("hdd", Map.of("draws", Integer.toString(d))),
                                    "HD-D",
                                    t -> LexicalDiversity.hdd(TextAnalysis.lex(t), d));
                        }));
        for (int n = 1; n <= 3; n++) {
            int order = n;
            e.add(
                    pure(
                            "distinct_" + n,
                            "Distinct-" + n + ": distinct " + n + "-grams / " + n + "-grams.",
                            "Number of distinct token "
                                    + n
                                    + "-grams divided by the number of "
                                    + n
                                    + "-grams in the text. "
                                    + LEX_TOKENS_DEF,
                            "Li et al. (2016), A Diversity-Promoting Objective Function for Neural"
                                    + " Conversation Models (computed per text, not per corpus).",
                            "Falls with text length. NaN for texts with fewer than "
                                    + n
                                    + " tokens.",
                            t -> LexicalDiversity.distinct(TextAnalysis.lex(t), order)));
        }
        e.add(
                new MetricEntry(
                        info(
                                "repetition",
                                "Share of repeated n-grams (seq-rep-4): 1 - distinct/total.",
                                "1 - distinct n-grams / n-grams over the tokens: the fraction of"
                                        + " n-gram occurrences that repeat an earlier one. "
                                        + LEX_TOKENS_DEF,
                                "Welleck et al. (2019), Neural Text Generation with Unlikelihood"
                                        + " Training (seq-rep-n).",
                                "NaN for texts with fewer than n tokens.",
                                List.of(new Param("n", "4", "n-gram order")),
                                Needs.TEXT),
                        p -> {
                            int n = p.integer("n", 4, 1);
                            return new TextMetric(
                                    id("repetition", Map.of("n", Integer.toString(n))),
                                    "n-gram repetition rate",
                                    t -> LexicalDiversity.repetition(TextAnalysis.lex(t), n));
                        }));
        // Readability
        e.add(
                read(
                        "gunning_fog",
                        "Gunning-Fog grade: 0.4 × (words/sentence + 100 × hard words/words).",
                        "0.4 × (words / sentences + 100 × hard words / words), hard words having"
                                + " ≥ 3 syllables.",
                        "Gunning (1952).",
                        r -> r.gunningFog()));
        e.add(
                read(
                        "flesch_reading_ease",
                        "Flesch reading ease (higher = easier).",
                        "206.835 − 1.015 × words / sentences − 84.6 × syllables / words.",
                        "Flesch (1948).",
                        r -> r.fleschReadingEase()));
        e.add(
                read(
                        "flesch_kincaid_grade",
                        "Flesch-Kincaid grade level.",
                        "0.39 × words / sentences + 11.8 × syllables / words − 15.59.",
                        "Kincaid et al. (1975).",
                        r -> r.fleschKincaidGrade()));
        e.add(
                read(
                        "smog",
                        "SMOG grade: 1.043 × √(30 × hard words / sentences) + 3.1291.",
                        "1.043 × √(30 × hard words / sentences) + 3.1291; NaN below 3 sentences"
                                + " (as TextDescriptives).",
                        "McLaughlin (1969).",
                        r -> r.smog()));
        e.add(
                read(
                        "ari",
                        "Automated Readability Index.",
                        "4.71 × characters / words + 0.5 × words / sentences − 21.43, characters"
                                + " being code points in words.",
                        "Senter and Smith (1967).",
                        r -> r.automatedReadabilityIndex()));
        e.add(
                read(
                        "coleman_liau",
                        "Coleman-Liau index.",
                        "0.0588 × L − 0.296 × S − 15.8, L = characters per 100 words, S ="
                                + " sentences per 100 words.",
                        "Coleman and Liau (1975).",
                        r -> r.colemanLiau()));
        e.add(
                read(
                        "lix",
                        "LIX: words/sentence + 100 × long words/words (long: > 6 chars).",
                        "words / sentences + 100 × long words / words, long words having more than"
                                + " 6 characters.",
                        "Björnsson (1968).",
                        r -> r.lix()));
        e.add(
                read(
                        "rix",
                        "RIX: long words (> 6 chars) per sentence.",
                        "long words / sentences, long words having more than 6 characters.",
                        "Anderson (1983).",
                        r -> r.rix()));
        return e;
    }

    private static MetricEntry pure(
            String name,
            String summary,
            String definition,
            String source,
            String caveats,
            ToDoubleFunction<String> f) {
        return pure(name, "1", summary, definition, source, caveats, f);
    }

    private static MetricEntry pure(
            String name,
            String version,
            String summary,
            String definition,
            String source,
            String caveats,
            ToDoubleFunction<String> f) {
        MetricInfo info =
                new MetricInfo(
                        name, version, summary, definition, source, caveats, List.of(), Needs.TEXT);
        TextMetric metric = new TextMetric(new MetricId(name, version, Map.of()), summary, f);
        return new MetricEntry(info, p -> metric);
    }

    /**
     * A count with two definitions: TextDescriptives' (version 2, the default) and Heirloom's own
     * rules ({@code tokens=heirloom}), which keep version 1's id so scores stored before version 2
     * stay valid under the definition that produced them and never mix with version 2's.
     */
    private static MetricEntry counted(
            String name,
            String summary,
            String tdDefinition,
            String heirloomDefinition,
            String source,
            String caveats,
            ToDoubleFunction<String> td,
            ToDoubleFunction<String> heirloom) {
        MetricInfo info =
                new MetricInfo(
                        name,
                        "2",
                        summary,
                        tdDefinition
                                + " Option tokens=heirloom (version 1, Heirloom's rules before"
                                + " version 2): "
                                + heirloomDefinition,
                        source,
                        caveats,
                        List.of(
                                new Param(
                                        "tokens",
                                        "spacy",
                                        "spacy: TextDescriptives' words and sentences; heirloom:"
                                                + " Heirloom's version-1 rules")),
                        Needs.TEXT);
        TextMetric spacy = new TextMetric(new MetricId(name, "2", Map.of()), summary, td);
        TextMetric own =
                new TextMetric(
                        new MetricId(name, "1", Map.of()),
                        summary + " (Heirloom's rules, version 1)",
                        heirloom);
        return new MetricEntry(
                info,
                p -> {
                    String tokens = p.string("tokens", "spacy");
                    return switch (tokens) {
                        case "spacy" -> spacy;
                        case "heirloom" -> own;
                        default ->
                                throw new IllegalArgumentException(
                                        name
                                                + ": tokens must be spacy or heirloom, not '"
                                                + tokens
                                                + "'");
                    };
                });
    }

    private static MetricEntry read(
            String name,
            String summary,
            String definition,
            String source,
            ToDoubleFunction<Readability> f) {
        // Version 2: en_GB syllables (Pyphen "en"), spaCy tokens and sentencizer sentences.
        return pure(
                name,
                "2",
                summary,
                definition
                        + " Syllables: Pyphen-style Liang hyphenation points + 1 with the en_GB"
                        + " patterns (Pyphen's \"en\"). "
                        + READ_COUNTS,
                source + " " + READ_SOURCE,
                READ_CAVEAT,
                t -> f.applyAsDouble(TextAnalysis.readability(t)));
    }

    static MetricInfo info(
            String name,
            String summary,
            String definition,
            String source,
            String caveats,
            List<Param> params,
            Needs needs) {
        return new MetricInfo(name, "1", summary, definition, source, caveats, params, needs);
    }

    static MetricId id(String name, Map<String, String> params) {
        return new MetricId(name, "1", params);
    }

    static String fmt(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15
                ? Long.toString((long) d)
                : Double.toString(d);
    }
}
