using System.Text.Json;
using Microsoft.Playwright;
using TableRecovery.Worker.Tests.Support;

namespace TableRecovery.Worker.Tests.Review;

/// <summary>Debian's Chromium, driven by Playwright; the browser is never downloaded (PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD).</summary>
public static class Browser
{
    public const string Chromium = "/usr/bin/chromium";

    public static string ScreenshotFolder { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

    public static async Task<(IPlaywright Playwright, IBrowser Browser)> LaunchAsync()
    {
        if (!File.Exists(Chromium))
        {
            throw new InvalidOperationException($"{Chromium} is missing: run scripts/setup.sh (it installs Debian's chromium) before the tests.");
        }
        Environment.SetEnvironmentVariable("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1");
        var playwright = await Playwright.CreateAsync();
        // --no-sandbox: the tests run as root on CI, where Chromium's sandbox refuses to start.
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        return (playwright, browser);
    }
}

public sealed class ReviewPageBrowserTests : IDisposable
{
    private readonly TempFolder _folder = new();

    public void Dispose() => _folder.Dispose();

    private static async Task<string> PostAndWaitAsync(TestHost host, string name, byte[] bytes)
    {
        var posted = JsonDocument.Parse(await (await host.Client.PostAsync("/api/v1/batches", TestHost.Batch((name, bytes)))).Content.ReadAsStringAsync()).RootElement;
        var batchId = posted.GetProperty("id").GetString()!;
        await TestHost.WaitUntilAsync(async () =>
            JsonDocument.Parse(await host.Client.GetStringAsync($"/api/v1/batches/{batchId}")).RootElement.GetProperty("complete").GetBoolean(),
            TimeSpan.FromSeconds(120), "the recovery of the posted scan");
        return batchId;
    }

    private static async Task SignInAsync(IPage page, TestHost host, string token)
    {
        await page.GotoAsync(new Uri(host.Client.BaseAddress!, "/review/").ToString());
        await page.FillAsync("#token", token);
        await page.ClickAsync("#sign-in-form button[type=submit]");
        await page.WaitForSelectorAsync("#queue-list li[data-table]");
    }

