package org.heirloom.project.profile;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.heirloom.project.Project;
import org.heirloom.project.Sql;

/**
 * Profiles and their items. A profile is identified by (model, suite, configuration), so running
 * the same suite again resumes it: items already stored are skipped, each new batch of items is
 * committed on its own.
 */
public final class ProfileRepository {

    private static final String SELECT =
            "SELECT id, model_id, suite, config, status, summary FROM profile";
    private final Project project;

    public ProfileRepository(Project project) {
        this.project = project;
    }

    /** The profile for (model, suite, config), created as {@code running} if new. */
    public ProfileRecord open(long modelId, String suite, String config) {
        return project.write(
                c -> {
                    Sql.update(
                            c,
                            "INSERT INTO profile(model_id, suite, config, status, created_at)"
                                    + " VALUES (?, ?, ?, 'running', ?) ON CONFLICT DO NOTHING",
                            modelId,
                            suite,
                            config,
                            Instant.now().toString());
                    return Sql.first(
                                    c,
                                    SELECT + " WHERE model_id = ? AND suite = ? AND config = ?",
                                    ProfileRepository::row,
                                    modelId,
                                    suite,
                                    config)
                            .orElseThrow();
                });
    }

    public List<ProfileRecord> list() {
        return project.read(c -> Sql.list(c, SELECT + " ORDER BY id", ProfileRepository::row));
    }

    /** The latest complete profile of a model for a suite. */
    public Optional<ProfileRecord> latestComplete(long modelId, String suite) {
        return project.read(
                c ->
                        Sql.first(
                                c,
                                SELECT
                                        + " WHERE model_id = ? AND suite = ? AND status = 'complete' ORDER BY id DESC LIMIT 1",
                                ProfileRepository::row,
                                modelId,
                                suite));
    }

    /** Keys {@code item#sample} already stored, for resuming. */
    public Set<String> storedKeys(long profileId) {
        return new HashSet<>(
                project.read(
                        c ->
                                Sql.list(
                                        c,
                                        "SELECT item_key, sample_idx FROM profile_item WHERE profile_id = ?",
                                        rs -> key(rs.getString(1), rs.getInt(2)),
                                        profileId)));
    }

    public static String key(String item, int sample) {
        return item + "#" + sample;
    }

    /** Stores a batch of items in one transaction; an item stored before is left untouched. */
    public void addItems(long profileId, List<ProfileItem> items) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO profile_item(profile_id, item_key, sample_idx, text, value, data)"
                                            + " VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING")) {
                        for (ProfileItem it : items) {
                            Sql.bind(
                                    ps,
                                    profileId,
                                    it.itemKey(),
                                    it.sampleIdx(),
                                    it.text(),
                                    Double.isNaN(it.value()) ? null : it.value(),
                                    it.data());
                            ps.addBatch();
                        }
                        ps.executeBatch();
                    }
                    return null;
                });
    }

    /** Items in key order. */
    public List<ProfileItem> items(long profileId) {
        return project.read(
                c ->
                        Sql.list(
                                c,
                                "SELECT item_key, sample_idx, text, value, data FROM profile_item"
                                        + " WHERE profile_id = ? ORDER BY item_key, sample_idx",
                                rs -> {
                                    double v = Sql.doubleOrNaN(rs, 4);
                                    return new ProfileItem(
                                            rs.getString(1),
                                            rs.getInt(2),
                                            rs.getString(3),
                                            v,
                                            rs.getString(5));
                                },
                                profileId));
    }

    public void complete(long profileId, String summaryJson) {
        project.write(
                c ->
                        Sql.update(
                                c,
                                "UPDATE profile SET status = 'complete', summary = ? WHERE id = ?",
                                summaryJson,
                                profileId));
    }

    private static ProfileRecord row(ResultSet rs) throws SQLException {
        return new ProfileRecord(
                rs.getLong(1),
                rs.getLong(2),
                rs.getString(3),
                rs.getString(4),
                rs.getString(5),
                rs.getString(6));
    }
}
