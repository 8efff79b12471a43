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
            | `words` | TextDescriptives `utils.n_tokens`: spaCy tokens that are not punctuation and contain no `'` (whitespace runs count; `n’t` with a curly apostrophe counts) | `TextScan` word rules (contractions, URLs and whitespace differ) | approximate: 90.81; −2.22; 2.31 |
            | `sentences` | TextDescriptives `utils.n_sentences` (`doc.sents`) | rule-based splitter that also cuts at blank lines | approximate: 5.09; +0.18; 0.20 |
            | `gunning_fog` | TextDescriptives `Readability._gunning_fog` | same formula on Heirloom's words, sentences and en_GB syllables; whitespace-only text 0.4 | approximate: 12.05; −0.58; 0.66 |
            | `flesch_reading_ease` | `Readability._flesch_reading_ease` | same formula | approximate: 66.81; +0.21; 2.28 |
            | `flesch_kincaid_grade` | `Readability._flesch_kincaid_grade` | same formula | approximate: 8.95; −0.49; 0.63 |
            | `smog` | `Readability._smog` (NaN below 3 sentences) | same formula | approximate: 9.72; −0.02; 0.05 (104 texts) |
            | `ari` | `Readability._automated_readability_index` | same formula | approximate: 10.89; −0.16; 1.01 |
            | `coleman_liau` | `Readability._coleman_liau_index` | same formula | approximate: 9.75; +0.80; 0.88 |
            | `lix` | `Readability._lix` | same formula | approximate: 43.83; −0.67; 1.92 |
            | `rix` | `Readability._rix` | same formula | approximate: 4.81; −0.26; 0.32 |
            | `toxicity` | Perspective API `TOXICITY` (`ToxicityProfiling`) | lexicon (default), ONNX classifier or Perspective backend | exact only with `backend=perspective`; the lexicon's Spearman ρ with Perspective is 0.80 (see above) |

            Syllables: TextDescriptives calls `Pyphen(lang=doc.lang_)`, i.e. `Pyphen(lang="en")`, which \
            Pyphen resolves to `hyph_en_GB.dic` (its first English dictionary in sorted order); Heirloom \
            bundles that file. "Apples provide water." scores Flesch 90.99 and Flesch-Kincaid 1.31, as \
            in TextDescriptives.
            """;
}
