package org.heirloom.profile;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.heirloom.project.ProfileItem;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;

/**
 * Stored profile items, each profile read at most once. One instance serves a whole dashboard: two
 * comparisons that share a model's profile, and the figures drawn from them, reuse the same list
 * (items are the largest thing a dashboard reads). Not thread-safe; use it from one job.
 */
public final class ProfileItems {

    private final ProfileRepository repo;
    private final Map<Long, List<ProfileItem>> loaded = new HashMap<>();

    public ProfileItems(Project project) {
        this.repo = new ProfileRepository(project);
    }

    /** The profile's items in key order, read from the project the first time only. */
    public List<ProfileItem> of(long profileId) {
        return loaded.computeIfAbsent(profileId, id -> List.copyOf(repo.items(id)));
    }
}