    [Fact]
    public async Task A_reviewer_works_a_recovered_scan_by_keyboard_sees_the_table_re_solve_and_exports_it()
    {
        await using var host = await TestHost.StartAsync(_folder.Path, RealPipeline.Create(), ReviewFixtures.Reviewers);
        await PostAndWaitAsync(host, ReviewFixtures.ScanFile, ReviewFixtures.ScanBytes);
        var truth = JsonDocument.Parse(File.ReadAllText(ReviewFixtures.ScanTruthPath)).RootElement.GetProperty("tables")[0].GetProperty("cells");

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 900 }, AcceptDownloads = true });
        var dialogs = new List<string>();
        var errors = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };
        page.PageError += (_, error) => errors.Add(error);
        try
        {
            await WorkTheTableAsync(page, host, truth, dialogs, errors);
        }
        catch
        {
            await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "review-failure.png"), FullPage = true });
            throw;
        }
    }

    private static async Task WorkTheTableAsync(IPage page, TestHost host, JsonElement truth, List<string> dialogs, List<string> errors)
    {
        await SignInAsync(page, host, ReviewFixtures.AliceToken);
        await page.Keyboard.PressAsync("n");
        await page.WaitForSelectorAsync("#grid td.focused");
        // A cell that is not in the picture has no crop; any other shows its picture.
        await page.WaitForFunctionAsync("() => { const i = document.getElementById('crop-cell'); return i.hidden || i.naturalWidth > 0; }");
        var flaggedAtStart = await page.Locator("#grid td.cell-needs_review").CountAsync();
        Assert.True(flaggedAtStart > 3, $"the recovered scan should have several flagged cells, has {flaggedAtStart}");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "review-1280.png"), FullPage = true });
        // How the table was read is there to open: its identification first.
        await page.ClickAsync("#table-notes summary");
        var notes = await page.Locator("#notes-list li").AllTextContentsAsync();
        Assert.True(notes.Count > 0 && notes[0].StartsWith("identified as", StringComparison.Ordinal), $"notes: [{string.Join(" | ", notes)}]");

        // Tab walks the cells to review and comes back round; arrows move in the grid.
        var first = await page.Locator("#focus-title").TextContentAsync();
        await page.Keyboard.PressAsync("Tab");
        Assert.NotEqual(first, await page.Locator("#focus-title").TextContentAsync());
        await page.Keyboard.PressAsync("Shift+Tab");
        Assert.Equal(first, await page.Locator("#focus-title").TextContentAsync());

        var actions = 0;
        var resolvedOthers = 0;
        while (await page.Locator("#grid td.cell-needs_review").CountAsync() > 0 && actions < flaggedAtStart + 2)
        {
            var cell = (await page.Locator("#focus-title").TextContentAsync())!;
            var value = truth.GetProperty(cell).GetProperty("value").GetDecimal().ToString(System.Globalization.CultureInfo.InvariantCulture);
            var shown = await page.Locator($"#grid td[data-cell=\"{cell}\"]").TextContentAsync();
            // The shown value is candidate a: pick it by its letter; otherwise type the digits and press Enter.
            if (shown == value) await page.Keyboard.PressAsync("a");
            else
            {
                await page.Keyboard.TypeAsync(value);
                Assert.Equal(value, await page.InputValueAsync("#entry"));
                await page.Keyboard.PressAsync("Enter");
            }
            await page.WaitForSelectorAsync($"#grid td.cell-confirmed[data-cell=\"{cell}\"]");
            actions++;
            resolvedOthers += await page.Locator("#grid td.changed:not(.cell-confirmed)").CountAsync();
        }

        Assert.Equal(0, await page.Locator("#grid td.cell-needs_review").CountAsync());
        Assert.True(actions < flaggedAtStart,
            $"{flaggedAtStart} flagged cells took {actions} answers: re-solving should have settled some without a reviewer");
        Assert.True(resolvedOthers > 0, "no other cell changed status after any answer: the table was not re-solved");
        Assert.Contains("status ok", await page.Locator("#table-meta").TextContentAsync());

        var download = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button[data-export=table][data-format=csv]"));
        var csvPath = Path.Combine(Browser.ScreenshotFolder, "review-export.csv");
        await download.SaveAsAsync(csvPath);
        var rows = File.ReadAllLines(csvPath);
        Assert.Equal(16, rows.Length);
        Assert.DoesNotContain(rows.Skip(1), r => r.EndsWith(",needs_review", StringComparison.Ordinal));
        var xlsx = await page.RunAndWaitForDownloadAsync(() => page.ClickAsync("button[data-export=batch][data-format=xlsx]"));
        await xlsx.SaveAsAsync(Path.Combine(Browser.ScreenshotFolder, "review-batch.xlsx"));
        Assert.True(new FileInfo(Path.Combine(Browser.ScreenshotFolder, "review-batch.xlsx")).Length > 1000);

        await page.Locator("#grid td[data-cell=\"count/review.total\"]").ClickAsync();
        await page.WaitForFunctionAsync("() => document.getElementById('crop-context').naturalWidth > 0");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "review-1280-done.png"), FullPage = true });
        await page.SetViewportSizeAsync(800, 900);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(Browser.ScreenshotFolder, "review-800.png"), FullPage = true });
        var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(overflow <= 800, $"the page is {overflow} px wide in an 800 px window");
        Assert.True(await page.Locator("#focus").IsVisibleAsync() && await page.Locator("#grid").IsVisibleAsync(), "table and focus panel must both show at 800 px");

        Assert.Empty(dialogs);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_file_named_like_html_shows_as_text_and_runs_nothing()
    {
        const string name = "<img src=x onerror=alert(1)>.png";
        await using var host = await TestHost.StartAsync(_folder.Path, new RecordedRecoverer(), ReviewFixtures.Reviewers);
        await PostAndWaitAsync(host, name, ReviewFixtures.ImageBytes);

        var (playwright, browser) = await Browser.LaunchAsync();
        using var _ = playwright;
        await using var __ = browser;
        var page = await browser.NewPageAsync();
        var dialogs = new List<string>();
        page.Dialog += (_, dialog) => { dialogs.Add(dialog.Message); _ = dialog.DismissAsync(); };

        await SignInAsync(page, host, ReviewFixtures.BobToken);
        Assert.Equal(name, await page.Locator("#queue-list li .source").First.TextContentAsync());
        await page.Locator("#queue-list li[data-table]").First.ClickAsync();
        await page.WaitForSelectorAsync("#grid td.focused");
        await page.WaitForTimeoutAsync(300); // let any injected image try to load and fire its handler

        Assert.StartsWith(name, await page.Locator("#table-title").TextContentAsync());
        Assert.Equal(0, await page.EvaluateAsync<int>("() => document.querySelectorAll('img[src=\"x\"]').length"));
        Assert.Empty(dialogs);
    }
}
