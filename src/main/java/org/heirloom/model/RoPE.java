package org.heirloom.model;

import java.util.List;

/** Rotary inverse frequencies, with the scalings config.json may ask for, and cos/sin tables. */
final class RoPE {

    private RoPE() {}

    /** Channels of a head that RoPE rotates (all but Phi-3's partial rotary). */
    static int rotaryDim(ModelConfig c) {
        return c.arch().rotaryDim() > 0 ? c.arch().rotaryDim() : c.headDim();
    }

    /** inv_freq[j] = theta^(-2j/dim), j &lt; dim/2. */
    static double[] plain(double theta, int dim) {
        double[] inv = new double[dim / 2];
        for (int j = 0; j < inv.length; j++) {
            inv[j] = Math.pow(theta, -2.0 * j / dim);
        }
        return inv;
    }

    /** Longrope: inv_freq[j] = 1 / (factor[j] · theta^(2j/dim)). */
    static double[] longRope(ModelConfig c, List<Double> factors) {
        double[] inv = plain(c.ropeTheta(), rotaryDim(c));
        for (int j = 0; j < inv.length; j++) {
            inv[j] /= factors.get(j);
        }
        return inv;
    }

    /** inv_freq[j] = theta^(-2j/dim) over the rotary channels, then scaled (in double). */
    static double[] inverseFrequencies(ModelConfig c) {
        double[] inv = plain(c.ropeTheta(), rotaryDim(c));
        ModelConfig.RopeScaling s = c.ropeScaling();
        if (s == null) {
            return inv;
        }
        if (s.type().equals("linear")) {
            for (int j = 0; j < inv.length; j++) {
                inv[j] /= s.factor();
            }
            return inv;
        }
        // llama3: transformers' _compute_llama3_parameters.
        double lowWavelen = s.originalMaxPositions() / s.lowFreqFactor();
        double highWavelen = s.originalMaxPositions() / s.highFreqFactor();
        for (int j = 0; j < inv.length; j++) {
            double wavelen = 2 * Math.PI / inv[j];
            if (wavelen > lowWavelen) {
                inv[j] = inv[j] / s.factor();
            } else if (wavelen >= highWavelen) {
                double smooth =
                        (s.originalMaxPositions() / wavelen - s.lowFreqFactor())
                                / (s.highFreqFactor() - s.lowFreqFactor());
                inv[j] = (1 - smooth) * inv[j] / s.factor() + smooth * inv[j];
            }
        }
        return inv;
    }

    /**
     * cos and sin tables {@code [len, hd]} in the rotate_half layout: channel j and j + rd/2 share
     * angle pos·inv[j] (rd = 2·inv.length), both times {@code attention} (longrope's factor);
     * channels from rd on (partial rotary) get cos 1 and sin 0, so they pass unchanged.
     */
    static float[][] tables(double[] inv, double attention, int len, int hd) {
        int half = inv.length;
        float[] c = new float[len * hd];
        float[] sn = new float[len * hd];
        for (int pos = 0; pos < len; pos++) {
            int row = pos * hd;
            for (int j = 0; j < half; j++) {
                double angle = pos * inv[j];
                float cv = (float) (Math.cos(angle) * attention);
                float sv = (float) (Math.sin(angle) * attention);
                c[row + j] = cv;
                c[row + j + half] = cv;
                sn[row + j] = sv;
                sn[row + j + half] = sv;
            }
            for (int j = 2 * half; j < hd; j++) {
                c[row + j] = 1f;
            }
        }
        return new float[][] {c, sn};
    }

    /** Rows of {@code a} and {@code b} interleaved: a's row p at 2p, b's at 2p + 1. */
    static float[][] interleave(float[][] a, float[][] b, int hd) {
        float[][] out = new float[2][];
        for (int k = 0; k < 2; k++) {
            int rows = a[k].length / hd;
            out[k] = new float[2 * a[k].length];
            for (int p = 0; p < rows; p++) {
                System.arraycopy(a[k], p * hd, out[k], 2 * p * hd, hd);
                System.arraycopy(b[k], p * hd, out[k], (2 * p + 1) * hd, hd);
            }
        }
        return out;
    }
}
