package org.selfchallenge.spark.component;

/** What one train stage did: sequences used, optimizer steps, final loss, mean reward of the data. */
public record TrainReport(String policyVersion, int sequences, long steps, double finalLoss, double meanReward,
                          long trainableTokens, double seconds) {
}
