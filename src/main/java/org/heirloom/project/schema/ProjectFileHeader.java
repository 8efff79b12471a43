package org.heirloom.project.schema;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.heirloom.project.ProjectException;

/**
 * Reads the 100-byte SQLite header without opening the file through SQLite, so that a foreign or
 * damaged file can be refused before anything could write to it. Layout from
 * https://www.sqlite.org/fileformat2.html#the_database_header.
 */
public record ProjectFileHeader(
        int pageSize, long pageCount, int userVersion, int applicationId, long fileSize) {

    private static final byte[] MAGIC = "SQLite format 3\0".getBytes(StandardCharsets.US_ASCII);

    /** Reads and checks the header; throws a {@link ProjectException} naming the problem. */
    public static ProjectFileHeader read(Path file) {
        if (!Files.exists(file)) {
            throw ProjectException.about(file, "no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw ProjectException.about(file, "not a regular file");
        }
        long size;
        byte[] header = new byte[100];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            size = Files.size(file);
            n = in.readNBytes(header, 0, header.length);
        } catch (IOException e) {
            throw ProjectException.about(file, "cannot be read (" + e.getMessage() + ")", e);
        }
        if (size == 0) {
            throw ProjectException.about(file, "empty file, not a Heirloom project");
        }
        for (int i = 0; i < MAGIC.length; i++) {
            if (i >= n || header[i] != MAGIC[i]) {
                throw ProjectException.about(
                        file, "not a Heirloom project (not an SQLite database file)");
            }
        }
        if (n < 100) {
            throw ProjectException.about(file, "truncated (SQLite header is incomplete)");
        }
        ByteBuffer b = ByteBuffer.wrap(header); // big-endian, as SQLite stores it
        int rawPageSize = Short.toUnsignedInt(b.getShort(16));
        int pageSize = rawPageSize == 1 ? 65536 : rawPageSize;
        if (pageSize < 512 || Integer.bitCount(pageSize) != 1) {
            throw ProjectException.about(file, "corrupt (invalid page size " + rawPageSize + ")");
        }
        long pageCount = Integer.toUnsignedLong(b.getInt(28));
        int userVersion = b.getInt(60);
        int applicationId = b.getInt(68);
        boolean countValid = b.getInt(24) == b.getInt(92);
        // With a WAL (or a hot rollback journal) beside it, the main file alone is not the
        // database: a checkpoint writes page 1 (with the new page count) before the pages after
        // it, so a checkpoint in progress or killed half-way looks "truncated" here while SQLite
        // reads it intact from the WAL. Then SQLite's own checks decide (quick_check on open).
        if (countValid
                && pageCount > 0
                && size < pageCount * pageSize
                && !hasJournal(file)
                && stillShort(file, pageCount * pageSize)) {
            throw ProjectException.about(
                    file,
                    "truncated (" + size + " bytes, the header says " + pageCount * pageSize + ")");
        }
        return new ProjectFileHeader(pageSize, pageCount, userVersion, applicationId, size);
    }

    /** A WAL or rollback journal beside the file: SQLite completes the file from it. */
    static boolean hasJournal(Path file) {
        for (String suffix : new String[] {"-wal", "-journal"}) {
            Path j = file.resolveSibling(file.getFileName() + suffix);
            try {
                if (Files.isRegularFile(j) && Files.size(j) > 0) {
                    return true;
                }
            } catch (IOException e) {
                return true; // vanished between the two calls: a writer is at work on it
            }
        }
        return false;
    }

    /**
     * Looks again after the journal check: a checkpoint that finished between our first read and
     * the journal check has grown the file and emptied the WAL.
     */
    private static boolean stillShort(Path file, long expected) {
        try {
            return Files.size(file) < expected;
        } catch (IOException e) {
            return true;
        }
    }
}
