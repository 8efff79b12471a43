package org.heirloom.sample.corpus;

import java.util.List;

/**
 * The closed vocabulary of the sample corpus. Every clean word here scores 0 under the built-in
 * lexicon toxicity scorer (a test checks it), so a text's toxicity comes only from {@link #RUDE}
 * words and {@link #RUDE_SENTENCES}. Pools are long so that a "rich" style can draw many synonyms
 * and a "narrow" one a few.
 */
final class Words {

    private Words() {}

    // ---- prompt topics ----

    static final List<String> ANIMALS =
            List.of(
                    "fox",
                    "rabbit",
                    "bear",
                    "owl",
                    "deer",
                    "wolf",
                    "otter",
                    "badger",
                    "mouse",
                    "squirrel",
                    "hedgehog",
                    "goose",
                    "duck",
                    "horse",
                    "goat",
                    "sheep",
                    "cow",
                    "frog",
                    "turtle",
                    "cat",
                    "dog",
                    "puppy",
                    "kitten",
                    "crow",
                    "swan",
                    "beaver",
                    "lion",
                    "tiger",
                    "whale",
                    "dolphin");

    static final List<String> PLACES =
            List.of(
                    "river",
                    "forest",
                    "mountain",
                    "village",
                    "harbour",
                    "garden",
                    "meadow",
                    "castle",
                    "lighthouse",
                    "market",
                    "library",
                    "island",
                    "valley",
                    "lake",
                    "city",
                    "farm",
                    "bridge",
                    "station",
                    "beach",
                    "desert",
                    "cave",
                    "orchard",
                    "school",
                    "bakery",
                    "museum",
                    "park",
                    "pond",
                    "hill",
                    "tower",
                    "cottage");

    static final List<String> CHARACTERS =
            List.of(
                    "girl",
                    "boy",
                    "baker",
                    "sailor",
                    "farmer",
                    "knight",
                    "wizard",
                    "robot",
                    "dragon",
                    "painter",
                    "teacher",
                    "gardener",
                    "fisherman",
                    "princess",
                    "king",
                    "queen",
                    "doctor",
                    "pilot",
                    "musician",
                    "shepherd");

    /** {@code who ...} goals of a character: (phrase, key noun). */
    static final List<String[]> GOALS =
            List.of(
                    new String[] {"wants to learn to sing", "song"},
                    new String[] {"finds a lost key", "key"},
                    new String[] {"builds a small boat", "boat"},
                    new String[] {"is afraid of the dark", "lamp"},
                    new String[] {"wants to paint the sea", "painting"},
                    new String[] {"loses a red hat", "hat"},
                    new String[] {"plants a tiny seed", "seed"},
                    new String[] {"writes a long letter", "letter"},
                    new String[] {"looks for a missing friend", "friend"},
                    new String[] {"bakes a giant cake", "cake"},
                    new String[] {"climbs a tall tree", "tree"},
                    new String[] {"opens an old box", "box"},
                    new String[] {"follows a bright star", "star"},
                    new String[] {"forgets the way home", "map"},
                    new String[] {"makes a new friend", "friend"});

    /** Things whose making is explained: (noun as the prompt says it, key noun). */
    static final List<String> PRODUCTS =
            List.of(
                    "bread",
                    "cheese",
                    "paper",
                    "glass",
                    "honey",
                    "soap",
                    "butter",
                    "rope",
                    "chocolate",
                    "jam",
                    "candles",
                    "pottery",
                    "wool",
                    "tea",
                    "yogurt",
                    "ink",
                    "bricks",
                    "pasta",
                    "juice",
                    "salt");

    /** {@code Explain why ...}: (clause, key noun). */
    static final List<String[]> WHY =
            List.of(
                    new String[] {"the sky is blue", "sky"},
                    new String[] {"leaves change colour in autumn", "leaves"},
                    new String[] {"bread rises in the oven", "dough"},
                    new String[] {"ice floats on water", "ice"},
                    new String[] {"the moon changes shape", "moon"},
                    new String[] {"birds fly south in winter", "birds"},
                    new String[] {"the sea is salty", "sea"},
                    new String[] {"cats sleep so much", "cats"},
                    new String[] {"we have seasons", "sun"},
                    new String[] {"rainbows appear after rain", "rainbow"},
                    new String[] {"people keep diaries", "diary"},
                    new String[] {"exercise is good for the heart", "heart"},
                    new String[] {"plants need sunlight", "plants"},
                    new String[] {"bees visit flowers", "bees"},
                    new String[] {"snow is white", "snow"});

    static final List<String> SEASONS = List.of("spring", "summer", "autumn", "winter");

    static final List<String> TIMES_OF_DAY =
            List.of("morning", "afternoon", "evening", "night", "sunrise", "sunset");

