package org.heirloom.report;

/** The role a model plays in a comparison; each role keeps one colour across every chart. */
public enum ModelRole {
    TEACHER("teacher"),
    BASE("base"),
    BASELINE_STUDENT("baseline student"),
    STEERED_STUDENT("steered student"),
    OTHER("model");

    private final String label;

    ModelRole(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
