using TableRecovery.Core.Pipeline;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Pipeline;

[Collection(NativeCollection.Name)]
public sealed class OrientationAndLeakTests
{
    [Fact]
    public void Pages_turned_sideways_or_upside_down_are_read_upright()
    {
        using var recoverer = new TableRecoverer(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });
        // Hard scans are left out: their grid is not found reliably yet (see the issue notes).
        foreach (var source in Fixtures.Corpus().Where(c => c.Rotation != 0 && c.ScanClass != "hard"))
        {
            var doc = recoverer.Recover(new SourceFile(source.Name, source.Bytes), new RecoveryRequest(), CancellationToken.None).Document;
            var expected = (360 - source.Rotation) % 360;
            Assert.True(doc.Tables.Count > 0 && doc.Tables.All(t => t.Rotation == expected),
                $"{source.Name} was turned {source.Rotation}° clockwise: expected a correction of {expected}°, got [{string.Join(", ", doc.Tables.Select(t => t.Rotation))}]");
        }
    }

    [Fact]
    public void A_page_whose_grid_was_found_only_in_part_is_not_turned_on_two_cells()
    {
        // A hard bilevel scan (bilevel corpus 0033), upright: most rules were lost, the grid found was a 5x7 fragment with two
        // cells small enough to read both ways, and they read a little better turned; the page was read sideways.
        AssertReadUpright("0033_requests-2021_hard_bilevel");
    }

    [Fact]
    public void A_quarter_turn_that_loses_every_table_is_undone()
    {
        // A hard scan of an active table with faint gray rules (benchmark corpus 0029), upright: the orientation check took
        // it for sideways, and on the page turned a quarter no rule was found; the picture came out with no table at all.
        // Read as it stood, its tables are there (not yet identified: their rules are found only in part).
        AssertReadUpright("0029_active-2019_hard");
    }

    [Fact]
    public void An_upright_page_is_not_turned_over_on_a_few_rows()
    {
        // A bilevel page in a thin serif font (`generate --bilevel mixed --count 40 --seed 7777`, page 0003), upright: its
        // labels broke into specks and read as garble either way (0.21 upright, 0.24 turned), and the numbers with commas of
        // the requests table's total column (407,465) passed for labels right of four rows' dashes, against one row the other
        // way, out of 41; those rows outvoted the tables' average and the page was read upside down.
        AssertReadUpright("0003_page-2019_mild_bilevel_serif");
    }

    [Fact]
    public void An_upright_page_is_not_turned_over_by_a_scrap_of_its_grid()
    {
        // A faint hard scan of a requests table (`generate --count 40 --seed 9999 --classes hard`, 0036), upright: its labels
        // read as garble either way, so the structure decided, and a 3x3 scrap of grid beside the table (three labels, three
        // numbers, the numbers left of and above the labels) weighed as much as the table's 59 labels and 11 numbers: the page
        // was read upside down and no layout fitted it by its labels.
        AssertReadUpright("0036_requests-2021_hard_upright_with_scrap");
    }

    [Fact]
    public void A_sideways_table_whose_text_reads_garbled_both_ways_is_turned_by_its_group_headers()
    {
        // A hard warped scan of an appeals table turned 90° (warp corpus 0039): a quarter turn made it upright but for a half
        // turn; its labels read as garble either way (0.07) and not one digit was taken for a digit, so nothing told the half
        // turn, and the table came out upside down, unidentified. Its group headers (行政复议 over five columns, 行政诉讼 over
        // ten) lay in its lower half.
        AssertOneTableTurnedBack("0039_appeals_hard_warp", "appeals");
    }

    [Fact]
    public void A_sideways_table_whose_sampled_labels_read_as_garble_both_ways_is_turned_by_all_its_labels()
    {
        // A hard scan of an active table turned 90° (`generate --count 60 --seed 5151`, 0025): after the quarter turn it stood
        // upside down. The six label runs sampled read as garble either way (0.16 as they stood, 0.17 turned), so the structure
        // decided, and its faint zeros did not say: the table came out upside down, unidentified. Its seventeen runs hold five
        // that read turned at 0.72 or more (第二十条第（一）项 at 0.85, the heading at 0.77): 0.18 against 0.39.
        AssertOneTableTurnedBack("0025_active-2021_hard_sideways_garbled", "active-2021");
    }

    /// <summary>The case, a page turned 90° clockwise, yields one table of the layout, turned back by 270°.</summary>
    private static void AssertOneTableTurnedBack(string name, string layout)
    {
        using var recoverer = new TableRecoverer(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });
        var source = Fixtures.Case(name);
        var doc = recoverer.Recover(new SourceFile(source.Name, source.Bytes), new RecoveryRequest(), CancellationToken.None).Document;
        Assert.True(doc.Tables.Count == 1 && doc.Tables[0].Rotation == 270 && doc.Tables[0].Layout == layout,
            $"turned 90° clockwise: expected one {layout} table corrected by 270°, got [{string.Join(", ", doc.Tables.Select(t => $"{t.Layout} {t.Rotation}°"))}]");
    }

    /// <summary>The case, an upright page, yields tables, none of them turned.</summary>
    private static void AssertReadUpright(string name)
    {
        using var recoverer = new TableRecoverer(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });
        var source = Fixtures.Case(name);
        var doc = recoverer.Recover(new SourceFile(source.Name, source.Bytes), new RecoveryRequest(), CancellationToken.None).Document;
        Assert.True(doc.Tables.Count > 0 && doc.Tables.All(t => t.Rotation == 0),
            $"{name}, upright: tables turned [{string.Join(", ", doc.Tables.Select(t => t.Rotation))}], errors [{string.Join(", ", doc.Errors.Select(e => e.Code))}]");
    }

    [Fact]
    public void Recovering_the_sample_leaves_no_native_handle_alive()
    {
        NativeLeakCheck.AssertNoLeak(() =>
        {
            using var recoverer = new TableRecoverer(new RecoveryEngineOptions { TessdataPath = Fixtures.Tessdata, EngineSlots = 1 });
            foreach (var source in Fixtures.Corpus().Take(4))
            {
                var outcome = recoverer.Recover(new SourceFile(source.Name, source.Bytes), new RecoveryRequest(RenderOverlay: true), CancellationToken.None);
                Assert.True(outcome.Document.Errors.Count == 0, $"{source.Name}: {string.Join("; ", outcome.Document.Errors.Select(e => e.Message))}");
            }
        });
    }
}
