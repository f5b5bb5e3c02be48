using TableRecovery.Core.Layouts;
using TableRecovery.Corpus.Planning;

namespace TableRecovery.Corpus.Tests.Degradation;

/// <summary>
/// The default mix of 150 images (seed 31) planned as it is and with an opt-in degradation, for the tests that the option
/// draws from a stream of its own and leaves the rest of each plan as it was.
/// </summary>
internal static class OptInPlans
{
    public static ImagePlanner Planner { get; } = new(LayoutCatalog.Default);

    public const int Seed = 31;

    public static IEnumerable<(PlanRequest Request, int Index, ImagePlan Plain, ImagePlan OptedIn)> With(Func<PlanRequest, PlanRequest> optIn)
    {
        var mix = Presets.Mix(150, [ScanClass.Clean, ScanClass.Mild, ScanClass.Hard], LayoutCatalog.Default.All.Select(l => l.Id).ToList());
        foreach (var (index, request) in mix)
        {
            yield return (request, index, Planner.Plan(Seed, index, request), Planner.Plan(Seed, index, optIn(request)));
        }
    }
}
