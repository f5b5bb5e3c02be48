using TableRecovery.Core.Ocr;
using TableRecovery.Core.Results;
using TableRecovery.Core.Review;

namespace TableRecovery.Core.Tests.Review;

/// <summary>A result table built from readings alone, solved by <see cref="TableReview.Resolve"/> as the pipeline solves it.</summary>
public static class ReviewTables
{
    public static TableResult FromReadings(string layout, IReadOnlyDictionary<string, IReadOnlyList<Reading>> readings) =>
        TableReview.Default.Resolve(new TableResult
        {
            Layout = layout,
            Image = "synthetic.png",
            Status = Statuses.NeedsReview,
            Cells = readings.Select(p => new CellResult
            {
                Id = p.Key, Status = Statuses.NeedsReview, Box = [0, 0, 10, 10], Readings = ReadingResults.From(p.Value),
            }).ToList(),
            Identities = [],
        });

    public static IReadOnlyList<Reading> Sure(string text) => [new(text, 0.95, ReadingMethod.Cell), new(text, 0.95, ReadingMethod.Strip)];
}
