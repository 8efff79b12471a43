package org.heirloom.model.safetensors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The safetensors format: 8-byte little-endian header length, a JSON header mapping each tensor
 * name to {@code dtype}, {@code shape} and {@code data_offsets} (relative to the end of the
 * header), then the raw data. Read by memory mapping; written atomically.
 */
public final class SafeTensors {

    public static final String SINGLE_FILE = "model.safetensors";
    public static final String INDEX_FILE = "model.safetensors.index.json";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    private SafeTensors() {}

    /** Reads every tensor of one file, in header order. */
    public static Map<String, Tensor> read(Path file) throws IOException {
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new IllegalArgumentException(file + ": too short for a safetensors file");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0);
            long headerLen = lenBuf.getLong(0);
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new IllegalArgumentException(
                        file
                                + ": header length "
                                + headerLen
                                + " is invalid (file size "
                                + size
                                + ")");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8);
            JsonNode header;
            try {
                header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalArgumentException(
                        file + ": header is not valid JSON: " + e.getMessage());
            }
            long dataStart = 8 + headerLen;
            Iterator<Map.Entry<String, JsonNode>> it = header.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String name = e.getKey();
                if (name.equals("__metadata__")) {
                    continue;
                }
                JsonNode t = e.getValue();
                DType dtype = DType.parse(t.path("dtype").asText(), name, file);
                JsonNode shapeNode = t.path("shape");
                long[] shape = new long[shapeNode.size()];
                for (int i = 0; i < shape.length; i++) {
                    JsonNode d = shapeNode.get(i);
                    if (!d.canConvertToLong() || !d.isIntegralNumber() || d.asLong() < 0) {
                        throw new IllegalArgumentException(
                                file + ": tensor '" + name + "' shape has a bad dimension " + d);
                    }
                    shape[i] = d.asLong();
                }
                JsonNode offs = t.path("data_offsets");
                if (offs.size() != 2) {
                    throw new IllegalArgumentException(
                            file + ": tensor '" + name + "' lacks data_offsets [begin, end]");
                }
                long begin = offs.get(0).asLong();
                long end = offs.get(1).asLong();
                if (begin < 0 || end < begin || dataStart + end > size) {
                    throw new IllegalArgumentException(
                            file + ": tensor '" + name + "' data_offsets out of range");
                }
                ByteBuffer data =
                        end == begin
                                ? ByteBuffer.allocate(0)
                                : ch.map(
                                        FileChannel.MapMode.READ_ONLY,
                                        dataStart + begin,
                                        end - begin);
                try {
                    out.put(name, new Tensor(dtype, shape, data));
                } catch (IllegalArgumentException bad) {
                    throw new IllegalArgumentException(
                            file + ": tensor '" + name + "': " + bad.getMessage());
                }
            }
        }
        return out;
    }

    /**
     * Reads a model directory's weights: {@code model.safetensors}, or the shards listed in {@code
     * model.safetensors.index.json} ({@code weight_map}: tensor name to shard file).
     */
    public static Map<String, Tensor> readModelDir(Path dir) throws IOException {
        List<Path> files = weightFiles(dir);
        Map<String, Tensor> all = new LinkedHashMap<>();
        for (Path f : files) {
            all.putAll(read(f));
        }
        return all;
    }

    /** The weight files of a model directory, in a stable order. */
    public static List<Path> weightFiles(Path dir) throws IOException {
        Path index = dir.resolve(INDEX_FILE);
        if (Files.isRegularFile(index)) {
            JsonNode map = org.heirloom.io.JsonFiles.read(index).path("weight_map");
            if (!map.isObject() || map.size() == 0) {
                throw new IllegalArgumentException(
                        index + ": field 'weight_map' is missing or empty");
            }
            TreeSet<String> shards = new TreeSet<>();
            map.fields().forEachRemaining(e -> shards.add(e.getValue().asText()));
            List<Path> out = new ArrayList<>();
            for (String s : shards) {
                Path p = dir.resolve(s).normalize();
                if (!p.startsWith(dir.normalize()) || !Files.isRegularFile(p)) {
                    throw new IllegalArgumentException(
                            index
                                    + ": weight_map names shard '"
                                    + s
                                    + "', which is not a file in "
                                    + dir);
                }
                out.add(p);
            }
            return out;
        }
        Path single = dir.resolve(SINGLE_FILE);
        if (!Files.isRegularFile(single)) {
            throw new IllegalArgumentException(
                    dir
                            + ": no "
                            + SINGLE_FILE
                            + " or "
                            + INDEX_FILE
                            + " (only safetensors weights are supported)");
        }
        return List.of(single);
    }

    /** Writes tensors (in the map's order) to one file, atomically. */
    public static void write(Path file, Map<String, Tensor> tensors) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        header.putObject("__metadata__").put("format", "pt");
        long offset = 0;
        for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
            Tensor t = e.getValue();
            ObjectNode n = header.putObject(e.getKey());
            n.put("dtype", t.dtype().name());
            var shape = n.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            long len = t.data().remaining();
            n.putArray("data_offsets").add(offset).add(offset + len);
            offset += len;
        }
        byte[] hjson = JSON.writeValueAsBytes(header);
        int padded = (hjson.length + 7) / 8 * 8; // data starts 8-aligned; pad with spaces
        byte[] hbytes = new byte[padded];
        java.util.Arrays.fill(hbytes, (byte) ' ');
        System.arraycopy(hjson, 0, hbytes, 0, hjson.length);
        Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".tmp-", ".safetensors");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
                ByteBuffer len = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
                len.putLong(0, padded);
                writeFully(ch, len);
                writeFully(ch, ByteBuffer.wrap(hbytes));
                for (Tensor t : tensors.values()) {
                    writeFully(ch, t.data().duplicate());
                }
            }
            Files.move(
                    tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** Writes a sharded index (used when a caller splits weights into several files). */
    public static void writeIndex(Path dir, Map<String, String> weightMap, long totalSize)
            throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.putObject("metadata").put("total_size", totalSize);
        ObjectNode wm = root.putObject("weight_map");
        weightMap.forEach(wm::put);
        Path tmp = Files.createTempFile(dir, ".tmp-", ".json");
        try (OutputStream os = Files.newOutputStream(tmp)) {
            JSON.writerWithDefaultPrettyPrinter().writeValue(os, root);
        }
        Files.move(
                tmp,
                dir.resolve(INDEX_FILE),
                StandardCopyOption.REPLACE_EXISTING,
                StandardCopyOption.ATOMIC_MOVE);
    }

    private static void readFully(FileChannel ch, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new IOException("unexpected end of file");
            }
            pos += n;
        }
        b.flip();
    }

    private static void writeFully(FileChannel ch, ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            ch.write(b);
        }
    }
}
