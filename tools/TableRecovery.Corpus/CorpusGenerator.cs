using System.Collections.Concurrent;
using System.Diagnostics;
using TableRecovery.Corpus.Degradation;
using TableRecovery.Corpus.Output;
using TableRecovery.Corpus.Planning;
using TableRecovery.Corpus.Rendering;

namespace TableRecovery.Corpus;

/// <summary>Where and how much to generate.</summary>
public sealed record CorpusOptions(DirectoryInfo Output, long Seed, int Workers, string ChromiumPath, bool KeepHtml);

/// <summary>
/// Orchestrates a run: plans every image, renders them in one headless Chromium (a tab per worker),
/// degrades them with ImageMagick, writes each image's truth and the manifest.
/// </summary>
public sealed class CorpusGenerator
{
    private readonly ImagePlanner _planner;
    private readonly ScanDegrader _degrader;
    private readonly TextWriter _log;

    public CorpusGenerator(ImagePlanner planner, ScanDegrader degrader, TextWriter log)
    {
        _planner = planner;
        _degrader = degrader;
        _log = log;
    }

    public async Task<Manifest> GenerateAsync(CorpusOptions options, IReadOnlyList<(int Index, PlanRequest Request)> requests, CancellationToken cancellationToken)
    {
        options.Output.Create();
        var plans = requests.Select(r => _planner.Plan(options.Seed, r.Index, r.Request)).ToList();
        var entries = new ConcurrentBag<(int Order, ManifestEntry Entry)>();

        var browsers = new List<ChromiumRenderer>();
        var tabs = new ConcurrentQueue<ChromiumTab>();
        try
        {
            for (var i = 0; i < options.Workers; i++)
            {
                var browser = await ChromiumRenderer.StartAsync(options.ChromiumPath, cancellationToken).ConfigureAwait(false);
                browsers.Add(browser);
                tabs.Enqueue(await browser.OpenTabAsync(cancellationToken).ConfigureAwait(false));
            }
            await RunAsync(plans, tabs, entries, options, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var browser in browsers)
            {
                await browser.DisposeAsync().ConfigureAwait(false);
            }
        }

        var manifest = new Manifest("TableRecovery.Corpus", options.Seed, plans.Count, entries.OrderBy(e => e.Order).Select(e => e.Entry).ToList());
        await File.WriteAllTextAsync(Path.Combine(options.Output.FullName, "manifest.json"), manifest.ToJson(), cancellationToken).ConfigureAwait(false);
        return manifest;
    }

    private async Task RunAsync(List<ImagePlan> plans, ConcurrentQueue<ChromiumTab> tabs, ConcurrentBag<(int Order, ManifestEntry Entry)> entries,
        CorpusOptions options, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var done = 0;
        await Parallel.ForEachAsync(plans.Select((plan, order) => (plan, order)),
            new ParallelOptions { MaxDegreeOfParallelism = options.Workers, CancellationToken = cancellationToken },
            async (item, ct) =>
            {
                if (!tabs.TryDequeue(out var tab))
                {
                    throw new InvalidOperationException("More workers than tabs.");
                }
                try
                {
                    var entry = await GenerateOneAsync(item.plan, tab, options, ct).ConfigureAwait(false);
                    entries.Add((item.order, entry));
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    throw new InvalidOperationException($"Generating {item.plan.Name} failed: {ex.Message}", ex);
                }
                finally
                {
                    tabs.Enqueue(tab);
                }
                var n = Interlocked.Increment(ref done);
                if (n % 10 == 0 || n == plans.Count)
                {
                    await _log.WriteLineAsync($"{n}/{plans.Count} images, {clock.Elapsed.TotalSeconds:0.0} s").ConfigureAwait(false);
                }
            }).ConfigureAwait(false);
    }

    private async Task<ManifestEntry> GenerateOneAsync(ImagePlan plan, ChromiumTab tab, CorpusOptions options, CancellationToken cancellationToken)
    {
        var html = PageComposer.Compose(plan);
        if (options.KeepHtml)
        {
            await File.WriteAllTextAsync(Path.Combine(options.Output.FullName, plan.Name + ".html"), html, cancellationToken).ConfigureAwait(false);
        }
        var rendered = await tab.RenderAsync(html, plan.Style.DeviceScaleFactor,
            geometry => LineBreaker.Choose(Seeds.Stream(plan.Seed, 5), geometry, plan.Style), cancellationToken).ConfigureAwait(false);
        byte[]? backSide = null;
        if (plan.Degradation.ShowThrough is not null)
        {
            // The other side of the sheet: another table rendered the same way, which the degrader mirrors under the page.
            var back = _planner.BackSide(plan);
            var backRendered = await tab.RenderAsync(PageComposer.Compose(back), back.Style.DeviceScaleFactor,
                geometry => LineBreaker.Choose(Seeds.Stream(back.Seed, 5), geometry, back.Style), cancellationToken).ConfigureAwait(false);
            backSide = backRendered.Png;
        }
        var imagePath = Path.Combine(options.Output.FullName, plan.FileName);
        var scan = await _degrader.DegradeAsync(rendered.Png, backSide, plan.Degradation, Seeds.Derive(plan.Seed, 6), imagePath, cancellationToken)
            .ConfigureAwait(false);
        var truth = TruthFileBuilder.Build(plan, rendered, scan);
        var truthName = plan.Name + ".truth.json";
        await File.WriteAllTextAsync(Path.Combine(options.Output.FullName, truthName), truth.ToJson(), cancellationToken).ConfigureAwait(false);
        return new ManifestEntry(plan.FileName, truthName, truth.ScanClass, plan.Tables.Select(t => t.Truth.Layout.Id).ToList(), plan.IsPage,
            plan.Degradation.Rotation, plan.Tables.Any(t => t.Truth.BrokenIdentities.Count > 0));
    }
}
