using MLEDojo.DataSelect.Bench;

return args.FirstOrDefault() switch
{
    "baseline" => AgentScores.Run(),
    "calibrate" => DatasetCalibration.Run(),
    "grid" => await GridThroughput.RunAsync(args.Skip(1).ToArray()),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: MLEDojo.DataSelect.Bench baseline | calibrate | grid [--episodes N] [--seconds S] [--task easy|medium|hard]");
    return 2;
}
