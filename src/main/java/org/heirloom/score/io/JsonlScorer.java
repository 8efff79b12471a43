package org.heirloom.score.io;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.heirloom.job.JobContext;
import org.heirloom.score.BatchScorer;
import org.heirloom.score.Metric;

/**
 * Scores a JSONL file: every non-blank line must be a JSON object with a string field (default
 * {@code text}); the output has each input object with one added field per metric (the metric spec
 * as written is the key; NaN is written as null; an existing field of that name is replaced). Input
 * errors name the file and line. The output appears atomically: it is written to a temporary file
 * next to it and moved into place only when every line succeeded.
 */
public final class JsonlScorer {

    private static final ObjectMapper JSON =
            new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final int CHUNK = 2048;

    /**
     * What to do.
     *
     * @param input JSONL file to read
     * @param output JSONL file to write (replaced atomically)
     * @param textField the field holding the text
     * @param fieldNames output field per metric (same order as metrics)
     * @param metrics metrics to apply
     * @param threads worker threads for pure text metrics
     */
    public record Request(
            Path input,
            Path output,
            String textField,
            List<String> fieldNames,
            List<? extends Metric> metrics,
            int threads) {}

    private JsonlScorer() {}

    /** Runs the request; returns the number of objects scored. */
    public static long run(Request req, JobContext context) throws IOException {
        if (Files.isDirectory(req.input())) {
            throw new IllegalArgumentException(req.input() + ": is a directory, not a file");
        }
        if (!Files.isRegularFile(req.input())) {
            throw new IllegalArgumentException(req.input() + ": no such file");
        }
        // Checked before the temporary file exists: the final rename would fail after all the
        // scoring and leave the temporary behind.
        if (Files.isDirectory(req.output())) {
            throw new IllegalArgumentException(
                    req.output() + ": is a directory; --output names the file to write");
        }
        Path out = req.output().toAbsolutePath();
        Path dir = out.getParent();
        Files.createDirectories(dir);
        Path tmp = Files.createTempFile(dir, "." + out.getFileName() + ".", ".tmp");
        long count = 0;
        boolean ok = false;
        context.progress().start(Files.size(req.input()), "Scoring " + req.input().getFileName());
        try (InputStream in = Files.newInputStream(req.input());
                Writer w =
                        new BufferedWriter(
                                new OutputStreamWriter(
                                        Files.newOutputStream(tmp), StandardCharsets.UTF_8),
                                1 << 16)) {
            CharsetDecoder utf8 =
                    StandardCharsets.UTF_8
                            .newDecoder()
                            .onMalformedInput(CodingErrorAction.REPORT)
                            .onUnmappableCharacter(CodingErrorAction.REPORT);
            ByteLines lines = new ByteLines(in);
            List<ObjectNode> objects = new ArrayList<>(CHUNK);
            List<String> texts = new ArrayList<>(CHUNK);
            long lineNo = 0;
            byte[] raw;
            while ((raw = lines.next()) != null) {
                lineNo++;
                context.progress().advance(raw.length + 1);
                String s = decode(utf8, raw, req.input(), lineNo);
                if (s.isBlank()) {
                    continue;
                }
                ObjectNode obj = parseObject(s, req.input(), lineNo);
                JsonNode text = obj.get(req.textField());
                if (text == null) {
                    throw new IllegalArgumentException(
                            where(req.input(), lineNo)
                                    + ": missing field '"
                                    + req.textField()
                                    + "'");
                }
                if (!text.isTextual()) {
                    throw new IllegalArgumentException(
                            where(req.input(), lineNo)
                                    + ": field '"
                                    + req.textField()
                                    + "' is not a string");
                }
                objects.add(obj);
                texts.add(text.asText());
                if (objects.size() == CHUNK) {
                    count += flush(req, objects, texts, w);
                    context.checkCancelled();
                }
            }
            count += flush(req, objects, texts, w);
            ok = true;
        } finally {
            if (!ok) {
                Files.deleteIfExists(tmp);
            }
        }
        try {
            try {
                Files.move(
                        tmp,
                        out,
                        StandardCopyOption.REPLACE_EXISTING,
                        StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw new IllegalArgumentException(
                    req.output() + ": cannot be written (" + e.getMessage() + ")");
        }
        return count;
    }

    private static int flush(Request req, List<ObjectNode> objects, List<String> texts, Writer w)
            throws IOException {
        if (objects.isEmpty()) {
            return 0;
        }
        double[][] scores = BatchScorer.score(req.metrics(), texts, req.threads());
        for (int i = 0; i < objects.size(); i++) {
            ObjectNode o = objects.get(i);
            for (int j = 0; j < scores.length; j++) {
                double v = scores[j][i];
                String key = req.fieldNames().get(j);
                if (Double.isNaN(v) || Double.isInfinite(v)) {
                    o.putNull(key);
                } else if (v == Math.rint(v) && Math.abs(v) < 1e15) {
                    o.put(key, (long) v);
                } else {
                    o.put(key, v);
                }
            }
            w.write(JSON.writeValueAsString(o));
            w.write('\n');
        }
        int n = objects.size();
        objects.clear();
        texts.clear();
        return n;
    }

    private static String decode(CharsetDecoder utf8, byte[] bytes, Path file, long lineNo) {
        int len = bytes.length;
        if (len > 0 && bytes[len - 1] == '\r') {
            len--;
        }
        int start = 0;
        if (lineNo == 1
                && len >= 3
                && (bytes[0] & 0xff) == 0xEF
                && (bytes[1] & 0xff) == 0xBB
                && (bytes[2] & 0xff) == 0xBF) {
            start = 3; // UTF-8 byte order mark
        }
        try {
            return utf8.reset().decode(ByteBuffer.wrap(bytes, start, len - start)).toString();
        } catch (CharacterCodingException e) {
            throw new IllegalArgumentException(where(file, lineNo) + ": invalid UTF-8");
        }
    }

    private static ObjectNode parseObject(String s, Path file, long lineNo) {
        JsonNode node;
        try {
            node = JSON.readTree(s);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    where(file, lineNo) + ": invalid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new IllegalArgumentException(where(file, lineNo) + ": not a JSON object");
        }
        return obj;
    }

    /** Splits a stream into lines of bytes at '\n' (block reads; no per-byte calls). */
    static final class ByteLines {
        private final InputStream in;
        private final byte[] buf = new byte[1 << 16];
        private final ByteArrayOutputStream acc = new ByteArrayOutputStream(4096);
        private int pos;
        private int lim;
        private boolean eof;

        ByteLines(InputStream in) {
            this.in = in;
        }

        /** The next line without its '\n', or null at the end. */
        byte[] next() throws IOException {
            acc.reset();
            boolean any = false;
            while (true) {
                if (pos == lim) {
                    if (eof) {
                        return any ? acc.toByteArray() : null;
                    }
                    lim = in.read(buf);
                    pos = 0;
                    if (lim <= 0) {
                        lim = 0;
                        eof = true;
                    }
                    continue;
                }
                any = true;
                int start = pos;
                while (pos < lim && buf[pos] != '\n') {
                    pos++;
                }
                acc.write(buf, start, pos - start);
                if (pos < lim) {
                    pos++;
                    return acc.toByteArray();
                }
            }
        }
    }

    private static String where(Path file, long lineNo) {
        return file + " line " + lineNo;
    }
}
