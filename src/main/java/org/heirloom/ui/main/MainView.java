package org.heirloom.ui.main;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import javafx.collections.ListChangeListener;
import javafx.scene.Scene;
import javafx.scene.control.Alert;
import javafx.scene.control.ButtonType;
import javafx.scene.control.Label;
import javafx.scene.control.Menu;
import javafx.scene.control.MenuBar;
import javafx.scene.control.MenuItem;
import javafx.scene.control.RadioMenuItem;
import javafx.scene.control.SeparatorMenuItem;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.ToggleGroup;
import javafx.scene.control.TreeCell;
import javafx.scene.control.TreeItem;
import javafx.scene.control.TreeView;
import javafx.scene.input.KeyCombination;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.stage.Stage;
import org.heirloom.project.CatalogEntry;
import org.heirloom.project.Project;
import org.heirloom.settings.UserSettings;
import org.heirloom.share.ImportRequest;
import org.heirloom.ui.candidates.CandidatesView;
import org.heirloom.ui.candidates.CandidatesViewModel;
import org.heirloom.ui.common.ErrorDialog;
import org.heirloom.ui.dashboard.ComparisonDashboardView;
import org.heirloom.ui.dashboard.ComparisonDashboardViewModel;
import org.heirloom.ui.designer.RecipeDesignerTab;
import org.heirloom.ui.explorer.ExplorerGroup;
import org.heirloom.ui.jobs.FxJobExecutor;
import org.heirloom.ui.prompts.PromptSetView;
import org.heirloom.ui.prompts.PromptSetViewModel;

/** The main window: menu, project explorer, views in tabs, status bar with jobs. Binds only. */
final class MainView {

    private final MainViewModel vm;
    private final Stage stage;
    private final TabPane tabs = new TabPane();
    private final SplitPane split = new SplitPane();
    private final TreeView<Object> explorer = new TreeView<>();
    private RecipeDesignerTab designer;
    private Scene scene;

    MainView(MainViewModel vm, Stage stage) {
        this.vm = vm;
        this.stage = stage;
    }

    Scene createScene(double width, double height) {
        BorderPane root = new BorderPane();
        root.setId("main-window");
        root.setTop(new VBox(menuBar(), readOnlyBanner()));
        explorer.setId("explorer");
        explorer.setShowRoot(false);
        explorer.setRoot(new TreeItem<>("project"));
        explorer.setCellFactory(tv -> new ExplorerCell());
        explorer.setOnMouseClicked(
                e -> {
                    if (e.getClickCount() == 2) openSelected();
                });
        explorer.setOnKeyPressed(
                e -> {
                    if (e.getCode() == javafx.scene.input.KeyCode.ENTER) openSelected();
                });
        vm.explorer().addListener((ListChangeListener<ExplorerGroup>) c -> rebuildExplorer());
        rebuildExplorer();

        Tab overview = new Tab("Overview", new ProjectOverviewView(vm.info()));
        overview.setClosable(false);
        overview.setId("overview-tab");
        tabs.getTabs().add(overview);
        Tab dashboard = new Tab("Dashboard");
        dashboard.setClosable(false);
        dashboard.setId("dashboard-tab");
        // The dashboard follows the open project; its work runs off the UI thread.
        vm.project()
                .addListener(
                        (obs, old, now) ->
                                dashboard.setContent(
                                        now == null
                                                ? null
                                                : new ComparisonDashboardView(
                                                        drillsOpen(
                                                                new ComparisonDashboardViewModel(
                                                                        vm.viewExecutor(), now)))));
        tabs.getTabs().add(dashboard);
        designer = new RecipeDesignerTab(vm);
        tabs.getTabs().add(designer);
        tabs.setId("views");

        split.getItems().addAll(explorer, tabs);
        split.setDividerPositions(0.24);
        SplitPane.setResizableWithParent(explorer, false);
        root.setCenter(split);
        FxJobExecutor fx = vm.executor() instanceof FxJobExecutor f ? f : null;
        root.setBottom(new JobStatusBar(vm, fx));

        scene = new Scene(root, width, height);
        applyTheme(vm.theme().get());
        vm.theme().addListener((obs, old, now) -> applyTheme(now));
        stage.titleProperty().bind(vm.title());
        vm.error()
                .addListener(
                        (obs, old, report) -> {
                            if (report != null) {
                                ErrorDialog.show(stage, report);
                                vm.clearError();
                            }
                        });
        vm.project().addListener((obs, old, now) -> tabs.getTabs().removeIf(Tab::isClosable));
        vm.importOffer()
                .addListener(
                        (obs, old, offer) -> {
                            if (offer != null) {
                                showImportDialog(offer);
                            }
                        });
        stage.setOnCloseRequest(
                e -> {
                    vm.rememberWindow(
                            new UserSettings.WindowLayout(
                                    stage.getX(),
                                    stage.getY(),
                                    stage.getWidth(),
                                    stage.getHeight(),
                                    split.getDividerPositions()[0]));
                    vm.saveSettings();
                });
        return scene;
    }

