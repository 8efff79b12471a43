package org.heirloom.report;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * One colour per arm across every panel of a dashboard: roles by name (teacher, base, a baseline or
 * random arm), every other arm a steered student numbered in order of first appearance, so that an
 * arm keeps its colour from the bars to the loss curves.
 */
public final class ArmRoles {

    /** A role and which arm of that role. */
    public record Role(ModelRole role, int index) {}

    private final Map<String, Role> roles = new LinkedHashMap<>();
    private int steered;

    private ArmRoles() {}

    public static ArmRoles of(Collection<String> labels) {
        ArmRoles r = new ArmRoles();
        labels.forEach(r::role);
        return r;
    }

    /**
     * The role of a label, assigning the next steered colour to a label seen for the first time.
     */
    public Role role(String label) {
        return roles.computeIfAbsent(
                label,
                l -> {
                    ModelRole byName = byName(l);
                    return byName != null
                            ? new Role(byName, 0)
                            : new Role(ModelRole.STEERED_STUDENT, steered++);
                });
    }

    /** Teacher, base and baseline arms are recognised by name; null for anything else. */
    static ModelRole byName(String label) {
        String l = label.toLowerCase(Locale.ROOT);
        if (l.contains("teacher")) {
            return ModelRole.TEACHER;
        }
        if (l.equals("base")) {
            return ModelRole.BASE;
        }
        if (l.contains("baseline") || l.contains("random")) {
            return ModelRole.BASELINE_STUDENT;
        }
        return null;
    }
}
