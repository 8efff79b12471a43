package org.heirloom.prompt;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.heirloom.io.ContentHash;

/**
 * The content hash of a data set folder: SHA-256 over each {@code .parquet} file's relative path
 * and bytes, in path order, streamed so that a large data set is never held in memory.
 */
final class SourceHash {

    private SourceHash() {}

    static String ofFolder(Path folder) throws IOException {
        MessageDigest d = ContentHash.digest();
        byte[] buf = new byte[1 << 16];
        for (Path f : ParquetPromptReader.files(folder)) {
            d.update(
                    folder.relativize(f)
                            .toString()
                            .replace('\\', '/')
                            .getBytes(StandardCharsets.UTF_8));
            d.update((byte) 0);
            try (InputStream in = Files.newInputStream(f)) {
                int n;
                while ((n = in.read(buf)) > 0) {
                    d.update(buf, 0, n);
                }
            }
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