    /** Puts the window where the user left it. */
    void restoreLayout() {
        UserSettings.WindowLayout w = vm.settings().window();
        if (w != null && w.width() > 200 && w.height() > 200) {
            stage.setX(w.x());
            stage.setY(w.y());
            stage.setWidth(w.width());
            stage.setHeight(w.height());
            split.setDividerPositions(w.dividerPosition());
        }
    }

    /**
     * Selects a view by name: {@code overview}, {@code dashboard}, {@code designer}, {@code
     * prompts} (the first prompt set), {@code candidates} (the first run's candidates), {@code
     * model} (the first trained model's page) or {@code model:NAME}.
     */
    void showView(String name) {
        if (name == null || name.equals("overview")) {
            return;
        }
        if (name.equals("dashboard")) {
            tabs.getTabs().stream()
                    .filter(t -> "dashboard-tab".equals(t.getId()))
                    .findFirst()
                    .ifPresent(t -> tabs.getSelectionModel().select(t));
            return;
        }
        if (name.equals("designer")) {
            tabs.getSelectionModel().select(designer);
            return;
        }
        if (name.equals("candidates")) {
            // The first run's candidates (the view says so when there is no run yet).
            CatalogEntry run =
                    vm.explorer().stream()
                            .filter(
                                    g ->
                                            g.kind() == CatalogEntry.Kind.RUN
                                                    && !g.entries().isEmpty())
                            .map(g -> g.entries().get(0))
                            .findFirst()
                            .orElse(new CatalogEntry(CatalogEntry.Kind.RUN, 0, "Candidates", ""));
            open(run);
            return;
        }
        if (name.equals("prompts")) {
            vm.explorer().stream()
                    .filter(g -> g.kind() == CatalogEntry.Kind.PROMPT_SET && !g.entries().isEmpty())
                    .findFirst()
                    .ifPresent(g -> open(g.entries().get(0)));
            return;
        }
        if (name.equals("model") || name.startsWith("model:")) {
            // model: the first trained model (else the first); model:NAME that model's page.
            String wanted = name.startsWith("model:") ? name.substring("model:".length()) : null;
            List<CatalogEntry> models =
                    vm.explorer().stream()
                            .filter(g -> g.kind() == CatalogEntry.Kind.MODEL)
                            .flatMap(g -> g.entries().stream())
                            .toList();
            models.stream()
                    .filter(
                            e ->
                                    wanted == null
                                            ? e.detail().contains("trained")
                                            : e.name().equals(wanted))
                    .findFirst()
                    .or(() -> wanted == null ? models.stream().findFirst() : Optional.empty())
                    .ifPresentOrElse(
                            this::open,
                            () -> {
                                throw new IllegalArgumentException(
                                        "no model named '" + wanted + "' in the project");
                            });
            return;
        }
        if (name.startsWith("playground:")) {
            // The model page of NAME with its playground shown.
            showView("model:" + name.substring("playground:".length()));
            Tab t = tabs.getSelectionModel().getSelectedItem();
            if (t != null && t.getContent() instanceof org.heirloom.ui.model.ModelPageView page) {
                page.showPlayground();
            }
            return;
        }
        if (name.equals("generations") || name.startsWith("generations:")) {
            // generations: the first generation suite; generations:SUITE or :COMPARISON that one.
            String which = name.startsWith("generations:") ? name.substring(12) : "";
            open(new CatalogEntry(CatalogEntry.Kind.GENERATIONS, 0, which, ""));
            return;
        }
        throw new IllegalArgumentException(
                "unknown view '"
                        + name
                        + "' (known: overview, dashboard, designer, prompts,"
                        + " candidates, model, model:NAME, playground:NAME, generations[:SUITE])");
    }

