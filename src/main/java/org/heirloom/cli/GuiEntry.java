package org.heirloom.cli;

final class GuiEntry {
    private GuiEntry() {}

    static void run() {
        throw new UserInputException("the GUI is not built yet");
    }
}
