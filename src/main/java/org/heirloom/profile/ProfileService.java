package org.heirloom.profile;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.heirloom.job.JobContext;
import org.heirloom.model.LocalModel;
import org.heirloom.project.ModelRecord;
import org.heirloom.project.ModelRepository;
import org.heirloom.project.ProfileRecord;
import org.heirloom.project.ProfileRepository;
import org.heirloom.project.Project;
import org.heirloom.project.PromptSetRepository;
import org.heirloom.project.PromptSetSummary;
import org.heirloom.project.StoredPrompt;
import org.heirloom.prompt.PromptFileReader;
import org.heirloom.prompt.PromptFormat;
import org.heirloom.prompt.RawPrompt;
import org.heirloom.run.MetricResolver;
import org.heirloom.score.Metric;
import org.heirloom.teacher.OnOverlong;
import org.heirloom.teacher.SamplingParams;
import org.heirloom.teacher.Teacher;
import org.heirloom.teacher.TeacherEnvironment;
import org.heirloom.teacher.TeacherRegistry;
import org.heirloom.train.ModelStore;

/** Runs a profiling suite on a model of a project and stores it (resumably). */
public final class ProfileService {

    public static final List<String> SUITES =
            List.of("text", "toxicity", "calibration", "crows", "bbq", "stereoset", "judge");

    /** The text profile's default metrics. */
    public static final List<String> TEXT_METRICS =
            List.of(
                    "words",
                    "characters",
                    "sentences",
                    "mtld",
                    "ttr",
                    "distinct_2",
                    "gunning_fog",
                    "flesch_reading_ease",
                    "toxicity");

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Project project;
    private final MetricResolver metrics;

    /**
     * @param metrics resolves the metrics of the generation suites (text, toxicity)
     */
    public ProfileService(Project project, MetricResolver metrics) {
        this.project = project;
        this.metrics = metrics;
    }

