package org.heirloom.project;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Profiles and their items. A profile is identified by (model, suite, configuration), so running
 * the same suite again resumes it: items already stored are skipped, each new batch of items is
 * committed on its own.
 */
public final class ProfileRepository {

    private static final String COLUMNS = "id, model_id, suite, config, status, summary";
    private final Project project;

    public ProfileRepository(Project project) {
        this.project = project;
    }

    /** The profile for (model, suite, config), created as {@code running} if new. */
    public ProfileRecord open(long modelId, String suite, String config) {
        return project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "INSERT INTO profile(model_id, suite, config, status, created_at)"
                                            + " VALUES (?, ?, ?, 'running', ?) ON CONFLICT DO NOTHING")) {
                        ps.setLong(1, modelId);
                        ps.setString(2, suite);
                        ps.setString(3, config);
                        ps.setString(4, Instant.now().toString());
                        ps.executeUpdate();
                    }
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT "
                                            + COLUMNS
                                            + " FROM profile WHERE model_id = ? AND suite = ? AND config = ?")) {
                        ps.setLong(1, modelId);
                        ps.setString(2, suite);
                        ps.setString(3, config);
                        try (ResultSet rs = ps.executeQuery()) {
                            rs.next();
                            return row(rs);
                        }
                    }
                });
    }

    public List<ProfileRecord> list() {
        return project.read(
                c -> {
                    List<ProfileRecord> out = new ArrayList<>();
                    try (Statement st = c.createStatement();
                            ResultSet rs =
                                    st.executeQuery(
                                            "SELECT " + COLUMNS + " FROM profile ORDER BY id")) {
                        while (rs.next()) {
                            out.add(row(rs));
                        }
                    }
                    return out;
                });
    }

    /** The latest complete profile of a model for a suite. */
    public Optional<ProfileRecord> latestComplete(long modelId, String suite) {
        return project.read(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT "
                                            + COLUMNS
                                            + " FROM profile WHERE model_id = ? AND suite = ?"
                                            + " AND status = 'complete' ORDER BY id DESC LIMIT 1")) {
                        ps.setLong(1, modelId);
                        ps.setString(2, suite);
                        try (ResultSet rs = ps.executeQuery()) {
                            return rs.next() ? Optional.of(row(rs)) : Optional.empty();
                        }
                    }
                });
    }

    /** Keys {@code item#sample} already stored, for resuming. */
    public Set<String> storedKeys(long profileId) {
        return project.read(
                c -> {
                    Set<String> keys = new HashSet<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT item_key, sample_idx FROM profile_item WHERE profile_id = ?")) {
                        ps.setLong(1, profileId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                keys.add(key(rs.getString(1), rs.getInt(2)));
                            }
                        }
                    }
                    return keys;
                });
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
                            ps.setLong(1, profileId);
                            ps.setString(2, it.itemKey());
                            ps.setInt(3, it.sampleIdx());
                            ps.setString(4, it.text());
                            if (Double.isNaN(it.value())) {
                                ps.setNull(5, java.sql.Types.REAL);
                            } else {
                                ps.setDouble(5, it.value());
                            }
                            ps.setString(6, it.data());
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
                c -> {
                    List<ProfileItem> out = new ArrayList<>();
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "SELECT item_key, sample_idx, text, value, data FROM profile_item"
                                            + " WHERE profile_id = ? ORDER BY item_key, sample_idx")) {
                        ps.setLong(1, profileId);
                        try (ResultSet rs = ps.executeQuery()) {
                            while (rs.next()) {
                                double v = rs.getDouble(4);
                                out.add(
                                        new ProfileItem(
                                                rs.getString(1),
                                                rs.getInt(2),
                                                rs.getString(3),
                                                rs.wasNull() ? Double.NaN : v,
                                                rs.getString(5)));
                            }
                        }
                    }
                    return out;
                });
    }

    public void complete(long profileId, String summaryJson) {
        project.write(
                c -> {
                    try (PreparedStatement ps =
                            c.prepareStatement(
                                    "UPDATE profile SET status = 'complete', summary = ? WHERE id = ?")) {
                        ps.setString(1, summaryJson);
                        ps.setLong(2, profileId);
                        ps.executeUpdate();
                    }
                    return null;
                });
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
