package org.heirloom.cli;

/** A command was given input it cannot use; the message says which input and why. */
public final class UserInputException extends RuntimeException {

    public UserInputException(String message) {
        super(message);
    }
}
