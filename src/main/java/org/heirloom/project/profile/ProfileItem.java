package org.heirloom.project.profile;

/**
 * One unit of a profile: a generation, a scored item, a pair outcome.
 *
 * @param itemKey the item (prompt id, question id, pair index)
 * @param sampleIdx the sample of that item (0 where there is one)
 * @param text generated text, or null
 * @param value the item's primary number (e.g. toxicity), or NaN
 * @param data details as JSON (probabilities, label, scores), or null
 */
public record ProfileItem(String itemKey, int sampleIdx, String text, double value, String data) {}
