using System.Runtime.InteropServices;
using MlOps.Gates.Cli;

Console.OutputEncoding = System.Text.Encoding.UTF8;
NativeLibraries.Register(Environment.GetEnvironmentVariable);
using var cancellation = new CancellationTokenSource();

// The first Ctrl+C or SIGTERM asks the run to stop cleanly (exit 130, nothing half-written); a second one ends the
// process at once, as the system would.
void Stop(PosixSignalContext context)
{
    if (!cancellation.IsCancellationRequested)
    {
        context.Cancel = true;
        cancellation.Cancel();
    }
}

using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop);
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop);
return new GatesApp(Console.Out, Console.Error) { Cancellation = cancellation.Token }.Run(args);
