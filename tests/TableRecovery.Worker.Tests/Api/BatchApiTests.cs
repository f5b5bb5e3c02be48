using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Api;

public sealed class BatchApiTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private static async Task AssertProblemAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal((int)status, (await Json(response)).GetProperty("status").GetInt32());
    }

    [Fact]
    public async Task A_posted_batch_is_accepted_and_each_file_finishes_with_its_result_document()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        var response = await host.Client.PostAsync("/api/v1/batches",
            TestHost.Batch(("a.png", TestImages.Png(seed: 1)), ("b.png", TestImages.Png(seed: 2))));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var batchId = (await Json(response)).GetProperty("id").GetString();
        Assert.Equal($"/api/v1/batches/{batchId}", response.Headers.Location?.OriginalString);

        JsonElement status = default;
        await TestHost.WaitUntilAsync(async () =>
        {
            status = await Json(await host.Client.GetAsync($"/api/v1/batches/{batchId}"));
            return status.GetProperty("complete").GetBoolean();
        }, what: "the batch to complete");
        Assert.Equal(2, status.GetProperty("finished").GetInt32());
        var file = status.GetProperty("files")[1];
        Assert.Equal(("b.png", "done", 1), (file.GetProperty("name").GetString(), file.GetProperty("state").GetString(), file.GetProperty("cells_needing_review").GetInt32()));

        var result = await host.Client.GetAsync(file.GetProperty("result_url").GetString());
        var document = ResultJson.Deserialize(await result.Content.ReadAsStringAsync());
        Assert.Equal("b.png", document.Source);
        Assert.Equal(12.5m, document.Tables[0].Cells[1].Value);
    }

    [Fact]
    public async Task The_same_batch_id_posted_twice_returns_the_first_batch_and_creates_nothing_new()
    {
        var fake = new FakeRecoverer();
        await using var host = await TestHost.StartAsync(_folder.Path, fake);
        var first = await host.Client.PostAsync("/api/v1/batches", With(TestHost.Batch(("a.png", TestImages.Png(seed: 3))), "scrape-2024-06-01"));
        var second = await host.Client.PostAsync("/api/v1/batches", With(TestHost.Batch(("other.png", TestImages.Png(seed: 4))), "scrape-2024-06-01"));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, second.StatusCode);
        var (one, two) = (await Json(first), await Json(second));
        Assert.Equal(one.GetProperty("id").GetString(), two.GetProperty("id").GetString());
        Assert.Equal("a.png", two.GetProperty("files")[0].GetProperty("name").GetString());
        Assert.Equal(1, two.GetProperty("total").GetInt32());

        static MultipartFormDataContent With(MultipartFormDataContent content, string id)
        {
            content.Add(new StringContent(id), "batch_id");
            return content;
        }
    }

    [Fact]
    public async Task A_missing_or_wrong_api_key_gets_401_problem_json_and_no_batch()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };
        await AssertProblemAsync(await anonymous.PostAsync("/api/v1/batches", TestHost.Batch(("a.png", TestImages.Png()))), HttpStatusCode.Unauthorized);

        anonymous.DefaultRequestHeaders.Add("X-Api-Key", "wrong-key-0123456789abcdef");
        var wrong = await anonymous.GetAsync("/api/v1/batches/b_x");
        await AssertProblemAsync(wrong, HttpStatusCode.Unauthorized);
        Assert.Contains("ApiKey", wrong.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task Bad_requests_get_problem_json_with_400_404_413_and_415()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer(), new Dictionary<string, string?>
        {
            ["Api:MaxRequestBytes"] = "65536",
            ["Api:MaxFilesPerBatch"] = "3",
        });

        await AssertProblemAsync(await host.Client.PostAsync("/api/v1/batches", JsonContent.Create(new { files = 1 })), HttpStatusCode.UnsupportedMediaType);
        await AssertProblemAsync(await host.Client.PostAsync("/api/v1/batches",
            TestHost.Batch([.. Enumerable.Range(0, 4).Select(i => ($"{i}.png", TestImages.Png(seed: i)))])), HttpStatusCode.BadRequest);
        var noFiles = new MultipartFormDataContent { { new StringContent("x"), "batch_id" } };
        await AssertProblemAsync(await host.Client.PostAsync("/api/v1/batches", noFiles), HttpStatusCode.BadRequest);
        var badId = TestHost.Batch(("a.png", TestImages.Png()));
        badId.Add(new StringContent("../../etc"), "batch_id");
        await AssertProblemAsync(await host.Client.PostAsync("/api/v1/batches", badId), HttpStatusCode.BadRequest);
        await AssertProblemAsync(await host.Client.PostAsync("/api/v1/batches",
            TestHost.Batch(("big.png", new byte[4_000_000]))), HttpStatusCode.RequestEntityTooLarge);
        await AssertProblemAsync(await host.Client.GetAsync("/api/v1/batches/b_nope"), HttpStatusCode.NotFound);
        await AssertProblemAsync(await host.Client.GetAsync("/api/v1/files/f_nope/result"), HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task An_upload_over_the_limit_without_a_content_length_still_gets_413()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer(), new Dictionary<string, string?> { ["Api:MaxRequestBytes"] = "65536" });
        var content = TestHost.Batch(("big.png", new byte[4_000_000]));
        var bytes = await content.ReadAsByteArrayAsync();
        var chunked = new StreamContent(new NonSeekableStream(bytes));
        chunked.Headers.ContentType = content.Headers.ContentType;
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/batches") { Content = chunked };
        request.Headers.TransferEncodingChunked = true;

        await AssertProblemAsync(await host.Client.SendAsync(request), HttpStatusCode.RequestEntityTooLarge);
    }

    [Fact]
    public async Task A_part_named_like_a_path_is_stored_under_its_plain_name_and_writes_nothing_outside()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        // The folder's parent is the shared temp folder, where an x.png may lie already: what is asserted is that none was written.
        var outside = Path.GetFullPath(Path.Combine(_folder.Path, "..", "x.png"));
        DateTime? Written() => File.Exists(outside) ? File.GetLastWriteTimeUtc(outside) : null;
        var before = Written();
        var response = await host.Client.PostAsync("/api/v1/batches",
            TestHost.Batch(("../../x.png", TestImages.Png(seed: 5)), ("..\\..\\y.png", TestImages.Png(seed: 6)), ("..", TestImages.Png(seed: 7))));
        var files = (await Json(response)).GetProperty("files");

        Assert.Equal(["x.png", "y.png", "upload-3"], files.EnumerateArray().Select(f => f.GetProperty("name").GetString()));
        Assert.Equal(before, Written());
    }

    [Fact]
    public async Task Health_and_openapi_answer_without_a_key()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, new FakeRecoverer());
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/healthz")).StatusCode);
        await TestHost.WaitUntilAsync(async () => (await anonymous.GetAsync("/healthz/ready")).StatusCode == HttpStatusCode.OK, what: "readiness");
        var openApi = await Json(await anonymous.GetAsync("/openapi/v1.json"));
        var paths = openApi.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/v1/batches", out _));
        Assert.True(paths.TryGetProperty("/api/v1/files/{fileId}/result", out _));
    }

    private sealed class NonSeekableStream(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;
    }
}