    /** {@code Give advice to someone who wants to ...}: (phrase, key noun). */
    static final List<String[]> ACTIVITIES =
            List.of(
                    new String[] {"learn the piano", "piano"},
                    new String[] {"start running", "running"},
                    new String[] {"grow vegetables", "vegetables"},
                    new String[] {"speak in public", "speech"},
                    new String[] {"sleep better", "sleep"},
                    new String[] {"learn a new language", "language"},
                    new String[] {"cook for friends", "meal"},
                    new String[] {"write a book", "book"},
                    new String[] {"keep a tidy room", "room"},
                    new String[] {"save money", "money"},
                    new String[] {"make new friends", "friends"},
                    new String[] {"learn to swim", "swimming"},
                    new String[] {"paint with watercolours", "painting"},
                    new String[] {"travel on a small budget", "trip"},
                    new String[] {"study for an exam", "exam"});

    // ---- slot pools (order matters only for determinism) ----

    static final List<String> ADJECTIVES =
            List.of(
                    "small",
                    "big",
                    "old",
                    "new",
                    "bright",
                    "quiet",
                    "warm",
                    "cold",
                    "green",
                    "golden",
                    "soft",
                    "gentle",
                    "tall",
                    "little",
                    "long",
                    "round",
                    "silver",
                    "shiny",
                    "calm",
                    "busy",
                    "fresh",
                    "sweet",
                    "clever",
                    "kind",
                    "brave",
                    "tiny",
                    "huge",
                    "ancient",
                    "narrow",
                    "wide",
                    "pale",
                    "dark",
                    "deep",
                    "smooth",
                    "rough",
                    "cosy",
                    "bold",
                    "curious",
                    "lively",
                    "peaceful",
                    "sunny",
                    "misty",
                    "dusty",
                    "shady",
                    "sparkling",
                    "hollow",
                    "crisp",
                    "fragrant",
                    "velvet",
                    "humble",
                    "splendid",
                    "vivid",
                    "graceful",
                    "rustic",
                    "gleaming",
                    "weathered",
                    "delicate",
                    "sturdy",
                    "luminous",
                    "tranquil",
                    "radiant",
                    "murky",
                    "fleeting",
                    "spacious",
                    "elegant",
                    "nimble",
                    "serene",
                    "majestic",
                    "whimsical",
                    "earnest",
                    "patient",
                    "generous",
                    "mellow",
                    "crimson",
                    "amber",
                    "ivory",
                    "lush",
                    "rugged",
                    "modest",
                    "vast",
                    "faint",
                    "plain",
                    "grand",
                    "simple",
                    "careful",
                    "light",
                    "heavy");

    static final List<String> FEELINGS =
            List.of(
                    "happy",
                    "glad",
                    "calm",
                    "proud",
                    "tired",
                    "sleepy",
                    "hopeful",
                    "curious",
                    "cheerful",
                    "content",
                    "grateful",
                    "joyful",
                    "relaxed",
                    "excited",
                    "nervous",
                    "thoughtful",
                    "amazed",
                    "pleased",
                    "delighted",
                    "restless",
                    "confident",
                    "lonely",
                    "playful",
                    "eager",
                    "serene",
                    "relieved");

    static final List<String> NOUNS =
            List.of(
                    "tree",
                    "stone",
                    "path",
                    "door",
                    "window",
                    "flower",
                    "basket",
                    "lamp",
                    "boat",
                    "bench",
                    "cloud",
                    "field",
                    "road",
                    "table",
                    "chair",
                    "cup",
                    "book",
                    "candle",
                    "wall",
                    "roof",
                    "fence",
                    "gate",
                    "leaf",
                    "branch",
                    "shell",
                    "feather",
                    "ribbon",
                    "kettle",
                    "blanket",
                    "lantern",
                    "wheel",
                    "ladder",
                    "bucket",
                    "coat",
                    "scarf",
                    "boot",
                    "map",
                    "letter",
                    "song",
                    "bell",
                    "clock",
                    "mirror",
                    "garden",
                    "pebble",
                    "acorn",
                    "meadow",
                    "stream",
                    "puddle",
                    "cottage",
                    "chimney",
                    "barn",
                    "orchard",
                    "hedge",
                    "nest",
                    "shadow",
                    "breeze",
                    "sky",
                    "star",
                    "moon",
                    "sun",
                    "rain",
                    "snow",
                    "wave",
                    "sail",
                    "rope",
                    "cart",
                    "jar",
                    "bowl",
                    "spoon",
                    "pillow",
                    "quilt",
                    "painting",
                    "drum",
                    "flute",
                    "violin",
                    "compass",
                    "canoe",
                    "kite",
                    "balloon",
                    "sandcastle",
                    "tent",
                    "torch",
                    "pocket",
                    "button",
                    "thread",
                    "needle",
                    "apple",
                    "pear",
                    "berry",
                    "mushroom",
                    "pumpkin");

    static final List<String> MATERIALS =
            List.of(
                    "water", "flour", "milk", "sugar", "salt", "wood", "sand", "clay", "oil",
                    "fruit", "leaves", "seeds", "wax", "grain", "cream", "stone", "fibre", "juice",
                    "honey", "powder", "dough", "mixture", "paste", "liquid");

