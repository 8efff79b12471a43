package org.heirloom.sample;

import java.util.List;

/** Instruction-style prompts written for the bundled sample project. */
final class SamplePrompts {

    private SamplePrompts() {}

    static final List<String> INSTRUCTIONS =
            List.of(
                    "Tell a short story about a fox who finds a lost key.",
                    "Describe a rainy afternoon in a small harbour town.",
                    "Explain why the sky looks blue on a clear day.",
                    "Write a short story about a girl who builds a kite.",
                    "Describe your favourite meal and how it is cooked.",
                    "Explain how a bicycle stays upright while it moves.",
                    "Tell a story about a dragon who is afraid of the dark.",
                    "Give advice to someone starting to learn the piano.",
                    "Describe a walk through an old forest in autumn.",
                    "Explain what a library is to a child.",
                    "Write a short story about two friends lost in a city.",
                    "Describe the sounds of a busy market in the morning.",
                    "Explain how plants turn sunlight into food.",
                    "Tell a story about a robot who wants to paint.",
                    "Give three tips for sleeping well.",
                    "Describe a snowy mountain village at night.",
                    "Explain why people keep diaries.",
                    "Write a story about a boy and his grumpy cat.",
                    "Describe the first day at a new school.",
                    "Explain how bees make honey.",
                    "Tell a story about a ship that sails into a storm.",
                    "Give advice on how to make a new friend.",
                    "Describe a summer festival by the river.",
                    "Explain what happens when water boils.",
                    "Write a short story about a baker who loses her recipe book.",
                    "Describe an old lighthouse and its keeper.",
                    "Explain why exercise is good for the heart.",
                    "Tell a story about a lost puppy finding its way home.",
                    "Give tips for writing a clear letter.",
                    "Describe a train journey across green hills.",
                    "Explain how the moon changes shape during a month.",
                    "Write a story about a wizard who forgets his spells.",
                    "Describe a garden after a spring rain.",
                    "Explain why recycling matters.",
                    "Tell a story about a knight who would rather read books.",
                    "Give advice to someone who feels nervous before a speech.",
                    "Describe a quiet evening at home.",
                    "Explain how a rainbow forms.",
                    "Write a short story about a town where it never stops snowing.",
                    "Describe the view from the top of a tall tower.");
}
