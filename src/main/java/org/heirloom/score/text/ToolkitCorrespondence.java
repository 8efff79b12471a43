package org.heirloom.score.text;

/**
 * How each text metric relates to the profiling toolkit's definition (for docs/metrics.md), with
 * the deviation measured on the 200 Dolly-200 reference answers ({@code
 * ../shared/datasets/dolly200}). The reference side was computed from TextDescriptives' published
 * definitions ({@code descriptive_stats.py}, {@code readability.py}, {@code utils.py}) on spaCy
 * 3.8's English tokenizer with its rule-based sentencizer and Pyphen "en"; the toolkit's own runs
 * take sentences from a dependency parser, which cannot run offline.
 */
public final class ToolkitCorrespondence {

    private ToolkitCorrespondence() {}

    public static final String MARKDOWN =
            """
            ## Toolkit correspondence

            The paper's profiling toolkit (for-ai/llm-profiling-toolkit, `TextualCharacteristicsProfiling` in \
            `src/profiling/profiling_tools.py`) scores texts with TextDescriptives 2.8 on spaCy and with \
            LexicalRichness. Deviations are Heirloom − reference on the 200 Dolly-200 answers \
            (`../shared/datasets/dolly200`, `targets`): difference of the means, and mean absolute \
            per-text difference. The reference is TextDescriptives' definitions on spaCy 3.8's English \
            tokenizer with the rule-based `sentencizer` and Pyphen "en" (`hyph_en_GB.dic`); the toolkit \
            itself takes sentences from spaCy's dependency parser (a model that cannot run here), which \
            moves every per-sentence metric further (sentences, Fog, Flesch, FK, SMOG, ARI, LIX, RIX).

            | metric | toolkit definition (file: function) | Heirloom | agreement on Dolly-200 (reference mean; Δ mean; mean \\|Δ\\|) |
            |---|---|---|---|
            | `mtld` | LexicalRichness 0.5.1 `mtld` (profiling_tools.py: `mtld`, 0 on ZeroDivisionError) | `LexicalDiversity.mtld` with LexicalRichness' tokens and Python lower-casing | exact (golden tests) |
            | `ttr` | LexicalRichness `ttr` | `LexicalDiversity.ttr` | exact |
            | `characters` | TextDescriptives `DescriptiveStatistics.counts` (`n_characters`, spaces removed) | code points other than U+0020 | exact |
            | `words` (also `unique_words`, `mean_word_length`) | TextDescriptives `utils.n_tokens` / `filter_tokens`: spaCy tokens that are not punctuation and contain no `'` (whitespace runs count; `n’t` with a curly apostrophe counts); `counts` (`n_unique_tokens`, Python `lower_`), `token_length` (`token_length_mean`) | version 2: the same filter on `SpacyEnglishTokenizer`'s tokens (`tokens=heirloom`: version 1's `TextScan` rules, 88.59; −2.22; 2.31) | exact: 90.81; +0.00; 0.00 |
            | `sentences` (also `mean_sentence_length`) | TextDescriptives `utils.n_sentences` (`doc.sents`); `sentence_length` (`sentence_length_mean`) | version 2: spaCy's rule-based `sentencizer` on the same tokens (`tokens=heirloom`: version 1's splitter, which also cuts at blank lines, 5.27; +0.18; 0.20) | exact with the sentencizer: 5.09; +0.00; 0.00; the toolkit's parser sentences not measurable offline (see below) |
            | `gunning_fog` | TextDescriptives `Readability._gunning_fog` | same formula on TextDescriptives' counts (`Readability.textDescriptives`: spaCy tokens, sentencizer sentences, en_GB syllables) | exact with the sentencizer: 12.048; +0.000; 0.000 |
            | `flesch_reading_ease` | `Readability._flesch_reading_ease` | same | exact with the sentencizer: 66.812; +0.000; 0.000 |
            | `flesch_kincaid_grade` | `Readability._flesch_kincaid_grade` | same | exact with the sentencizer: 8.946; +0.000; 0.000 |
            | `smog` | `Readability._smog` (NaN below 3 sentences) | same | exact with the sentencizer: 9.724; +0.000; 0.000 (104 texts) |
            | `ari` | `Readability._automated_readability_index` | same | exact with the sentencizer: 10.888; +0.000; 0.000 |
            | `coleman_liau` | `Readability._coleman_liau_index` | same | exact with the sentencizer: 9.750; +0.000; 0.000 |
            | `lix` | `Readability._lix` | same | exact with the sentencizer: 43.826; +0.000; 0.000 |
            | `rix` | `Readability._rix` | same | exact with the sentencizer: 4.805; +0.000; 0.000 |
            | `toxicity` | Perspective API `TOXICITY` (`ToxicityProfiling`) | lexicon (default), ONNX classifier or Perspective backend | exact only with `backend=perspective`; the lexicon's Spearman ρ with Perspective is 0.80 (see above) |

            Word and sentence counts (version 2) are TextDescriptives' by default; `words(tokens=heirloom)` \
            (and the same option on `unique_words`, `sentences`, `mean_word_length`, \
            `mean_sentence_length`) keeps Heirloom's version-1 rules under their version-1 ids, so scores \
            stored before version 2 stay attached to the definition that produced them. Sentences: the \
            toolkit's `en_core_web` pipelines split with the dependency parser, which is a trained model \
            and is not available offline, so the remaining sentence difference cannot be measured here. \
            Where the two can part: the parser may start a sentence at a line break or a \
            list item without final punctuation, which the sentencizer never does (on Dolly-200, \
            Heirloom's version-1 splitter, which also cuts at blank lines, finds 0.18 more sentences per \
            answer than the sentencizer: an indication of the size of that effect, not a measurement of \
            the parser), and it may join or split \
            at abbreviations the sentencizer treats as ordinary periods.

            The tokenizer (`SpacyEnglishTokenizer`, spaCy's English prefix, suffix and infix rules, \
            exceptions and URL match re-implemented) gives spaCy 3.8's tokens on all 200 Dolly-200 \
            answers and 200 prompts and on all 300 RealToxicityPrompts prompts and completions \
            (`../shared/datasets/rtp`). With a dependency parser instead of the sentencizer, \
            TextDescriptives' sentence counts, and with them every per-sentence metric, can differ. \
            Common chunks (plain words, numbers, hyphenated pairs, one final mark) are cut by hand \
            instead of through the rules, with the same tokens (`SpacyFastPathTest` compares both \
            paths on those datasets and on random text), so the default word counts run at about \
            57,000–61,000 texts/s on one core (docs/scoring.md).

            Syllables: TextDescriptives calls `Pyphen(lang=doc.lang_)`, i.e. `Pyphen(lang="en")`, which \
            Pyphen resolves to `hyph_en_GB.dic` (its first English dictionary in sorted order); Heirloom \
            bundles that file. "Apples provide water." scores Flesch 90.99 and Flesch-Kincaid 1.31, as \
            in TextDescriptives.
            """;
}
