package org.heirloom.ui.candidates;

/** An entry of a choice box whose "no choice" entry ({@code value == null}) has a label too. */
record CandidateChoice<T>(String label, T value) {

    @Override
    public String toString() {
        return label;
    }
}
