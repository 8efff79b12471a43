package org.heirloom.share;

import java.util.ArrayList;
import java.util.List;
import org.heirloom.project.Project;

/**
 * What a project offers for import, for the CLI's messages and the import dialog.
 *
 * @param runs every run
 * @param profiles every profile
 * @param trainings trainings not made from a selection (only {@code --all} brings them)
 */
public record ImportContents(
        List<RunEntry> runs, List<ProfileEntry> profiles, List<String> trainings) {

    /** A run as offered: its name and what comes with it. */
    public record RunEntry(
            String name,
            String promptSet,
            long candidates,
            long selections,
            long trainings,
            String status) {

        public String describe() {
            return name
                    + " ("
                    + promptSet
                    + ", "
                    + candidates
                    + " candidates, "
                    + selections
                    + " selections, "
                    + trainings
                    + " trainings)";
        }
    }

    /** A profile as offered. */
    public record ProfileEntry(long id, String model, String suite, String status, long items) {

        public String describe() {
            return "#" + id + " " + model + " · " + suite + " (" + status + ", " + items
                    + " items)";
        }
    }

    public ImportContents {
        runs = List.copyOf(runs);
        profiles = List.copyOf(profiles);
        trainings = List.copyOf(trainings);
    }

    public static ImportContents of(Project project) {
        return project.read(
                c -> {
                    List<RunEntry> runs = new ArrayList<>();
                    for (Object[] r :
                            Db.rows(
                                    c,
                                    "SELECT r.name, ps.name,"
                                            + " (SELECT count(*) FROM candidate x WHERE x.run_id = r.id),"
                                            + " (SELECT count(*) FROM selection x WHERE x.run_id = r.id),"
                                            + " (SELECT count(*) FROM training t JOIN selection x"
                                            + " ON x.id = t.selection_id WHERE x.run_id = r.id),"
                                            + " r.status FROM run r JOIN prompt_set ps"
                                            + " ON ps.id = r.prompt_set_id ORDER BY r.name")) {
                        runs.add(
                                new RunEntry(
                                        (String) r[0],
                                        (String) r[1],
                                        Db.id(r[2]),
                                        Db.id(r[3]),
                                        Db.id(r[4]),
                                        (String) r[5]));
                    }
                    List<ProfileEntry> profiles = new ArrayList<>();
                    for (Object[] r :
                            Db.rows(
                                    c,
                                    "SELECT p.id, m.name, p.suite, p.status,"
                                            + " (SELECT count(*) FROM profile_item i WHERE i.profile_id = p.id)"
                                            + " FROM profile p JOIN model m ON m.id = p.model_id ORDER BY p.id")) {
                        profiles.add(
                                new ProfileEntry(
                                        Db.id(r[0]),
                                        (String) r[1],
                                        (String) r[2],
                                        (String) r[3],
                                        Db.id(r[4])));
                    }
                    List<String> trainings = new ArrayList<>();
                    for (Object[] r :
                            Db.rows(
                                    c,
                                    "SELECT name FROM training WHERE selection_id IS NULL ORDER BY name")) {
                        trainings.add((String) r[0]);
                    }
                    return new ImportContents(runs, profiles, trainings);
                });
    }

    public List<String> runNames() {
        return runs.stream().map(RunEntry::name).toList();
    }

    public List<Long> profileIds() {
        return profiles.stream().map(ProfileEntry::id).toList();
    }
}
