namespace TableRecovery.Corpus.Planning;

/// <summary>The image requests of a run: the default random mix, or the fixed composition of the committed fixture.</summary>
public static class Presets
{
    public static IReadOnlyList<(int Index, PlanRequest Request)> Mix(int count, IReadOnlyList<ScanClass> classes, IReadOnlyList<string> layouts) =>
        Enumerable.Range(0, count).Select(i => (i, new PlanRequest(classes, layouts))).ToList();

    /// <summary>
    /// tests/fixtures/corpus: every layout clean, mild and hard ones, one sideways, one whole page, one printed inconsistency.
    /// </summary>
    public static IReadOnlyList<(int Index, PlanRequest Request)> Fixture(IReadOnlyList<string> layouts)
    {
        var all = new[] { ScanClass.Clean, ScanClass.Mild, ScanClass.Hard };
        PlanRequest One(ScanClass c, string layout, string extension, bool sideways = false, bool inconsistent = false) =>
            new(all, layouts, c, layout, Page: false, Sideways: sideways, Inconsistent: inconsistent, ForcedExtension: extension);
        var requests = new List<PlanRequest>
        {
            One(ScanClass.Clean, "active-2021", "png"),
            One(ScanClass.Clean, "requests-2021", "png"),
            One(ScanClass.Clean, "appeals", "png"),
            One(ScanClass.Clean, "active-2019", "png"),
            One(ScanClass.Clean, "requests-2019", "png"),
            One(ScanClass.Mild, "requests-2021", "jpg"),
            One(ScanClass.Mild, "appeals", "jpg"),
            One(ScanClass.Mild, "active-2019", "jpg"),
            One(ScanClass.Hard, "requests-2019", "jpg"),
            One(ScanClass.Hard, "active-2021", "jpg"),
            One(ScanClass.Hard, "appeals", "png"),
            One(ScanClass.Mild, "requests-2021", "jpg", sideways: true),
            new(all, layouts, ScanClass.Mild, Page: true, Sideways: false, Inconsistent: false, ForcedExtension: "jpg"),
            One(ScanClass.Clean, "requests-2021", "png", inconsistent: true),
        };
        return requests.Select((r, i) => (i, r)).ToList();
    }
}