    private MenuBar menuBar() {
        MenuItem newItem = item("New Project…", "Shortcut+N", this::newProject);
        MenuItem open = item("Open…", "Shortcut+O", () -> chooseAndOpen(Project.Mode.READ_WRITE));
        MenuItem openRo =
                item(
                        "Open Read-Only…",
                        "Shortcut+Shift+O",
                        () -> chooseAndOpen(Project.Mode.READ_ONLY));
        Menu recent = new Menu("Open Recent");
        Runnable fillRecent =
                () -> {
                    recent.getItems().clear();
                    for (String p : vm.recentProjects()) {
                        MenuItem mi = new MenuItem(p);
                        mi.setMnemonicParsing(false);
                        mi.setOnAction(e -> vm.openProject(Path.of(p)));
                        recent.getItems().add(mi);
                    }
                    recent.setDisable(recent.getItems().isEmpty());
                };
        vm.recentProjects().addListener((ListChangeListener<String>) c -> fillRecent.run());
        fillRecent.run();
        MenuItem export = item("Export for Sharing…", "Shortcut+Shift+E", this::exportForSharing);
        export.disableProperty().bind(vm.project().isNull());
        MenuItem importFrom = item("Import from Project…", "Shortcut+I", this::importFromProject);
        // Writing actions: only on a project open for writing.
        importFrom.disableProperty().bind(vm.project().isNull().or(vm.readOnly()));
        MenuItem closeTab = item("Close View", "Shortcut+W", this::closeSelectedTab);
        MenuItem refresh = item("Refresh", "F5", vm::refresh);
        MenuItem quit = item("Quit", "Shortcut+Q", stage::close);
        Menu file =
                new Menu(
                        "_File",
                        null,
                        newItem,
                        open,
                        openRo,
                        recent,
                        new SeparatorMenuItem(),
                        importFrom,
                        export,
                        new SeparatorMenuItem(),
                        refresh,
                        closeTab,
                        new SeparatorMenuItem(),
                        quit);

        ToggleGroup themes = new ToggleGroup();
        RadioMenuItem light = new RadioMenuItem("Light Theme");
        RadioMenuItem dark = new RadioMenuItem("Dark Theme");
        light.setToggleGroup(themes);
        dark.setToggleGroup(themes);
        (vm.theme().get().equals("dark") ? dark : light).setSelected(true);
        light.setOnAction(e -> vm.setTheme("light"));
        dark.setOnAction(e -> vm.setTheme("dark"));
        Menu view = new Menu("_View");
        Runnable fillView =
                () -> {
                    // Ctrl+1..9 go to the views in tab order; listed here so they can be found.
                    view.getItems().clear();
                    for (int i = 0; i < tabs.getTabs().size() && i < 9; i++) {
                        Tab t = tabs.getTabs().get(i);
                        MenuItem go =
                                item(
                                        t.getText(),
                                        "Shortcut+" + (i + 1),
                                        () -> tabs.getSelectionModel().select(t));
                        go.setMnemonicParsing(false);
                        view.getItems().add(go);
                    }
                    view.getItems().addAll(new SeparatorMenuItem(), light, dark);
                };
        tabs.getTabs().addListener((ListChangeListener<Tab>) c -> fillView.run());
        fillView.run();

        MenuItem about = item("About Heirloom", null, this::about);
        Menu help = new Menu("_Help", null, about);
        MenuBar bar = new MenuBar(file, view, help);
        bar.setUseSystemMenuBar(true);
        return bar;
    }

    private static MenuItem item(String text, String accelerator, Runnable action) {
        MenuItem mi = new MenuItem(text);
        if (accelerator != null) {
            mi.setAccelerator(KeyCombination.keyCombination(accelerator));
        }
        mi.setOnAction(e -> action.run());
        return mi;
    }

