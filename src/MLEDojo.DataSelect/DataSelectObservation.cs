namespace MLEDojo.DataSelect;

/// <summary>DataSelectEnv's observation. noise_estimate is the true share of mislabelled samples left in the pool, as the original reports it.</summary>
public sealed record DataSelectObservation(
    int RemainingBudget,
    double DiversityScore,
    double NoiseEstimate,
    double CurrentPerformance,
    int SamplesAvailable);

/// <summary>What a select_batch step did: the original's info (gain, redundancy, noise_ratio) plus how many samples it labelled.</summary>
public sealed record SelectionInfo(double Gain, double Redundancy, double NoiseRatio, int BatchSize);

/// <summary>One step's answer. Reason is set when the step ended the episode for a reason other than its limits (stop, pool_empty).</summary>
public sealed record DataSelectStep(DataSelectObservation Observation, double Reward, bool Done, SelectionInfo? Selection, string? Reason);
