package org.heirloom.model;

/** Rotary inverse frequencies, with the scalings config.json may ask for. */
final class RoPE {

    private RoPE() {}

    /** inv_freq[j] = theta^(-2j/headDim), j < headDim/2, then scaled (in double precision). */
    static double[] inverseFrequencies(ModelConfig c) {
        int hd = c.headDim();
        double[] inv = new double[hd / 2];
        for (int j = 0; j < inv.length; j++) {
            inv[j] = Math.pow(c.ropeTheta(), -2.0 * j / hd);
        }
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
}
