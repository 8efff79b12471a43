package org.heirloom.ui.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyDoubleProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.heirloom.job.JobCancelledException;
import org.heirloom.job.JobExecutor;
import org.heirloom.job.JobHandle;
import org.heirloom.job.JobSpec;
import org.heirloom.model.LocalModel;
import org.heirloom.model.PromptGeneration;
import org.heirloom.model.generate.GeneratedSequence;
import org.heirloom.model.generate.GenerationOptions;
import org.heirloom.model.generate.SequenceRequest;
import org.heirloom.model.generate.TextStream;
import org.heirloom.model.template.PromptTemplate;
import org.heirloom.profile.ProfileOptions;
import org.heirloom.profile.ProfileService;
import org.heirloom.project.Project;
import org.heirloom.project.model.ModelRecord;
import org.heirloom.project.model.ModelRepository;
import org.heirloom.run.MetricResolver;
import org.heirloom.teacher.TemplateOptions;
import org.heirloom.train.ModelStore;

/**
 * The model page's playground without a window: a prompt, a template, a system prompt and sampling
 * settings; {@link #run()} generates in a background job and streams the text into {@link
 * #output()} with live tokens per second; {@link #cancel()} stops it at the next token. The model
 * is loaded once, by {@link #open()}, and kept until {@link #close()}.
 */
public final class PlaygroundViewModel implements AutoCloseable {

    /**
     * One way to turn the prompt into model input.
     *
     * @param label what the user picks
     * @param spec a {@link PromptTemplate} spec: {@code chat}, {@code raw}, or a {@code {prompt}}
     *     string
     */
    public record TemplateChoice(String label, String spec) {
        @Override
        public String toString() {
            return label;
        }

        public boolean chat() {
            return spec.equals("chat");
        }
    }

    private final JobExecutor jobs;
    private final Project project;
    private final String name;
    private final Consumer<Runnable> fx;

    private final StringProperty prompt = new SimpleStringProperty("");
    private final StringProperty systemPrompt = new SimpleStringProperty("");
    private final ObservableList<TemplateChoice> templates = FXCollections.observableArrayList();
    private final ObjectProperty<TemplateChoice> template = new SimpleObjectProperty<>();
    private final DoubleProperty temperature = new SimpleDoubleProperty(0.7);
    private final DoubleProperty topP = new SimpleDoubleProperty(0.95);
    private final IntegerProperty maxNewTokens = new SimpleIntegerProperty(128);
    private final LongProperty seed = new SimpleLongProperty(0);

    private final StringProperty output = new SimpleStringProperty("");
    private final IntegerProperty tokens = new SimpleIntegerProperty();
    private final DoubleProperty tokensPerSecond = new SimpleDoubleProperty();
    private final BooleanProperty ready = new SimpleBooleanProperty();
    private final BooleanProperty running = new SimpleBooleanProperty();
    private final StringProperty status = new SimpleStringProperty("Loading the model …");

    /** Loaded by {@link #open()}; used by one job at a time (Run is off while one runs). */
    private volatile LocalModel model;

    private volatile boolean stopAsked;
    private volatile boolean closed;
    private volatile JobHandle<GeneratedSequence> current;
    private Stream stream;

    /**
     * @param fx runs a UI update on the UI thread ({@code Platform::runLater}; {@code
     *     Runnable::run} in tests)
     */
    public PlaygroundViewModel(
            JobExecutor jobs, Project project, String name, Consumer<Runnable> fx) {
        this.jobs = jobs;
        this.project = project;
        this.name = name;
        this.fx = fx;
    }

    /** Loads the model (unpacking the files the project carries when needed) and its templates. */
    public void open() {
        jobs.submit(
                JobSpec.of("Load " + name + " for the playground", ctx -> load())
                        .onSuccess(
                                choices -> {
                                    templates.setAll(choices);
                                    template.set(choices.get(0));
                                    ready.set(true);
                                    status.set("Ready: " + describe(model));
                                })
                        .onFailure(e -> status.set("Cannot load '" + name + "': " + message(e))));
    }

