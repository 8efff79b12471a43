package org.heirloom.model.generate;

/** Why a sequence stopped. */
public enum FinishReason {
    EOS,
    LENGTH,
    STOP;

    /** The lower-case name used in JSON and the project file. */
    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
