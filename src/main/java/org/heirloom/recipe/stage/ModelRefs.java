package org.heirloom.recipe.stage;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.heirloom.profile.ProfileService;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.Project;
import org.heirloom.recipe.Recipe;
import org.heirloom.teacher.TeacherEnvironment;

/**
 * What the model references of a recipe's profiles and comparisons stand for: a student (its
 * replicates), a named teacher of the recipe (registered on first use), or a model of the project.
 * Errors name the recipe's YAML path.
 */
public final class ModelRefs {

    private final Project project;
    private final TeacherEnvironment env;
    private final Recipe recipe;
    private final ModelRepository models;
    private final Map<String, Recipe.Student> students = new LinkedHashMap<>();

    public ModelRefs(Project project, TeacherEnvironment env, Recipe recipe) {
        this.project = project;
        this.env = env;
        this.recipe = recipe;
        this.models = new ModelRepository(project);
        recipe.students().forEach(s -> students.put(s.name(), s));
    }

    /**
     * Checks, before anything runs, that every reference that is neither a student nor a named
     * teacher of the recipe is a model of the project.
     */
    public void check() {
        Set<String> trainedHere = new HashSet<>();
        for (int i = 0; i < recipe.students().size(); i++) {
            Recipe.Student s = recipe.students().get(i);
            boolean folder = java.nio.file.Path.of(s.base()).isAbsolute();
            if (!folder && !trainedHere.contains(s.base()) && models.find(s.base()).isEmpty()) {
                throw new IllegalArgumentException(
                        "students["
                                + i
                                + "].base: no model folder and no model named '"
                                + s.base()
                                + "' in "
                                + project.file());
            }
            trainedHere.addAll(s.modelNames());
        }
        for (int i = 0; i < recipe.profiles().size(); i++) {
            List<String> refs = recipe.profiles().get(i).models();
            for (int j = 0; j < refs.size(); j++) {
                checkReference(refs.get(j), "profiles[" + i + "].models[" + j + "]");
            }
        }
        for (int i = 0; i < recipe.comparisons().size(); i++) {
            for (Recipe.Arm a : recipe.comparisons().get(i).arms()) {
                for (int j = 0; j < a.models().size(); j++) {
                    checkReference(
                            a.models().get(j),
                            "comparisons[" + i + "].arms." + a.label() + "[" + j + "]");
                }
            }
        }
    }

    private void checkReference(String ref, String path) {
        if (!students.containsKey(ref)
                && !recipe.namedTeachers().containsKey(ref)
                && models.find(ref).isEmpty()) {
            throw new IllegalArgumentException(
                    path
                            + ": no student or named teacher '"
                            + ref
                            + "' in this recipe, and no model of that name in "
                            + project.file());
        }
    }

    /** The model names a reference stands for: a student's replicates, else the name itself. */
    List<String> modelNames(String ref) {
        Recipe.Student s = students.get(ref);
        return s != null ? s.modelNames() : List.of(ref);
    }

    /**
     * The models of a reference, registering a named teacher on first use ({@code path} names the
     * reference in errors).
     */
    List<ModelRecord> resolve(String ref, String path, ProfileService service) {
        String spec = recipe.namedTeachers().get(ref);
        if (spec != null) {
            String arg = spec;
            if (spec.startsWith("local:")) {
                String dir = spec.substring("local:".length()).split(";")[0].strip();
                arg = "local:" + env.resolve(dir);
            }
            try {
                return List.of(service.resolveModel(arg, ref));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
            }
        }
        List<ModelRecord> out = new ArrayList<>();
        for (String name : modelNames(ref)) {
            out.add(
                    models.find(name)
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    path
                                                            + ": model '"
                                                            + name
                                                            + "' is not in the project")));
        }
        return out;
    }

    /**
     * The models of a reference already in the project, without registering anything (for plans); a
     * named teacher not registered yet, or a replicate not trained yet, is left out.
     */
    List<ModelRecord> existing(String ref) {
        List<String> names =
                recipe.namedTeachers().containsKey(ref) ? List.of(ref) : modelNames(ref);
        List<ModelRecord> out = new ArrayList<>();
        for (String n : names) {
            models.find(n).ifPresent(out::add);
        }
        return out;
    }
}
