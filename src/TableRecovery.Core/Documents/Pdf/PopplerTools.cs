using System.Diagnostics;
using System.Text;

namespace TableRecovery.Core.Documents.Pdf;

/// <summary>What a tool printed and how it ended.</summary>
public sealed record ToolResult(int ExitCode, string StandardOutput, string StandardError);

/// <summary>A poppler tool was not found, or did not finish in time.</summary>
public sealed class PopplerToolException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// The one way PDFs are touched: poppler's command-line tools (Debian's poppler-utils: pdfinfo, pdftotext, pdfimages,
/// pdftoppm), each run as a process with a time limit, killed with its children when it overruns or the caller
/// cancels. A hostile PDF can hang or crash a tool; it cannot hang or crash us.
/// </summary>
public sealed class PopplerTools(string? binDirectory, TimeSpan timeout)
{
    public TimeSpan Timeout { get; } = timeout;

    public ToolResult Run(string tool, IReadOnlyList<string> arguments, CancellationToken cancellationToken)
    {
        var path = binDirectory is null ? tool : Path.Combine(binDirectory, tool);
        var start = new ProcessStartInfo(path)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Process process;
        try
        {
            process = Process.Start(start) ?? throw new PopplerToolException($"{tool} could not be started.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new PopplerToolException($"{tool} is not installed (Debian package poppler-utils): {e.Message}", e);
        }
        using (process)
        {
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            limit.CancelAfter(Timeout);
            try
            {
                process.WaitForExitAsync(limit.Token).GetAwaiter().GetResult();
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit();
                cancellationToken.ThrowIfCancellationRequested();
                throw new PopplerToolException($"{tool} did not finish within {Timeout.TotalSeconds:0} s.");
            }
            return new ToolResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
        }
    }
}