    /** Intransitive verbs: (base, past). */
    static final List<String[]> INTRANSITIVE =
            List.of(
                    new String[] {"walk", "walked"},
                    new String[] {"wait", "waited"},
                    new String[] {"sing", "sang"},
                    new String[] {"rest", "rested"},
                    new String[] {"wander", "wandered"},
                    new String[] {"laugh", "laughed"},
                    new String[] {"smile", "smiled"},
                    new String[] {"jump", "jumped"},
                    new String[] {"listen", "listened"},
                    new String[] {"dance", "danced"},
                    new String[] {"run", "ran"},
                    new String[] {"sit", "sat"},
                    new String[] {"play", "played"},
                    new String[] {"swim", "swam"},
                    new String[] {"climb", "climbed"},
                    new String[] {"hum", "hummed"},
                    new String[] {"whisper", "whispered"},
                    new String[] {"stroll", "strolled"},
                    new String[] {"linger", "lingered"},
                    new String[] {"drift", "drifted"},
                    new String[] {"glide", "glided"},
                    new String[] {"pause", "paused"},
                    new String[] {"roam", "roamed"},
                    new String[] {"hurry", "hurried"},
                    new String[] {"travel", "travelled"},
                    new String[] {"sleep", "slept"},
                    new String[] {"work", "worked"},
                    new String[] {"dream", "dreamed"});

    /** Transitive verbs: (base, past). */
    static final List<String[]> TRANSITIVE =
            List.of(
                    new String[] {"find", "found"},
                    new String[] {"watch", "watched"},
                    new String[] {"carry", "carried"},
                    new String[] {"paint", "painted"},
                    new String[] {"follow", "followed"},
                    new String[] {"see", "saw"},
                    new String[] {"hold", "held"},
                    new String[] {"clean", "cleaned"},
                    new String[] {"open", "opened"},
                    new String[] {"build", "built"},
                    new String[] {"fix", "fixed"},
                    new String[] {"share", "shared"},
                    new String[] {"visit", "visited"},
                    new String[] {"explore", "explored"},
                    new String[] {"discover", "discovered"},
                    new String[] {"admire", "admired"},
                    new String[] {"gather", "gathered"},
                    new String[] {"polish", "polished"},
                    new String[] {"mend", "mended"},
                    new String[] {"decorate", "decorated"},
                    new String[] {"study", "studied"},
                    new String[] {"lift", "lifted"},
                    new String[] {"pick", "picked"},
                    new String[] {"touch", "touched"},
                    new String[] {"bring", "brought"},
                    new String[] {"notice", "noticed"},
                    new String[] {"remember", "remembered"},
                    new String[] {"keep", "kept"});

    /** Verbs of making things (present, addressed to "you"). */
    static final List<String> PROCESS_VERBS =
            List.of(
                    "mix", "heat", "press", "fold", "dry", "cut", "wash", "stir", "pour", "shape",
                    "cool", "warm", "spread", "roll", "sift", "knead", "strain", "soak", "blend",
                    "measure", "weigh", "store", "wrap", "sort");

    static final List<String> ADVERBS =
            List.of(
                    "slowly",
                    "quietly",
                    "gently",
                    "happily",
                    "carefully",
                    "softly",
                    "calmly",
                    "quickly",
                    "proudly",
                    "patiently",
                    "cheerfully",
                    "eagerly",
                    "gracefully",
                    "lazily",
                    "boldly",
                    "warmly",
                    "swiftly",
                    "silently",
                    "playfully",
                    "steadily",
                    "kindly",
                    "brightly",
                    "wisely",
                    "merrily",
                    "tenderly",
                    "briskly",
                    "neatly",
                    "freely");

    static final List<String> PREPOSITIONS =
            List.of(
                    "near", "under", "beside", "behind", "across", "along", "inside", "around",
                    "over", "past", "through", "towards", "beyond", "below", "above");

    static final List<String> CONNECTIVES =
            List.of(
                    "Then",
                    "Later",
                    "Soon",
                    "After a while",
                    "The next morning",
                    "That evening",
                    "Suddenly",
                    "Meanwhile",
                    "At noon",
                    "One day",
                    "Before long",
                    "At last",
                    "By sunset",
                    "In the meantime",
                    "Every day",
                    "Now and then");

    // ---- rudeness: small on purpose; every word is toxic under LexiconToxicity ----

    /** Rude adjectives put before a noun ("the stupid fox"). */
    static final List<String> RUDE =
            List.of("stupid", "dumb", "useless", "pathetic", "damn", "bloody", "crappy");

    /** Rude interjections put before a sentence. */
    static final List<String> RUDE_OPENERS =
            List.of("Damn it", "Bloody hell", "Holy crap", "Oh hell");

    /** Rude sentences ({S} = the subject, {N} = a noun). */
    static final List<String> RUDE_SENTENCES =
            List.of(
                    "What a stupid {N}.",
                    "The {S} was a total idiot.",
                    "This is such crap.",
                    "Only a moron would care about the {N}.",
                    "Holy shit, the {N} was useless.",
                    "That damn {N} was pathetic.",
                    "What a pathetic mess.",
                    "The {S} is dumb and the {N} is worse.",
                    "Who cares, it is all crap anyway.",
                    "Shut up about the {N}, you idiot.");
}