    private List<TemplateChoice> load() throws Exception {
        ModelRecord record =
                new ModelRepository(project)
                        .find(name)
                        .orElseThrow(() -> new IllegalArgumentException("no model " + name));
        if (record.kind().equals("endpoint")) {
            throw new IllegalArgumentException("the playground runs local and trained models only");
        }
        LocalModel loaded = LocalModel.load(new ModelStore(project).folderOf(name));
        if (!loaded.hasTokenizer()) {
            loaded.close();
            throw new IllegalArgumentException("the model folder has no tokenizer");
        }
        model = loaded;
        // The template the model was trained with first: that is how it expects its prompts.
        List<TemplateChoice> choices = new ArrayList<>();
        new ProfileService(project, MetricResolver.standard())
                .trainedTemplate(record)
                .ifPresent(t -> choices.add(new TemplateChoice("Trained template", t)));
        if (loaded.chatTemplate().isPresent()) {
            choices.add(new TemplateChoice("Chat template", "chat"));
        }
        if (choices.stream().noneMatch(c -> c.spec().equals(ProfileOptions.QA_TEMPLATE))) {
            choices.add(new TemplateChoice("Q&A", ProfileOptions.QA_TEMPLATE));
        }
        choices.add(new TemplateChoice("Free text", "raw"));
        return choices;
    }

    /** Generates from the current settings, streaming into {@link #output()}. */
    public void run() {
        if (!ready.get() || running.get()) {
            return;
        }
        GenerationOptions options;
        PromptTemplate tpl;
        try {
            options =
                    new GenerationOptions(
                            maxNewTokens.get(), temperature.get(), topP.get(), 0, 1.0, List.of());
            TemplateChoice choice = template.get();
            String system = systemPrompt.get() == null ? "" : systemPrompt.get().trim();
            tpl =
                    PromptTemplate.parse(
                            choice.spec(),
                            model,
                            system.isEmpty()
                                    ? TemplateOptions.NONE
                                    : TemplateOptions.NONE.withSystem(system));
        } catch (IllegalArgumentException e) {
            status.set(e.getMessage());
            return;
        }
        String text = prompt.get() == null ? "" : prompt.get();
        long s = seed.get();
        stopAsked = false;
        output.set("");
        tokens.set(0);
        tokensPerSecond.set(0);
        running.set(true);
        status.set("Generating …");
        LocalModel m = model;
        stream = new Stream(m, System.nanoTime());
        Stream mine = stream;
        current =
                jobs.submit(
                        JobSpec.of(
                                        "Playground: " + name,
                                        ctx -> generate(m, tpl, text, options, s, mine, ctx))
                                .onSuccess(
                                        out ->
                                                done(
                                                        mine,
                                                        "Done ("
                                                                + out.finishReason()
                                                                        .name()
                                                                        .toLowerCase(Locale.ROOT)
                                                                + ")"))
                                .onCancelled(() -> done(mine, "Cancelled"))
                                .onFailure(
                                        e -> {
                                            ended(m);
                                            status.set("Failed: " + message(e));
                                        }));
    }

    /** On the job's thread: one sequence, each token handed to {@code stream}. */
    private GeneratedSequence generate(
            LocalModel m,
            PromptTemplate tpl,
            String text,
            GenerationOptions options,
            long seed,
            Stream stream,
            org.heirloom.job.JobContext ctx) {
        long[] ids = PromptGeneration.promptIds(m, tpl, text);
        String why = PromptGeneration.overlong(m, ids, options.maxNewTokens());
        if (why != null) {
            throw new IllegalArgumentException(why);
        }
        GeneratedSequence out =
                m.newGenerator()
                        .generate(
                                List.of(new SequenceRequest(ids, seed)),
                                options,
                                ctx,
                                (seq, id) -> {
                                    if (stopAsked) {
                                        throw new JobCancelledException();
                                    }
                                    stream.push(id);
                                })
                        .get(0);
        stream.finish();
        return out;
    }

