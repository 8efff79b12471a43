package org.heirloom.train;

/** The TRL seed rule, restated: TrainingArguments' seed is an int, the low 31 bits. */
final class TrlJobExporterAccess {

    private TrlJobExporterAccess() {}

    static int trlSeed(long seed) {
        return (int) (seed & 0x7fffffffL);
    }
}
