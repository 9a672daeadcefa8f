namespace MlOps.Gates.Cli.Tests;

/// <summary>Runs the mlops-gates command line in process with its output captured.</summary>
internal static class Cli
{
    public static (int Exit, string Out, string Err) Run(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = new GatesApp(output, error).Run(args);
        return (exit, output.ToString(), error.ToString());
    }
}