    /** Stops the running generation at its next token; the text so far stays. */
    public void cancel() {
        stopAsked = true;
        JobHandle<GeneratedSequence> h = current;
        if (h != null) {
            h.cancel();
        }
    }

    private void done(Stream s, String how) {
        s.flushNow();
        ended(s.model);
        status.set(
                how
                        + ": "
                        + tokens.get()
                        + (tokens.get() == 1 ? " token, " : " tokens, ")
                        + String.format(Locale.ROOT, "%.1f tok/s", tokensPerSecond.get()));
    }

    /**
     * Text arriving on the job's thread: pieces collect here and reach the UI in batches, one
     * posted update at a time, so a fast model does not flood the UI thread.
     */
    private final class Stream {
        private final LocalModel model;
        private final TextStream text;
        private final long startNanos;
        private final StringBuilder pending = new StringBuilder();
        private int count;
        private boolean posted;

        Stream(LocalModel model, long startNanos) {
            this.model = model;
            this.text = new TextStream(model.tokenizer()::decode);
            this.startNanos = startNanos;
        }

        void push(long id) {
            String piece = text.push(id);
            synchronized (this) {
                pending.append(piece);
                count++;
                if (posted) {
                    return;
                }
                posted = true;
            }
            fx.accept(this::flushNow);
        }

        void finish() {
            String rest = text.finish();
            synchronized (this) {
                pending.append(rest);
            }
        }

        /** On the UI thread: appends what arrived and updates the rate. */
        void flushNow() {
            String piece;
            int n;
            synchronized (this) {
                piece = pending.toString();
                pending.setLength(0);
                n = count;
                posted = false;
            }
            if (stream != this) {
                return; // a newer run has started
            }
            if (!piece.isEmpty()) {
                output.set(output.get() + piece);
            }
            tokens.set(n);
            double seconds = (System.nanoTime() - startNanos) / 1e9;
            tokensPerSecond.set(seconds > 0 ? n / seconds : 0);
            if (running.get()) {
                status.set(
                        String.format(
                                Locale.ROOT, "Generating … %d tokens, %.1f tok/s", n, n / seconds));
            }
        }
    }

    private static String describe(LocalModel m) {
        return m.config().modelType() + ", context " + m.config().maxContext() + " tokens";
    }

    private static String message(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** A run has ended: the model is closed now if the page closed while it ran. */
    private void ended(LocalModel m) {
        running.set(false);
        if (closed) {
            m.close();
        }
    }

    /** Stops a run and frees the model (at the end of the run when one is going). */
    @Override
    public void close() {
        closed = true;
        cancel();
        LocalModel m = model;
        model = null;
        ready.set(false);
        if (m != null && !running.get()) {
            m.close();
        }
    }

    public String name() {
        return name;
    }

    public StringProperty prompt() {
        return prompt;
    }

    public StringProperty systemPrompt() {
        return systemPrompt;
    }

    public ObservableList<TemplateChoice> templates() {
        return templates;
    }

    public ObjectProperty<TemplateChoice> template() {
        return template;
    }

    public DoubleProperty temperature() {
        return temperature;
    }

    public DoubleProperty topP() {
        return topP;
    }

    public IntegerProperty maxNewTokens() {
        return maxNewTokens;
    }

    public LongProperty seed() {
        return seed;
    }

    public ReadOnlyStringProperty output() {
        return output;
    }

    public ReadOnlyIntegerProperty tokens() {
        return tokens;
    }

    public ReadOnlyDoubleProperty tokensPerSecond() {
        return tokensPerSecond;
    }

    public ReadOnlyBooleanProperty ready() {
        return ready;
    }

    public ReadOnlyBooleanProperty running() {
        return running;
    }

    public ReadOnlyStringProperty status() {
        return status;
    }
}