    private void rebuildExplorer() {
        TreeItem<Object> root = explorer.getRoot();
        root.getChildren().clear();
        for (ExplorerGroup g : vm.explorer()) {
            TreeItem<Object> node = new TreeItem<>(g);
            node.setExpanded(true);
            for (CatalogEntry e : g.entries()) {
                node.getChildren().add(new TreeItem<>(e));
            }
            root.getChildren().add(node);
        }
    }

    private void openSelected() {
        TreeItem<Object> item = explorer.getSelectionModel().getSelectedItem();
        if (item != null && item.getValue() instanceof CatalogEntry e) {
            open(e);
        }
    }

    private void open(CatalogEntry entry) {
        if (entry.kind() == CatalogEntry.Kind.RECIPE) {
            // Stored recipes open in the designer.
            designer.openRecipe(entry.name());
            tabs.getSelectionModel().select(designer);
            return;
        }
        String id = entry.kind() + ":" + entry.id();
        for (Tab t : tabs.getTabs()) {
            if (id.equals(t.getId())) {
                tabs.getSelectionModel().select(t);
                return;
            }
        }
        Tab tab;
        if (entry.kind() == CatalogEntry.Kind.PROMPT_SET) {
            PromptSetViewModel pvm =
                    new PromptSetViewModel(
                            vm.viewExecutor(), vm.project().get(), entry.id(), entry.name());
            tab = new Tab(entry.name(), new PromptSetView(pvm));
        } else if (entry.kind() == CatalogEntry.Kind.RUN) {
            CandidatesViewModel cvm =
                    new CandidatesViewModel(vm.executor(), vm.project().get(), entry.id());
            tab = new Tab(entry.name(), new CandidatesView(cvm));
            tab.setOnClosed(e -> cvm.close());
        } else if (entry.kind() == CatalogEntry.Kind.MODEL) {
            tab =
                    new Tab(
                            entry.name(),
                            new org.heirloom.ui.model.ModelPageView(
                                    new org.heirloom.ui.model.ModelPageViewModel(
                                            vm.viewExecutor(),
                                            vm.project().get(),
                                            entry.id(),
                                            entry.name())));
        } else if (entry.kind() == CatalogEntry.Kind.GENERATIONS) {
            tab =
                    org.heirloom.ui.generations.GenerationsTab.create(
                            vm.viewExecutor(), vm.project().get(), entry.name(), null);
        } else {
            Label l = new Label(entry.name() + " — " + entry.detail());
            l.getStyleClass().add("hint");
            tab = new Tab(entry.name(), l);
        }
        tab.setId(id);
        tabs.getTabs().add(tab);
        tabs.getSelectionModel().select(tab);
    }

    /** A chart click on the dashboard opens the generations (or candidates) behind it. */
    private ComparisonDashboardViewModel drillsOpen(ComparisonDashboardViewModel dvm) {
        dvm.drillDown()
                .addListener(
                        (obs, old, d) -> {
                            if (d == null) {
                                return;
                            }
                            Tab tab =
                                    d.target()
                                                    == org.heirloom.ui.generations.DrillDown.Target
                                                            .GENERATIONS
                                            ? org.heirloom.ui.generations.GenerationsTab.create(
                                                    vm.viewExecutor(), vm.project().get(), null, d)
                                            : candidatesTab(d);
                            tabs.getTabs().add(tab);
                            tabs.getSelectionModel().select(tab);
                        });
        return dvm;
    }

    private Tab candidatesTab(org.heirloom.ui.generations.DrillDown d) {
        CandidatesViewModel cvm = new CandidatesViewModel(vm.executor(), vm.project().get());
        cvm.showSelection(d.selection(), d.keptOnly(), d.metric());
        Tab tab =
                new Tab(
                        "Candidates · " + d.selection() + (d.keptOnly() ? " (kept)" : ""),
                        new CandidatesView(cvm));
        tab.setOnClosed(e -> cvm.close());
        return tab;
    }

    private FileChooser chooser(String title) {
        FileChooser fc = new FileChooser();
        fc.setTitle(title);
        fc.getExtensionFilters()
                .add(new FileChooser.ExtensionFilter("Heirloom projects", "*.heirloom"));
        return fc;
    }

