package org.heirloom.project.candidate;

/** A metric row: the stored identity of a metric definition. */
public record MetricRef(long id, String name, String version, String params) {

    /** {@code name} alone, or {@code name@version} with parameters when they are not empty. */
    public String label() {
        return "{}".equals(params) ? name + "@" + version : name + "@" + version + params;
    }
}
