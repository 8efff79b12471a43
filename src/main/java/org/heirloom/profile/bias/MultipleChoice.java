package org.heirloom.profile.bias;

import java.util.List;

/**
 * A multiple-choice item (HellaSwag / OpenBookQA style).
 *
 * @param id stable item id
 * @param context text before the options
 * @param options the candidate continuations
 * @param label index of the correct option
 */
public record MultipleChoice(String id, String context, List<String> options, int label) {

    public MultipleChoice {
        options = List.copyOf(options);
        if (options.size() < 2) {
            throw new IllegalArgumentException("item " + id + ": needs at least two options");
        }
        if (label < 0 || label >= options.size()) {
            throw new IllegalArgumentException(
                    "item " + id + ": label " + label + " outside 0.." + (options.size() - 1));
        }
    }
}
