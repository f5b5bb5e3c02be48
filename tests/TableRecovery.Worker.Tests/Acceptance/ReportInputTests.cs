using System.Diagnostics;
using System.Net;
using System.Text.Json;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Acceptance;

/// <summary>
/// Issue 6 through the service, with the real pipeline: whole reports (.docx, PDF) are accepted by the watched folder and
/// the batch API like pictures; malformed ones get their error and the worker goes on.
/// </summary>
public sealed class ReportInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static byte[] Report(string name)
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var path = Path.Combine(dir.FullName, "tests", "fixtures", "reports", name);
            if (File.Exists(path)) return File.ReadAllBytes(path);
        }
        throw new FileNotFoundException($"tests/fixtures/reports/{name} not found above {AppContext.BaseDirectory}");
    }

    private (string Name, byte[] Bytes, string? Code)[] Inputs()
    {
        var docx = Report("0001_docx-tables_2021.docx");
        return
        [
            ("tables.docx", docx, null),
            ("digital.pdf", Report("0004_pdf-digital_2019.pdf"), null),
            ("cut.docx", docx[..(docx.Length / 2)], ErrorCodes.CorruptDocument),
            ("locked.pdf", Encrypted(Report("0004_pdf-digital_2019.pdf")), ErrorCodes.EncryptedDocument),
            ("notes.pdf", "这不是PDF\n"u8.ToArray(), ErrorCodes.UnsupportedFormat),
        ];
    }

    [Fact]
    public async Task Reports_and_bad_documents_dropped_in_the_inbox_each_get_their_document_and_the_worker_goes_on()
    {
        using var recoverer = RealPipeline.Create();
        await using var host = await TestHost.StartAsync(_folder.Path, recoverer);
        var inputs = Inputs();
        foreach (var (name, bytes, _) in inputs) await host.DropAsync(name, bytes);

        await TestHost.WaitUntilAsync(() => Directory.EnumerateFiles(host.Out, "*.json").Count() == inputs.Length && host.SourcesFinished == inputs.Length,
            TimeSpan.FromSeconds(120), "five results, their sources moved to done/ or failed/");

        foreach (var (name, _, code) in inputs)
        {
            var document = ResultJson.Deserialize(File.ReadAllText(Path.Combine(host.Out, Path.GetFileNameWithoutExtension(name) + ".json")));
            Assert.Equal(name, document.Source);
            if (code is null)
            {
                Assert.True(document.Tables.Count == 3, $"{name}: {document.Tables.Count} tables, errors [{string.Join(", ", document.Errors.Select(e => e.Code))}]");
                Assert.NotNull(document.Report);
                Assert.True(File.Exists(Path.Combine(host.Done, name)), $"{name} in done/");
            }
            else
            {
                var error = Assert.Single(document.Errors);
                Assert.True(error.Code == code, $"{name}: expected {code}, got {error.Code}: {error.Message}");
                Assert.True(File.Exists(Path.Combine(host.Failed, name)), $"{name} in failed/");
            }
        }
        Assert.Empty(Directory.EnumerateFiles(host.Inbox));
    }

    [Fact]
    public async Task A_posted_batch_of_reports_gets_each_its_document()
    {
        using var recoverer = RealPipeline.Create();
        await using var host = await TestHost.StartAsync(_folder.Path, recoverer);
        var inputs = Inputs();
        var response = await host.Client.PostAsync("/api/v1/batches", TestHost.Batch([.. inputs.Select(i => (i.Name, i.Bytes))]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var batchId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        JsonElement files = default;
        await TestHost.WaitUntilAsync(async () =>
        {
            var status = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/v1/batches/{batchId}")).RootElement;
            files = status.GetProperty("files");
            return status.GetProperty("complete").GetBoolean();
        }, TimeSpan.FromSeconds(120), "the batch");

        for (var i = 0; i < inputs.Length; i++)
        {
            var document = ResultJson.Deserialize(await host.Client.GetStringAsync(files[i].GetProperty("result_url").GetString()));
            Assert.Equal(inputs[i].Name, document.Source);
            if (inputs[i].Code is { } code)
            {
                Assert.Equal(code, Assert.Single(document.Errors).Code);
            }
            else
            {
                Assert.Equal(["active", "requests", "appeals"], document.Tables.Select(t => t.Layout.Split('-')[0]));
            }
        }
    }

    /// <summary>The PDF encrypted with a user password by qpdf (Debian package, installed by scripts/setup.sh).</summary>
    private byte[] Encrypted(byte[] pdf)
    {
        var plain = _folder["plain.pdf"];
        var locked = _folder["locked-source.pdf"];
        File.WriteAllBytes(plain, pdf);
        using var qpdf = Process.Start("qpdf", ["--encrypt", "user-password", "owner-password", "256", "--", plain, locked])!;
        qpdf.WaitForExit();
        Assert.True(qpdf.ExitCode == 0, $"qpdf exited {qpdf.ExitCode}");
        return File.ReadAllBytes(locked);
    }
}
