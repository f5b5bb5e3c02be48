using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using TableRecovery.Core.Results;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Review;

/// <summary>The review API over the real service and SQLite, on the real pipeline's document of the mild appeals scan.</summary>
public sealed class ReviewApiTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;

    private async Task<(TestHost Host, string FileId, string BatchId)> HostWithRecoveredScanAsync(string name = "scan.jpg")
    {
        var host = await TestHost.StartAsync(_folder.Path, new RecordedRecoverer(), ReviewFixtures.Reviewers);
        var posted = await Json(await host.Client.PostAsync("/api/v1/batches", TestHost.Batch((name, ReviewFixtures.ImageBytes))));
        var batchId = posted.GetProperty("id").GetString()!;
        await TestHost.WaitUntilAsync(async () =>
            (await Json(await host.Client.GetAsync($"/api/v1/batches/{batchId}"))).GetProperty("complete").GetBoolean(), what: "the batch");
        return (host, posted.GetProperty("files")[0].GetProperty("id").GetString()!, batchId);
    }

    private static Task<HttpResponseMessage> Decide(HttpClient client, long table, string cell, string kind, decimal? value = null) =>
        client.PostAsJsonAsync($"/api/v1/review/tables/{table}/decisions", new { cell, kind, value });

    [Fact]
    public async Task Review_requests_without_a_reviewer_token_get_401_and_an_api_key_is_not_a_token()
    {
        var (host, _, _) = await HostWithRecoveredScanAsync();
        await using var _ = host;
        using var anonymous = new HttpClient { BaseAddress = host.Client.BaseAddress };
        var none = await anonymous.GetAsync("/api/v1/review/queue");
        Assert.Equal(HttpStatusCode.Unauthorized, none.StatusCode);
        Assert.Equal("application/problem+json", none.Content.Headers.ContentType?.MediaType);
        Assert.Equal(HttpStatusCode.Unauthorized, (await host.Client.GetAsync("/api/v1/review/queue")).StatusCode);
        anonymous.DefaultRequestHeaders.Add("Authorization", "Bearer " + TestHost.ApiKey);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/api/v1/review/next", null)).StatusCode);

        using var alice = ReviewFixtures.ClientFor(host, ReviewFixtures.AliceToken);
        Assert.Equal("alice", (await Json(await alice.GetAsync("/api/v1/review/me"))).GetProperty("reviewer").GetString());
    }

    [Fact]
    public async Task A_leased_table_is_decided_by_its_reviewer_only_re_solved_and_shown_confirmed_in_the_result()
    {
        var (host, fileId, _) = await HostWithRecoveredScanAsync();
        await using var _ = host;
        using var alice = ReviewFixtures.ClientFor(host, ReviewFixtures.AliceToken);
        using var bob = ReviewFixtures.ClientFor(host, ReviewFixtures.BobToken);

        var lease = await Json(await alice.PostAsync("/api/v1/review/next", null));
        var tableId = lease.GetProperty("table_id").GetInt64();
        Assert.Equal(HttpStatusCode.NoContent, (await bob.PostAsync("/api/v1/review/next", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, (await bob.PostAsync($"/api/v1/review/tables/{tableId}/lease", null)).StatusCode);

        var view = await Json(await alice.GetAsync($"/api/v1/review/tables/{tableId}"));
        var order = view.GetProperty("review_order").EnumerateArray().Select(e => e.GetString()!).ToList();
        var flagged = view.GetProperty("cells_needing_review").GetInt32();
        Assert.True(flagged >= 10 && order.Count == flagged, $"{flagged} cells flagged, {order.Count} in the order of work");
        var first = order[0];

        Assert.Equal(HttpStatusCode.Conflict, (await Decide(bob, tableId, first, "typed", 0)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Decide(alice, tableId, first, "typed", 1.5m)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await Decide(alice, tableId, "no/such", "typed", 1)).StatusCode);

        var decided = await Decide(alice, tableId, first, "typed", 0);
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var after = await Json(decided);
        var cell = after.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == first);
        Assert.Equal(("confirmed", "alice"), (cell.GetProperty("status").GetString(), cell.GetProperty("confirmed_by").GetString()));
        var left = after.GetProperty("cells_needing_review").GetInt32();
        Assert.True(left < flagged, $"{flagged} cells were flagged; after one answer and a re-solve {left} are");

        var second = (await Json(await alice.GetAsync($"/api/v1/review/tables/{tableId}"))).GetProperty("review_order")[0].GetString()!;
        var unreadable = await Json(await Decide(alice, tableId, second, "unreadable"));
        var marked = unreadable.GetProperty("cells").EnumerateArray().Single(c => c.GetProperty("id").GetString() == second);
        Assert.Equal(("confirmed", true, JsonValueKind.Null),
            (marked.GetProperty("status").GetString(), marked.GetProperty("unreadable").GetBoolean(), marked.GetProperty("value").ValueKind));

        var audit = (await Json(await alice.GetAsync($"/api/v1/review/tables/{tableId}/decisions"))).EnumerateArray().First();
        Assert.Equal(("typed", first, "alice"), (audit.GetProperty("kind").GetString(), audit.GetProperty("subject").GetString(), audit.GetProperty("reviewer").GetString()));

        var result = ResultJson.Deserialize(await host.Client.GetStringAsync($"/api/v1/files/{fileId}/result"));
        var confirmed = result.Tables[0].Cells.Single(c => c.Id == first);
        Assert.Equal((Statuses.Confirmed, "alice", 0m), (confirmed.Status, confirmed.ConfirmedBy, confirmed.Value));
        Assert.NotNull(confirmed.ConfirmedAt);
        Assert.Contains("\"confirmed_by\": \"alice\"", await host.Client.GetStringAsync($"/api/v1/files/{fileId}/result"));
    }

    [Fact]
    public async Task Keeping_a_broken_identity_as_printed_settles_it_and_the_whole_table_can_be_finished()
    {
        var (host, _, _) = await HostWithRecoveredScanAsync();
        await using var _ = host;
        using var alice = ReviewFixtures.ClientFor(host, ReviewFixtures.AliceToken);
        var tableId = (await Json(await alice.PostAsync("/api/v1/review/next", null))).GetProperty("table_id").GetInt64();
        var flagged = (await Json(await alice.GetAsync($"/api/v1/review/tables/{tableId}"))).GetProperty("cells_needing_review").GetInt32();

        var kept = await Json(await alice.PostAsJsonAsync($"/api/v1/review/tables/{tableId}/identities", new { identity = "sum[litigation_direct]" }));
        var identity = kept.GetProperty("identities").EnumerateArray().Single(i => i.GetProperty("name").GetString() == "sum[litigation_direct]");
        Assert.Equal("alice", identity.GetProperty("kept_as_printed_by").GetString());

        var truth = ReviewFixtures.ImageTruth();
        var answers = 0;
        for (var view = kept; view.GetProperty("review_order").GetArrayLength() > 0 && answers < 40; answers++)
        {
            var next = view.GetProperty("review_order")[0].GetString()!;
            var response = await Decide(alice, tableId, next, "typed", truth[next]);
            Assert.True(response.IsSuccessStatusCode, $"deciding {next}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            view = await Json(response);
        }
        var final = await Json(await alice.GetAsync($"/api/v1/review/tables/{tableId}"));
        Assert.Equal("ok", final.GetProperty("status").GetString());
        Assert.Empty((await Json(await alice.GetAsync("/api/v1/review/queue"))).EnumerateArray());
        Assert.True(answers < flagged, $"finishing the {flagged} flagged cells took {answers} answers; re-solving should save some");
    }

    [Fact]
    public async Task Crops_are_pngs_of_the_cell_and_of_a_larger_context()
    {
        var (host, _, _) = await HostWithRecoveredScanAsync();
        await using var _ = host;
        using var alice = ReviewFixtures.ClientFor(host, ReviewFixtures.AliceToken);
        var tableId = (await Json(await alice.PostAsync("/api/v1/review/next", null))).GetProperty("table_id").GetInt64();

        var cell = await alice.GetAsync($"/api/v1/review/tables/{tableId}/crop?cell=count/review.total");
        var context = await alice.GetAsync($"/api/v1/review/tables/{tableId}/crop?cell=count/review.total&context=true");
        var missing = await alice.GetAsync($"/api/v1/review/tables/{tableId}/crop?cell=count/litigation_direct.other");

        Assert.Equal("image/png", cell.Content.Headers.ContentType?.MediaType);
        var (cw, ch) = PngSize(await cell.Content.ReadAsByteArrayAsync());
        var (xw, xh) = PngSize(await context.Content.ReadAsByteArrayAsync());
        Assert.True(cw is > 20 and < 300 && ch is > 10 and < 200, $"cell crop is {cw}x{ch}");
        Assert.True(xw > 2 * cw && xh > 2 * ch, $"context crop {xw}x{xh} should be well larger than the cell crop {cw}x{ch}");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    [Fact]
    public async Task Exports_give_the_json_document_a_csv_row_per_cell_and_an_xlsx_laid_out_like_the_table()
    {
        var (host, _, batchId) = await HostWithRecoveredScanAsync("=HYPERLINK(1).jpg");
        await using var _ = host;
        using var alice = ReviewFixtures.ClientFor(host, ReviewFixtures.AliceToken);
        var tableId = (await Json(await alice.PostAsync("/api/v1/review/next", null))).GetProperty("table_id").GetInt64();
        await Decide(alice, tableId, "count/review.upheld", "typed", 0);

        var json = ResultJson.Deserialize(await alice.GetStringAsync($"/api/v1/review/tables/{tableId}/export?format=json"));
        Assert.Equal(15, json.Tables.Single().Cells.Count);

        var csv = (await alice.GetStringAsync($"/api/v1/batches/{batchId}/export?format=csv".Replace("/api/v1/", "/api/v1/review/"))).TrimEnd().Split("\r\n");
        Assert.Equal("source,table,layout,cell_id,value,status", csv[0].TrimStart('\uFEFF'));
        Assert.Equal(16, csv.Length);
        // A name that starts like a formula is escaped, so a spreadsheet shows it instead of running it.
        Assert.Contains("\"'=HYPERLINK(1).jpg\",0,appeals,count/review.upheld,0,confirmed", csv);

        var xlsx = await alice.GetByteArrayAsync($"/api/v1/review/tables/{tableId}/export?format=xlsx");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(xlsx), false);
        var sheet = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet;
        var texts = sheet.Descendants<InlineString>().Select(s => s.InnerText).ToList();
        Assert.Contains("四、政府信息公开行政复议、行政诉讼情况", texts);
        Assert.Contains("行政复议", texts);
        Assert.Contains("未经复议直接起诉", texts);
        var merges = sheet.Descendants<MergeCell>().Select(m => m.Reference!.Value!).ToList();
        Assert.True(merges.Count >= 4, $"expected merged group headers, got [{string.Join(", ", merges)}]");
        var numbers = sheet.Descendants<Cell>().Count(c => c.DataType?.Value == CellValues.Number);
        Assert.Equal(13, numbers); // 15 cells, two unreadable in the scan have no value

        Assert.Equal(HttpStatusCode.BadRequest, (await alice.GetAsync($"/api/v1/review/tables/{tableId}/export?format=pdf")).StatusCode);
    }

    private static (int Width, int Height) PngSize(byte[] png)
    {
        Assert.True(png.Length > 24 && png[1] == (byte)'P' && png[2] == (byte)'N' && png[3] == (byte)'G', "not a PNG");
        return (System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(16)), System.Buffers.Binary.BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(20)));
    }
}
