package org.polyhead.target;

/**
 * One tokenized target example as the model sees it: token ids with the special tokens ([CLS] … [SEP]) and the target's
 * sub-tokens at positions {@code [from, to)} of {@code ids}.
 */
public record TargetTokens(int[] ids, int from, int to) {}
