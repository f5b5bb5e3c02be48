using TableRecovery.Core.Results;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Folder;

public sealed class ResultNameTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    [Fact]
    public async Task A_report_dropped_beside_a_picture_of_the_same_base_name_does_not_overwrite_its_result()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        await host.DropAsync("report.png", TestImages.Png(seed: 1));
        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "report.png")), TimeSpan.FromSeconds(30), "report.png done");
        await host.DropAsync("report.pdf", TestImages.Png(seed: 2));
        await TestHost.WaitUntilAsync(() => File.Exists(Path.Combine(host.Done, "report.pdf")), TimeSpan.FromSeconds(30), "report.pdf done");
        await host.DropAsync("report.png", TestImages.Png(seed: 3)); // the same input again replaces its own result

        await TestHost.WaitUntilAsync(() => Directory.EnumerateFiles(host.Out, "*.json").Count() == 2 && Source("report.json") == "report.png"
            && ResultJson.Deserialize(File.ReadAllText(Path.Combine(host.Out, "report.json"))).Sha256 == Sha(TestImages.Png(seed: 3)),
            TimeSpan.FromSeconds(30), "report.json replaced");

        Assert.Equal("report.pdf", Source("report.pdf.json"));
        Assert.Equal(2, Directory.EnumerateFiles(host.Out, "*.json").Count());

        string Source(string name) => ResultJson.Deserialize(File.ReadAllText(Path.Combine(host.Out, name))).Source;
    }

    private static string Sha(byte[] bytes) => Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(bytes));
}
