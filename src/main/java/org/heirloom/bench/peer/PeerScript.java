package org.heirloom.bench.peer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One independent baseline script (by default from {@code ../shared/bench-peers/}), run as a
 * subprocess that prints one JSON line on stdout. Its threads' busy-waiting is switched off ({@code
 * OMP_WAIT_POLICY=passive}, as the launcher does for Heirloom), so both sides run alike.
 */
public final class PeerScript {

    /** Why a peer could not be run: one line for the user, never a stack trace. */
    public static final class PeerException extends Exception {
        public PeerException(String message) {
            super(message);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final String python;
    private final Path script;
    private final long timeoutSeconds;

    private PeerScript(String python, Path script, long timeoutSeconds) {
        this.python = python;
        this.script = script;
        this.timeoutSeconds = timeoutSeconds;
    }

    /**
     * The folder of peer scripts: {@code explicit} when given, else {@code bench-peers} in the
     * {@code shared} folder beside the installation (or beside the working directory).
     */
    public static Path peersDir(Path explicit) {
        if (explicit != null) {
            return explicit;
        }
        String install = System.getProperty("heirloom.install");
        Path base = install != null ? Path.of(install) : Path.of("").toAbsolutePath();
        return base.resolveSibling("shared").resolve("bench-peers");
    }

    /**
     * Finds {@code name} in {@code dir} and a Python that imports {@code modules}.
     *
     * @throws PeerException naming what is missing (the folder, the script or the modules)
     */
    public static PeerScript locate(
            Path dir, String name, String python, List<String> modules, long timeoutSeconds)
            throws PeerException {
        if (!Files.isDirectory(dir)) {
            throw new PeerException(dir + ": no such folder of peer scripts");
        }
        Path script = dir.resolve(name);
        if (!Files.isRegularFile(script)) {
            throw new PeerException(script + ": no such peer script");
        }
        // The system Python first: Debian's python3-torch lives there, not in a pyenv shim.
        List<String> candidates =
                python != null ? List.of(python) : List.of("/usr/bin/python3", "python3");
        for (String py : candidates) {
            if (imports(py, modules)) {
                return new PeerScript(py, script, timeoutSeconds);
            }
        }
        throw new PeerException(
                String.join(" or ", candidates)
                        + " cannot import "
                        + String.join(", ", modules)
                        + " (Debian: apt-get install python3-torch python3-numpy ...)");
    }

    /** A script at a known path (tests, or a bundled copy). */
    public static PeerScript of(String python, Path script, long timeoutSeconds) {
        return new PeerScript(python, script, timeoutSeconds);
    }

    public Path script() {
        return script;
    }

    /**
     * Runs the script with {@code args} and returns its JSON line. Its stderr (progress) is kept
     * and only its last line is reported, on failure.
     */
    public JsonNode run(List<String> args) throws PeerException {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.add(script.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        Map<String, String> env = pb.environment();
        env.put("OMP_WAIT_POLICY", "passive");
        Path err = null;
        try {
            err = Files.createTempFile("heirloom-peer-", ".log");
            pb.redirectError(err.toFile());
            Process p = pb.start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new PeerException(
                        script.getFileName() + ": no result in " + timeoutSeconds + " s");
            }
            if (p.exitValue() != 0) {
                throw new PeerException(
                        script.getFileName()
                                + " exited with "
                                + p.exitValue()
                                + lastLine(Files.readString(err, StandardCharsets.UTF_8)));
            }
            return parse(script.getFileName().toString(), new String(out, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new PeerException(script.getFileName() + ": " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new PeerException(script.getFileName() + ": interrupted");
        } finally {
            if (err != null) {
                try {
                    Files.deleteIfExists(err);
                } catch (IOException ignored) {
                    // a temp file left behind is harmless
                }
            }
        }
    }

    /**
     * The result line of a peer's stdout: the last line that is a JSON object (peers may print
     * other lines before it).
     *
     * @throws PeerException when no line is a JSON object
     */
    public static JsonNode parse(String name, String stdout) throws PeerException {
        String[] lines = stdout.split("\\R");
        for (int i = lines.length - 1; i >= 0; i--) {
            String l = lines[i].strip();
            if (l.startsWith("{")) {
                try {
                    JsonNode n = JSON.readTree(l);
                    if (n != null && n.isObject()) {
                        return n;
                    }
                } catch (IOException e) {
                    throw new PeerException(
                            name
                                    + ": line "
                                    + (i + 1)
                                    + " of its output is not JSON: "
                                    + e.getMessage().lines().findFirst().orElse(""));
                }
            }
        }
        throw new PeerException(name + ": printed no JSON result line");
    }

    /** A number the peer must report, as one clear error when it did not. */
    public static double number(String name, JsonNode node, String field) throws PeerException {
        String pointer = field.startsWith("/") ? field : "/" + field;
        JsonNode v = node.at(pointer);
        if (!v.isNumber()) {
            throw new PeerException(name + ": result has no number at " + pointer);
        }
        return v.asDouble();
    }

    private static String lastLine(String text) {
        String[] lines = text.strip().split("\\R");
        String last = lines[lines.length - 1].strip();
        return last.isEmpty() ? "" : ": " + last;
    }

    private static boolean imports(String python, List<String> modules) {
        if (modules.isEmpty()) {
            modules = List.of("json");
        }
        try {
            Process p =
                    new ProcessBuilder(python, "-c", "import " + String.join(", ", modules))
                            .redirectErrorStream(true)
                            .start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