    private void chooseAndOpen(Project.Mode mode) {
        File f = chooser("Open Project").showOpenDialog(stage);
        if (f != null) {
            vm.openProject(f.toPath(), mode);
        }
    }

    private void newProject() {
        File f = chooser("New Project").showSaveDialog(stage);
        if (f != null) {
            Path p = f.toPath();
            if (!p.getFileName().toString().endsWith(".heirloom")) {
                p = p.resolveSibling(p.getFileName() + ".heirloom");
            }
            String name = p.getFileName().toString().replaceFirst("\\.heirloom$", "");
            vm.newProject(p, name);
        }
    }

    private void exportForSharing() {
        Alert ask =
                new Alert(
                        Alert.AlertType.CONFIRMATION,
                        "Include model weights stored in the project?",
                        ButtonType.YES,
                        ButtonType.NO,
                        ButtonType.CANCEL);
        ask.initOwner(stage);
        ask.setHeaderText("Export for sharing");
        Optional<ButtonType> answer = ask.showAndWait();
        if (answer.isEmpty() || answer.get() == ButtonType.CANCEL) {
            return;
        }
        File f = chooser("Export for Sharing").showSaveDialog(stage);
        if (f != null) {
            vm.exportForSharing(f.toPath(), answer.get() == ButtonType.YES);
        }
    }

    private void importFromProject() {
        File f = chooser("Import from Project").showOpenDialog(stage);
        if (f != null) {
            vm.offerImport(f.toPath());
        }
    }

    /** Non-blocking, so that the rest of the window (and tests) keep running meanwhile. */
    private void showImportDialog(MainViewModel.ImportOffer offer) {
        ImportDialog dialog = new ImportDialog(stage, offer);
        dialog.setOnHidden(
                e -> {
                    ImportRequest request = dialog.getResult();
                    if (request == null) {
                        vm.cancelImport();
                    } else {
                        vm.importFrom(offer.source(), request);
                    }
                });
        dialog.show();
    }

    private void closeSelectedTab() {
        Tab t = tabs.getSelectionModel().getSelectedItem();
        if (t != null && t.isClosable()) {
            tabs.getTabs().remove(t);
        }
    }

    /** Says why the project is read-only and what that allows; hidden when it is writable. */
    private Label readOnlyBanner() {
        Label banner = new Label();
        banner.setId("read-only-banner");
        banner.getStyleClass().add("read-only-banner");
        banner.setWrapText(true);
        banner.setMaxWidth(Double.MAX_VALUE);
        banner.textProperty().bind(vm.readOnlyNote());
        banner.visibleProperty().bind(vm.readOnly());
        banner.managedProperty().bind(vm.readOnly());
        return banner;
    }

    private void about() {
        Alert a = new Alert(Alert.AlertType.INFORMATION);
        a.initOwner(stage);
        a.setTitle("About Heirloom");
        a.setHeaderText("Heirloom " + org.heirloom.Version.current());
        a.setContentText(
                "A workbench for active inheritance: steer what student language models inherit from synthetic data (arXiv 2407.01490).");
        a.show();
    }

    private void applyTheme(String theme) {
        scene.getStylesheets()
                .setAll(
                        MainView.class.getResource("heirloom.css").toExternalForm(),
                        MainView.class
                                .getResource("dark".equals(theme) ? "dark.css" : "light.css")
                                .toExternalForm());
    }

    /** Explorer rows: group headers with counts, entries with their detail. */
    private static final class ExplorerCell extends TreeCell<Object> {
        @Override
        protected void updateItem(Object item, boolean empty) {
            super.updateItem(item, empty);
            getStyleClass().removeAll("explorer-group", "explorer-entry");
            if (empty || item == null) {
                setText(null);
            } else if (item instanceof ExplorerGroup g) {
                setText(g.label());
                getStyleClass().add("explorer-group");
            } else if (item instanceof CatalogEntry e) {
                setText(e.name() + "  ·  " + e.detail());
                getStyleClass().add("explorer-entry");
            } else {
                setText(item.toString());
            }
        }
    }
}
