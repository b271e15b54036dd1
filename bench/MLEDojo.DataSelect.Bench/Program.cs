using MLEDojo.DataSelect.Bench;

return args.FirstOrDefault() switch
{
    "baseline" => AgentScores.Run(),
    "calibrate" => DatasetCalibration.Run(),
    _ => Usage(),
};

static int Usage()
{
    // Steps/s of concurrent episodes on one silo moved to the suite: dojo bench --only 8.
    Console.Error.WriteLine("usage: MLEDojo.DataSelect.Bench baseline | calibrate   (grid steps/s: dojo bench --only 8)");
    return 2;
}