    /**
     * A model by registered name, or a spec ({@code local:DIR}, {@code openai:URL#MODEL}, or a
     * model directory) which is registered under {@code name} (default: the directory's name).
     */
    public ModelRecord resolveModel(String arg, String name) {
        ModelRepository models = new ModelRepository(project);
        var found = models.find(arg);
        if (found.isPresent()) {
            return found.get();
        }
        if (arg.startsWith("openai:")) {
            String model = arg.substring(arg.lastIndexOf('#') + 1).split(";")[0];
            return models.register(name != null ? name : model, "endpoint", arg, null, null, null);
        }
        Path dir =
                Path.of(arg.startsWith("local:") ? arg.substring(6) : arg)
                        .toAbsolutePath()
                        .normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(
                    "model '"
                            + arg
                            + "' is neither registered in the project nor a model directory");
        }
        String hash;
        try {
            hash = org.heirloom.model.LocalTeacher.weightsHash(dir);
        } catch (java.io.IOException e) {
            throw new IllegalArgumentException(
                    dir + ": cannot read weights (" + e.getMessage() + ")");
        }
        return models.register(
                name != null ? name : dir.getFileName().toString(),
                "local",
                dir.toString(),
                hash,
                null,
                null);
    }

    /** The profile's identity: suite and every option that changes its numbers. */
    public static String configJson(String suite, ProfileOptions o) {
        ObjectNode n = JSON.createObjectNode();
        if (o.data() != null) {
            n.put("data", o.data().toAbsolutePath().normalize().toString());
        }
        if (o.promptSet() != null) {
            n.put("prompt_set", o.promptSet());
        }
        if (o.split() != null) {
            n.put("split", o.split());
        }
        n.put("limit", o.limit());
        if (suite.equals("text") || suite.equals("toxicity")) {
            n.put("samples", o.samples());
            n.put("temperature", o.temperature());
            n.put("top_p", o.topP());
            n.put("max_new_tokens", o.maxNewTokens());
            n.put("seed", o.seed());
            n.put("template", o.template());
            if (!o.templateOptions().isEmpty()) {
                n.put("template_options", o.templateOptions().describe());
            }
            n.putPOJO("metrics", o.metrics());
            if (o.onOverlong() != OnOverlong.SKIP) {
                // Only when not the default, so earlier profiles keep their identity.
                n.put("on_overlong", o.onOverlong().label());
            }
        }
        if (List.of("calibration", "crows", "bbq", "stereoset").contains(suite)) {
            n.put("likelihood", o.likelihood().label());
        }
        return n.toString();
    }

    /**
     * The options as they will run on {@code model}: a temperature of {@link
     * ProfileOptions#FROM_GENERATION_CONFIG} becomes the model's generation config (greedy for
     * endpoints and models without one). Resolved before the profile's identity is taken, so the
     * stored configuration records what ran.
     */
    public static ProfileOptions resolve(ModelRecord model, ProfileOptions o) {
        return resolve(
                model,
                model.kind().equals("endpoint") || model.location() == null
                        ? null
                        : Path.of(model.location()),
                o);
    }

    /**
     * The options as they will run on {@code model} here: as {@link #resolve(ModelRecord,
     * ProfileOptions)}, reading the generation config from the model's folder on this machine
     * (unpacked from the project when it carries the files).
     */
    public ProfileOptions resolved(ModelRecord model, ProfileOptions o) {
        if (o.temperature() != ProfileOptions.FROM_GENERATION_CONFIG
                || model.kind().equals("endpoint")) {
            return resolve(model, null, o);
        }
        // Only reads: a plan must not unpack anything.
        ModelStore store = new ModelStore(project);
        Optional<Path> dir = store.existingFolderOf(model.name());
        if (dir.isPresent()) {
            return resolve(model, dir.get(), o);
        }
        GenerationConfig g =
                store.carriedFile(model.name(), "generation_config.json")
                        .map(
                                b ->
                                        GenerationConfig.parse(
                                                b, model.name() + "/generation_config.json"))
                        .orElse(GenerationConfig.GREEDY);
        return o.withDecoding(g.temperature(), g.temperature() == 0 ? o.topP() : g.topP());
    }

    /**
     * As {@link #resolve(ModelRecord, ProfileOptions)}, with the model's folder on this machine.
     */
    public static ProfileOptions resolve(ModelRecord model, Path modelDir, ProfileOptions o) {
        if (o.temperature() != ProfileOptions.FROM_GENERATION_CONFIG) {
            return o;
        }
        GenerationConfig g =
                model.kind().equals("endpoint")
                        ? GenerationConfig.GREEDY
                        : GenerationConfig.of(modelDir);
        return o.withDecoding(g.temperature(), g.temperature() == 0 ? o.topP() : g.topP());
    }

    /**
     * The prompt template a student was trained with (its training's config), so it is profiled as
     * it learned; empty for models no training of this project produced.
     */
    public java.util.Optional<String> trainedTemplate(ModelRecord model) {
        return project.read(
                c -> {
                    try (var ps =
                            c.prepareStatement(
                                    "SELECT config FROM training WHERE output_model_id = ?"
                                            + " ORDER BY id DESC LIMIT 1")) {
                        ps.setLong(1, model.id());
                        try (var rs = ps.executeQuery()) {
                            if (!rs.next()) {
                                return java.util.Optional.<String>empty();
                            }
                            var t = JSON.readTree(rs.getString(1)).get("template");
                            return t == null || !t.isTextual()
                                    ? java.util.Optional.<String>empty()
                                    : java.util.Optional.of(t.asText());
                        }
                    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                        return java.util.Optional.<String>empty();
                    }
                });
    }

    /**
     * The options as run: no template means, for toxicity, the toolkit's continuation template;
     * otherwise the one the model was trained with (a student), else the toolkit's Q&A template.
     */
    public ProfileOptions effective(ModelRecord model, String suite, ProfileOptions o) {
        if (o.template() != null) {
            return o;
        }
        return o.withTemplate(
                suite.equals("toxicity")
                        ? ProfileOptions.suiteTemplate(suite)
                        : trainedTemplate(model).orElse(ProfileOptions.suiteTemplate(suite)));
    }

    /**
     * A local or trained model's folder on this machine: where it was recorded, else the files the
     * project carries, unpacked beside it (a project from another machine, the sample's copy).
     */
    public Path folderOf(ModelRecord model) throws java.io.IOException {
        return new ModelStore(project).folderOf(model.name());
    }

    /** Runs (or resumes) the suite; returns the stored summary JSON. */
    public String run(ModelRecord model, String suite, ProfileOptions o, JobContext ctx)
            throws Exception {
        if (!SUITES.contains(suite)) {
            throw new IllegalArgumentException(
                    "unknown suite '" + suite + "' (known: " + String.join(", ", SUITES) + ")");
        }
        o = effective(model, suite, o);
        ProfileRepository repo = new ProfileRepository(project);
        if (suite.equals("judge")) {
            return judgeSuite(model, o, repo, ctx);
        }
        o = resolve(model, model.kind().equals("endpoint") ? null : folderOf(model), o);
        // Each suite checks its inputs (prompts, data, model, metrics) before the profile row is
        // opened: a failed check leaves no "running" profile behind.
        switch (suite) {
            case "text", "toxicity" -> generationSuite(model, suite, o, repo, ctx);
            default -> likelihoodSuite(model, suite, o, repo, ctx);
        }
        return repo.latestComplete(model.id(), suite).orElseThrow().summary();
    }

    private void generationSuite(
            ModelRecord model,
            String suite,
            ProfileOptions o,
            ProfileRepository repo,
            JobContext ctx)
            throws Exception {
        List<GenerationProfiles.Prompt> prompts = prompts(o);
        ProfileRecord profile;
        com.fasterxml.jackson.databind.node.ArrayNode skipped = JSON.createArrayNode();
        String spec =
                (model.kind().equals("endpoint")
                                ? model.location()
                                : "local:" + folderOf(model) + ";template=" + o.template())
                        + o.templateOptions().toSpecOptions();
        List<Metric> metrics = new ArrayList<>();
        try (Teacher teacher = TeacherRegistry.create(spec, TeacherEnvironment.system())) {
            for (String m : o.metrics()) {
                metrics.add(this.metrics.resolve(m));
            }
            SamplingParams params =
                    new SamplingParams(o.temperature(), o.topP(), 0, o.maxNewTokens(), 1.0);
            // Every prompt is checked against the model's context before the profile opens.
            List<GenerationProfiles.Prompt> fitting = new ArrayList<>();
            for (GenerationProfiles.Prompt p : prompts) {
                String why = teacher.overlong(p.text(), o.maxNewTokens());
                if (why == null || o.onOverlong() == OnOverlong.TRUNCATE_LEFT) {
                    fitting.add(p);
                }
                if (why != null) {
                    skipped.add(
                            JSON.createObjectNode()
                                    .put("prompt", p.id())
                                    .put(
                                            "action",
                                            o.onOverlong() == OnOverlong.TRUNCATE_LEFT
                                                    ? "truncated"
                                                    : "skipped")
                                    .put("reason", why));
                }
            }
            if (!skipped.isEmpty() && o.onOverlong() == OnOverlong.FAIL) {
                throw new IllegalArgumentException(
                        skipped.size()
                                + " prompts do not fit the model's context (first: prompt "
                                + skipped.get(0).get("prompt").asText()
                                + ", "
                                + skipped.get(0).get("reason").asText()
                                + "); use --on-overlong skip or truncate-left");
            }
            if (fitting.isEmpty()) {
                throw new IllegalArgumentException(
                        "no prompt fits the model's context with --max-new-tokens "
                                + o.maxNewTokens());
            }
            prompts = fitting;
            profile = repo.open(model.id(), suite, configJson(suite, o));
            GenerationProfiles.generate(
                    repo,
                    profile,
                    teacher,
                    prompts,
                    new GenerationProfiles.Settings(
                            params,
                            o.samples(),
                            o.seed(),
                            o.onOverlong() == OnOverlong.TRUNCATE_LEFT),
                    metrics,
                    ctx);
        } finally {
            metrics.forEach(Metric::close);
        }
        var items = repo.items(profile.id());
        String summary =
                suite.equals("text")
                        ? GenerationProfiles.textSummaryJson(
                                GenerationProfiles.summariseText(items))
                        : GenerationProfiles.toxicitySummaryJson(
                                GenerationProfiles.summariseToxicity(items));
        if (!skipped.isEmpty()) {
            // The prompts left out (or cut) are part of what the profile is: kept with it.
            ObjectNode withSkips = (ObjectNode) JSON.readTree(summary);
            withSkips.set("overlong_prompts", skipped);
            summary = withSkips.toString();
        }
        repo.complete(profile.id(), summary);
    }

    private List<GenerationProfiles.Prompt> prompts(ProfileOptions o) throws java.io.IOException {
        List<GenerationProfiles.Prompt> out = new ArrayList<>();
        if (o.promptSet() != null) {
            PromptSetRepository sets = new PromptSetRepository(project);
            PromptSetSummary set =
                    sets.find(o.promptSet())
                            .orElseThrow(
                                    () ->
                                            new IllegalArgumentException(
                                                    "no prompt set named '" + o.promptSet() + "'"));
            for (StoredPrompt p : sets.prompts(set.id())) {
                if (o.split() == null || o.split().equals(p.split())) {
                    out.add(new GenerationProfiles.Prompt("p" + p.id(), p.text()));
                }
            }
        } else if (o.data() != null) {
            List<RawPrompt> raw =
                    PromptFileReader.read(o.data(), PromptFormat.detect(o.data()), o.field(), "");
            for (int i = 0; i < raw.size(); i++) {
                out.add(new GenerationProfiles.Prompt(String.format("%06d", i), raw.get(i).text()));
            }
        } else {
            throw new IllegalArgumentException(
                    "give the prompts: a prompt set (--prompts) or a file (--data)");
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no prompts to profile");
        }
        return o.limit() > 0 && o.limit() < out.size() ? out.subList(0, o.limit()) : out;
    }

    private void likelihoodSuite(
            ModelRecord model,
            String suite,
            ProfileOptions o,
            ProfileRepository repo,
            JobContext ctx)
            throws Exception {
        boolean endpoint = model.kind().equals("endpoint"); // echo + logprobs, issue #14
        if (!endpoint && !model.kind().equals("local") && !model.kind().equals("trained")) {
            throw new IllegalArgumentException(
                    "the "
                            + suite
                            + " suite needs token likelihoods, which only local models and"
                            + " endpoints give ('"
                            + model.name()
                            + "' is "
                            + model.kind()
                            + ")");
        }
        if (o.data() == null) {
            throw new IllegalArgumentException(
                    "the "
                            + suite
                            + " suite needs --data (e.g. ../shared/datasets/"
                            + (suite.equals("crows")
                                    ? "crows/crows_pairs_anonymized.csv"
                                    : suite.equals("bbq") ? "bbq" : "<multiple-choice>.jsonl")
                            + ")");
        }
        // The data is read (and checked) before the model loads and the profile opens.
        List<?> data =
                switch (suite) {
                    case "calibration" -> limit(SuiteData.multipleChoice(o.data()), o.limit());
                    case "stereoset" ->
                            limit(
                                    StereoSet.read(o.data()).stream()
                                            .filter(StereoSet::scored)
                                            .toList(),
                                    o.limit());
                    case "crows" -> limit(SuiteData.crows(o.data()), o.limit());
                    case "bbq" -> limit(SuiteData.bbq(o.data()), o.limit());
                    default -> throw new IllegalStateException(suite);
                };
        if (endpoint && o.likelihood() != LikelihoodConvention.CLEAN) {
            // Completions endpoints return no log-probability for the first echoed token, so the
            // toolkit's p(BOS | BOS) term cannot be computed there.
            throw new IllegalArgumentException(
                    "the "
                            + suite
                            + " suite scores an endpoint model only with --likelihood clean (the"
                            + " toolkit's convention needs p(BOS|BOS), which endpoints do not"
                            + " return)");
        }
        try (LocalModel lm = endpoint ? null : LocalModel.load(folderOf(model))) {
            ChoiceScorer scorer =
                    endpoint
                            ? EndpointChoiceScorer.of(model.location(), System::getenv)
                            : new ModelChoiceScorer(lm, 8, o.likelihood());
            ProfileRecord profile = repo.open(model.id(), suite, configJson(suite, o));
            switch (suite) {
                case "calibration" ->
                        LikelihoodProfiles.calibration(repo, profile, cast(data), scorer, ctx);
                case "stereoset" ->
                        LikelihoodProfiles.stereoset(repo, profile, cast(data), scorer, ctx);
                case "crows" -> LikelihoodProfiles.crows(repo, profile, cast(data), scorer, ctx);
                case "bbq" -> {
                    List<SuiteData.IdentifiedBbq> items = cast(data);
                    LikelihoodProfiles.bbq(
                            repo,
                            profile,
                            items.stream().map(SuiteData.IdentifiedBbq::item).toList(),
                            items.stream().map(SuiteData.IdentifiedBbq::id).toList(),
                            scorer,
                            ctx);
                }
                default -> throw new IllegalStateException(suite);
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static <T> List<T> cast(List<?> list) {
        return (List<T>) list;
    }

    private static <T> List<T> limit(List<T> list, int limit) {
        return limit > 0 && limit < list.size() ? list.subList(0, limit) : list;
    }

    /**
     * Judges the answers of {@code model} against those of {@code o.versus()} from their latest
     * text profiles, with the judge {@code o.judge()}: a local judge compares the likelihood of "
     * A" and " B"; an endpoint judge answers greedily and its first A or B counts.
     */
    private String judgeSuite(
            ModelRecord model, ProfileOptions o, ProfileRepository repo, JobContext ctx)
            throws Exception {
        if (o.versus() == null || o.judge() == null) {
            throw new IllegalArgumentException(
                    "the judge suite needs --versus MODEL and --judge MODEL");
        }
        ModelRecord other =
                new ModelRepository(project)
                        .find(o.versus())
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "no model named '" + o.versus() + "'"));
        ModelRecord judge = resolveModel(o.judge(), null);
        ProfileRecord textA =
                repo.latestComplete(model.id(), "text")
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "model '"
                                                        + model.name()
                                                        + "' has no complete text profile to judge"));
        ProfileRecord textB =
                repo.latestComplete(other.id(), "text")
                        .orElseThrow(
                                () ->
                                        new IllegalArgumentException(
                                                "model '"
                                                        + other.name()
                                                        + "' has no complete text profile to judge"));
        var itemsA = repo.items(textA.id());
        java.util.Map<String, String> promptTexts = new java.util.HashMap<>();
        for (var it : itemsA) {
            String prompt = JSON.readTree(it.data()).path("prompt").asText(null);
            if (prompt != null) {
                promptTexts.put(it.itemKey(), prompt);
            }
        }
        List<JudgeSuite.Matchup> matchups =
                JudgeSuite.matchups(itemsA, repo.items(textB.id()), promptTexts);
        if (matchups.isEmpty()) {
            throw new IllegalArgumentException(
                    "the text profiles of '"
                            + model.name()
                            + "' and '"
                            + other.name()
                            + "' share no prompts");
        }
        ObjectNode config = JSON.createObjectNode();
        config.put("versus", other.name());
        config.put("judge", judge.name());
        config.put("answers_a", textA.id());
        config.put("answers_b", textB.id());
        ProfileRecord profile = repo.open(model.id(), "judge", config.toString());
        if (judge.kind().equals("endpoint")) {
            try (Teacher t =
                    TeacherRegistry.create(judge.location(), TeacherEnvironment.system())) {
                JudgeSuite.Judge j =
                        (prompt, first, second) ->
                                JudgeSuite.parseVerdict(
                                        t.generate(
                                                        new org.heirloom.teacher.GenerationRequest(
                                                                JudgeSuite.judgingPrompt(
                                                                        prompt, first, second),
                                                                SamplingParams.greedy(8),
                                                                List.of(0),
                                                                List.of(0L)),
                                                        ctx)
                                                .get(0)
                                                .text());
                JudgeSuite.judge(repo, profile, matchups, j, ctx);
            }
        } else {
            try (LocalModel lm = LocalModel.load(folderOf(judge))) {
                JudgeSuite.judge(
                        repo,
                        profile,
                        matchups,
                        JudgeSuite.likelihoodJudge(new ModelChoiceScorer(lm, 2)),
                        ctx);
            }
        }
        repo.complete(profile.id(), JudgeSuite.summaryJson(repo.items(profile.id()), other.name()));
        return repo.latestComplete(model.id(), "judge").orElseThrow().summary();
    }
}
