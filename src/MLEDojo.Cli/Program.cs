using MLEDojo.Cli;

return DojoCli.Run(args, Console.Out, Console.Error);
