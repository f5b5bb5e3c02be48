using System.Net;
using System.Text.Json;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Acceptance;

/// <summary>Issue 4's bad inputs, through the real pipeline: each gets its documented error and the worker goes on.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static (string Name, byte[] Bytes, string? Code)[] BadInputs() =>
    [
        ("zero.png", [], ErrorCodes.EmptyFile),
        ("truncated.png", TestImages.Truncated(seed: 1), ErrorCodes.CorruptImage),
        ("notes.png", "这不是图片 / not an image\n"u8.ToArray(), ErrorCodes.UnsupportedFormat),
        ("bomb.png", TestImages.PixelBomb(), ErrorCodes.ImageTooLarge),
        ("renamed.jpg", TestImages.Png(seed: 2), null), // a PNG with the wrong extension is read by its content
    ];

    [Fact]
    public async Task Each_bad_file_dropped_in_the_inbox_gets_its_documented_error_and_the_worker_goes_on()
    {
        using var recoverer = RealPipeline.Create();
        await using var host = await TestHost.StartAsync(_folder.Path, recoverer);
        foreach (var (name, bytes, _) in BadInputs()) await host.DropAsync(name, bytes);
        await host.DropAsync("good.png", TestImages.Png(400, 300, seed: 3));

        await TestHost.WaitUntilAsync(() => Directory.EnumerateFiles(host.Out, "*.json").Count() == 6 && host.SourcesFinished == 6,
            TimeSpan.FromSeconds(90), "six results, their sources moved to done/ or failed/");

        foreach (var (name, _, code) in BadInputs())
        {
            var document = ResultJson.Deserialize(File.ReadAllText(Path.Combine(host.Out, Path.GetFileNameWithoutExtension(name) + ".json")));
            Assert.Equal(name, document.Source);
            if (code is null)
            {
                Assert.DoesNotContain(document.Errors, e => e.Code is ErrorCodes.UnsupportedFormat or ErrorCodes.CorruptImage);
            }
            else
            {
                Assert.Equal(code, Assert.Single(document.Errors).Code);
                Assert.False(string.IsNullOrWhiteSpace(document.Errors[0].Message));
                Assert.True(File.Exists(Path.Combine(host.Failed, name)), $"{name} in failed/");
                Assert.True(File.Exists(Path.Combine(host.Failed, Path.GetFileNameWithoutExtension(name) + ".json")), $"{name}'s document in failed/");
            }
        }
        Assert.True(File.Exists(Path.Combine(host.Done, "good.png")) || File.Exists(Path.Combine(host.Failed, "good.png")));
        Assert.Empty(Directory.EnumerateFiles(host.Inbox));
    }

    [Fact]
    public async Task Each_bad_part_of_a_posted_batch_gets_its_documented_error()
    {
        using var recoverer = RealPipeline.Create();
        await using var host = await TestHost.StartAsync(_folder.Path, recoverer);
        var inputs = BadInputs().Append(("../../x.png", TestImages.Png(seed: 4), (string?)null)).ToArray();
        var response = await host.Client.PostAsync("/api/v1/batches", TestHost.Batch([.. inputs.Select(i => (i.Item1, i.Item2))]));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var batchId = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString();

        JsonElement files = default;
        await TestHost.WaitUntilAsync(async () =>
        {
            var status = JsonDocument.Parse(await host.Client.GetStringAsync($"/api/v1/batches/{batchId}")).RootElement;
            files = status.GetProperty("files");
            return status.GetProperty("complete").GetBoolean();
        }, TimeSpan.FromSeconds(90), "the batch");

        for (var i = 0; i < inputs.Length; i++)
        {
            var file = files[i];
            if (inputs[i].Item3 is { } code) Assert.Equal(code, file.GetProperty("error_code").GetString());
            var document = ResultJson.Deserialize(await host.Client.GetStringAsync(file.GetProperty("result_url").GetString()));
            Assert.Equal(i == inputs.Length - 1 ? "x.png" : inputs[i].Item1, document.Source);
            if (inputs[i].Item3 is { } expected) Assert.Equal(expected, Assert.Single(document.Errors).Code);
        }
    }
}
