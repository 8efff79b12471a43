package org.heirloom.bench.generate;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What loading a model directory cost: wall time, and this process's resident memory against the
 * bytes of its weight files (the laptop question: does a 1 GB bf16 model fit in about 1 GB?).
 *
 * @param seconds wall time of the load
 * @param residentBytes resident set after loading ({@code VmRSS}), 0 where /proc is absent
 * @param peakResidentBytes highest resident set so far ({@code VmHWM}), 0 where /proc is absent
 * @param weightFileBytes total size of the directory's {@code *.safetensors} files
 */
public record LoadFootprint(
        double seconds, long residentBytes, long peakResidentBytes, long weightFileBytes) {

    public double residentVsFiles() {
        return weightFileBytes == 0 ? Double.NaN : (double) residentBytes / weightFileBytes;
    }

    /** Reads the footprint now, after a load of {@code dir} that took {@code nanos}. */
    public static LoadFootprint measure(Path dir, long nanos) {
        return new LoadFootprint(
                nanos / 1e9, procStatus("VmRSS:"), procStatus("VmHWM:"), weightBytes(dir));
    }

    static long weightBytes(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".safetensors"))
                    .mapToLong(
                            f -> {
                                try {
                                    return Files.size(f);
                                } catch (IOException e) {
                                    throw new UncheckedIOException(e);
                                }
                            })
                    .sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A {@code kB} field of /proc/self/status in bytes; 0 where the file is absent (not Linux). */
    static long procStatus(String field) {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return 0;
        }
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith(field)) {
                    String[] parts = line.substring(field.length()).trim().split("\\s+");
                    return Long.parseLong(parts[0]) * 1024;
                }
            }
            return 0;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
