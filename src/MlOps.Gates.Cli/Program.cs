using MlOps.Gates.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
return new GatesApp(Console.Out, Console.Error).Run(args);
