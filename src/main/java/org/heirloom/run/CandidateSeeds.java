package org.heirloom.run;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.heirloom.io.ContentHash;

/**
 * Per-candidate seeds: SHA-256 of (run seed, prompt content hash, teacher index, candidate index),
 * first 31 bits. A resumed or re-run candidate thus gets the same seed whatever order work happens
 * in; 31 bits because some servers take only 32-bit signed seeds.
 */
public final class CandidateSeeds {

    private CandidateSeeds() {}

    public static long derive(
            long runSeed, String promptHash, int teacherIndex, int candidateIndex) {
        MessageDigest d = ContentHash.digest();
        d.update(
                (runSeed + ":" + promptHash + ":" + teacherIndex + ":" + candidateIndex)
                        .getBytes(StandardCharsets.UTF_8));
        byte[] h = d.digest();
        long v =
                ((h[0] & 0xffL) << 24)
                        | ((h[1] & 0xffL) << 16)
                        | ((h[2] & 0xffL) << 8)
                        | (h[3] & 0xffL);
        return v & 0x7fffffffL;
    }
}
