using TableRecovery.Core.Grid;
using TableRecovery.Core.Imaging;
using TableRecovery.Core.Ocr;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Grid;

public sealed class TableFinderTests
{
    public static TheoryData<string> CleanAndMildImages() =>
        [.. Fixtures.Corpus().Where(c => c.ScanClass != "hard" && c.Rotation == 0).Select(c => c.Name)];

    [Theory]
    [MemberData(nameof(CleanAndMildImages))]
    public void The_lattice_has_the_drawn_rows_and_columns(string name)
    {
        var source = Fixtures.CorpusWhere(c => c.Name == name);
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var tables = TableFinder.Find(image);
        var expected = source.Tables.Select(t => $"{t.GridRows}x{t.GridColumns}").ToList();
        var found = tables.Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}").ToList();
        Assert.True(expected.SequenceEqual(found), $"{name}: drawn {string.Join(", ", expected)}; found {string.Join(", ", found)}");
    }

    /// <summary>
    /// Hard scans draw their rules in gray, blurred, broken by JPEG and noise; the text binarization loses
    /// them, the gray line map must not. A floor on the committed sample (2 of its 3 hard tables when this
    /// was written; before the line map, none of them).
    /// </summary>
    [Fact]
    public void Faint_rules_of_hard_scans_still_give_the_drawn_lattice()
    {
        var hard = Fixtures.Corpus().Where(c => c.ScanClass == "hard" && c.Rotation == 0 && !c.IsPage).ToList();
        var outcomes = new List<string>();
        var right = 0;
        foreach (var source in hard)
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var image = new PageNormalizer().Normalize(page, 0);
            var found = TableFinder.Find(image).Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}").ToList();
            var expected = source.Tables.Select(t => $"{t.GridRows}x{t.GridColumns}").ToList();
            right += expected.SequenceEqual(found) ? 1 : 0;
            outcomes.Add($"{source.Name}: drawn {string.Join(", ", expected)}, found {string.Join(", ", found)}");
        }
        Assert.True(hard.Count >= 3 && right * 3 >= hard.Count * 2,
            $"{right} of {hard.Count} hard scans gave the drawn lattice, expected at least two thirds:\n{string.Join("\n", outcomes)}");
    }

    [Fact]
    public void A_whole_page_yields_its_tables_in_reading_order()
    {
        var source = Fixtures.CorpusWhere(c => c.IsPage && c.ScanClass != "hard");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, (360 - source.Rotation) / 90 % 4);
        var tables = TableFinder.Find(image);
        Assert.True(tables.Count == source.Tables.Count, $"{source.Name}: {source.Tables.Count} tables drawn, {tables.Count} found");
        Assert.True(tables.Zip(tables.Skip(1)).All(p => p.First.Lattice.Bounds.Bottom <= p.Second.Lattice.Bounds.Y),
            "tables are not in top-to-bottom order");
    }

    [Fact]
    public void A_bold_heading_above_a_table_does_not_become_its_first_row()
    {
        // A mild page (tests/fixtures/cases/0024): strokes of the heading 四、因政府信息公开工作被申请行政复议… line up with
        // one vertical rule of the appeals table below and lengthened it; the lattice took the heading in as a row.
        var source = Fixtures.Case("0024_page-2021_mild");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var expected = source.Tables.Select(t => $"{t.GridRows}x{t.GridColumns}").ToList();
        var found = TableFinder.Find(image).Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}").ToList();
        Assert.True(expected.SequenceEqual(found), $"drawn {string.Join(", ", expected)}; found {string.Join(", ", found)}");
    }

    [Fact]
    public void Light_rules_lost_in_grain_are_found_looking_through_it()
    {
        // A hard scan of a requests table (tests/fixtures/cases/0032, `generate --count 60 --seed 5151`): #A1A1A1 rules,
        // blurred to about 25 levels under the paper, on paper grainy by a few levels every pixel. Some pixel along every
        // stretch of rule was too light for a line, and the plain search found a corner of the table; averaged along the
        // line, the rules hold.
        var source = Fixtures.Case("0032_requests-2021_hard_grainy_sideways");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, (360 - source.Rotation) / 90 % 4);
        var drawn = source.Tables.Single();
        string Found(bool throughGrain) => string.Join(", ", TableFinder.Find(image, throughGrain).Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}"));
        var plain = Found(throughGrain: false);
        var grainy = Found(throughGrain: true);
        Assert.True(grainy == $"{drawn.GridRows}x{drawn.GridColumns}" || grainy == $"{drawn.GridRows}x{drawn.GridColumns + 1}",
            $"drawn {drawn.GridRows}x{drawn.GridColumns}; found through grain {grainy}, plainly {plain}");
    }

    [Fact]
    public void Rules_of_a_table_showing_through_the_sheet_do_not_cut_its_cells()
    {
        // A clean page printed on thin paper (`generate --show-through mixed`): an active-2021 table on the back, mirrored and
        // lightened to 88 %, showed through; the faint-line search found its rules, which cut the page's cells into a 27×9
        // lattice, and three numbers left their cells (read blank, they passed as 0). Still left: where the back's rules run on
        // past the page's right border, one blank column beyond it (the snapper leaves it out).
        AssertFindsOneTable("0033_active-2019_clean_showthrough", (lattice, drawn) => lattice.RowCount == drawn.GridRows
            && lattice.ColumnCount >= drawn.GridColumns && lattice.ColumnCount <= drawn.GridColumns + 1);
    }

    [Fact]
    public void A_rule_showing_through_left_aligned_digits_does_not_split_their_column()
    {
        // A mild scan on thin paper: a rule of the back ran down the 总计 column over its left-aligned digits, dark for a text
        // height at each. Those stretches were kept as the page's own rule under the light one, and split the column in two
        // with the 1s in the narrow half: the requests table came out 28x11.
        AssertFindsTheDrawnLattice("0055_requests-2021_mild_showthrough_digits");
    }

    [Fact]
    public void The_stems_of_the_first_glyphs_of_two_rows_do_not_cut_a_column_through_their_labels()
    {
        // A hard scan: 行政处罚 over 行政强制, each filling its short row, the stem of each 行 at one x and nearly a row
        // high. Clustered, the two stems spanned both rows and met a border at either end, and the lattice had a column
        // through the labels (18x6).
        AssertFindsOneTable("0040_active-2019_hard_aligned_first_stems", (lattice, drawn) => lattice.RowCount == drawn.GridRows
            && lattice.ColumnCount <= drawn.GridColumns + 1);
    }

    [Fact]
    public void A_faint_stub_across_a_border_does_not_make_a_column()
    {
        // The same scan: a faint piece 1.2 text heights long crossed the border under the 采购总金额 header, and crossing a
        // long line held it up as a rule: one more column, inside the merged cell (18x5).
        AssertFindsTheDrawnLattice("0040_active-2019_hard_aligned_first_stems");
    }

    [Fact]
    public void A_heading_flush_with_the_border_does_not_tie_the_tables_above_and_below_into_one()
    {
        // Page 3 of a generated scanned PDF (report 0009 of `reports --count 30 --seed 5`): the end of a requests table,
        // the heading 四、政府信息公开行政复议、行政诉讼情况, and the appeals table. The heading starts flush with the
        // tables' left border, and the stroke of its first glyph, on the border's x, bridged the gap between them.
        var name = "0009_pdf-scanned_2019_page3.jpg";
        using var page = new ImageDecoder(100_000_000).Decode(name, File.ReadAllBytes(Path.Combine(Fixtures.CasesDirectory, name)))[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var found = TableFinder.Find(image).Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}").ToList();
        Assert.True(found.Count == 2 && found[1] == "4x15", $"found {string.Join(", ", found)}; expected the requests table's last rows, then 4x15");
    }

    [Theory]
    [InlineData("0016_requests-2019_mild")]
    [InlineData("0100_active-2019_hard")]
    public void Glyph_stems_running_from_rule_to_rule_do_not_split_a_label_into_columns(string name)
    {
        // A bold or blurred print runs the stem of a glyph (本, 事, 申) from the rule above its line of text to the rule
        // below: it met crossing rules at both ends like a one-row cell border, and added a column and a row.
        AssertFindsTheDrawnLattice(name);
    }

    [Fact]
    public void Two_glyph_strokes_crossing_each_other_do_not_split_a_label_into_rows_and_columns()
    {
        // A thin serif print (`generate --count 50 --seed 6161 --classes clean,mild`, 0027): in 3.危及"三安全一稳定", the 一
        // ran on from the stroke of 三 before it into a line two text heights long, and the stem of 稳 crossed it. Each held
        // the other up (a rule crossing another counted as connected), and the label's cell, with the numbers of its row,
        // was cut into a column and a row more than drawn.
        AssertFindsTheDrawnLattice("0027_requests-2019_mild_crossed_strokes");
    }

    [Fact]
    public void Aligned_stems_in_the_lines_of_a_wrapped_label_do_not_split_it_into_columns()
    {
        // A hard scan (benchmark corpus 0093): in labels wrapped over two lines, a stem of the first line and one of the
        // second stood at nearly the same x, each a little longer than the opening keeps. Clustered, the two made a rule of
        // fragments over two text heights long, too long for the test of a stem, and the lattice took two columns more
        // than drawn through its labels.
        AssertFindsTheDrawnLattice("0093_requests-2021_hard_aligned_stems");
    }

    [Fact]
    public void The_feet_of_a_line_of_glyphs_blurred_into_a_line_do_not_split_its_cell_into_rows()
    {
        // A small mild scan scaled up three times: the bottom strokes of 本年增/减, centred in a two-line header row, ran
        // together into a short horizontal line between the column's rules, and the header became two rows.
        AssertFindsTheDrawnLattice("0149_active-2019_mild");
    }

    [Fact]
    public void Light_rules_peppered_with_salt_noise_are_found_as_rules()
    {
        // A hard scan (`generate --count 80 --seed 7777`, 0039): one-pixel #8C8C8C rules, blurred, under salt-and-pepper
        // noise of 0.069. White specks every few pixels along a rule left no stretch as long as the opening's brick dark
        // throughout, two header rules were lost and the appeals table came out 4x13, unidentified.
        AssertFindsTheDrawnLattice("0039_appeals_hard_speckled");
    }

    [Fact]
    public void Rules_a_bilevel_scan_cut_into_dashes_are_found_as_rules()
    {
        // A mild scan thresholded to black and white (bilevel corpus 0035): its thin gray rules, skewed a degree, kept only
        // dashes as long as the gaps between them (0.6 to 1.7 text heights apart). The opening that keeps rules dropped them
        // all and the page had no table. Still left: four rules kept only dots shorter than a third of a text height, too
        // sparse to chain, and their rows are read merged with the next (22 of the 26 rows).
        AssertFindsOneTable("0035_requests-2019_mild_bilevel", (lattice, drawn) => lattice.ColumnCount == drawn.GridColumns
            && lattice.RowCount >= drawn.GridRows - 4 && lattice.RowCount <= drawn.GridRows);
    }

    [Fact]
    public void Thin_rules_a_bilevel_scan_cut_into_dashes_beside_solid_ones_are_found_as_rules()
    {
        // A mild scan thresholded at 43 % (`generate --count 30 --seed 8787 --bilevel mixed --classes clean,mild`, 0029): its
        // frame and column rules stayed solid, but rules between rows, skewed 1.4°, kept only dashes. The solid rules made a
        // table, so the dashes were not searched for: it had 16 rows for 26, and the rules put back from the text made rows of
        // the dashes themselves (32 in all); two rows of 不予处理 went unread.
        AssertFindsTheDrawnLattice("0029_requests-2019_mild_bilevel_dashed_rows");
    }

    [Fact]
    public void Rules_lost_whole_are_put_back_where_the_text_shows_them()
    {
        // A clean scan thresholded to black and white (bilevel corpus 0018): thin gray rules vanished whole but for dots where
        // they crossed, and the rules left made a 10x6 lattice of the drawn 27x11; no layout fitted it. Rows of numbers one
        // over another in each cell, and numbers side by side down a column, show where the lost rules ran. Still left: the
        // rules between the label columns (三、 | (三) 不予公开 | 1. 属于…) run only part of the table's height, and 一、本年新收…
        // runs across where they would be, so the labels stay one column; and the rule under 法人或其他组织 stops at 自然人
        // and 总计, which run across it. The seven number columns and all rows but that header's are put back.
        var source = Fixtures.Case("0018_requests-2019_clean_bilevel");
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var drawn = source.Tables.Single();
        var found = Assert.Single(TableFinder.Find(image));
        var inks = new CellInks(image);
        var completed = TextLattice.Complete(found.Lattice, inks.Of, image.TextHeight);
        Assert.True(completed is not null && completed.RowCount >= drawn.GridRows - 2 && completed.RowCount <= drawn.GridRows
            && completed.ColumnCount >= NumberColumns + 1 && completed.ColumnCount <= drawn.GridColumns,
            $"drawn {drawn.GridRows}x{drawn.GridColumns}; found {found.Lattice.RowCount}x{found.Lattice.ColumnCount}, completed "
            + (completed is null ? "none" : $"{completed.RowCount}x{completed.ColumnCount}"));
    }

    /// <summary>自然人, the five 法人或其他组织 columns and 总计.</summary>
    private const int NumberColumns = 7;

    /// <summary>
    /// Wrapped labels beside single-line numbers, and headers wrapped under single-line ones, have ink across any cut, so a
    /// clean table gets no row or column it does not have. A clean scan can still lose a piece of rule in one row (a 1 beside
    /// a dash under 其他 and 总计, two headers whose text touches the rule between them): such a cell is split at the edge the
    /// rows beside it have, but never a cell the layouts merge over a group of columns (行政复议, 申请人情况, 法人或其他组织).
    /// </summary>
    [Fact]
    public void Text_puts_back_no_rule_in_a_clean_table_and_splits_no_group_header()
    {
        var wrong = new List<string>();
        foreach (var source in Fixtures.Corpus().Where(c => c.ScanClass == "clean" && c.Rotation == 0))
        {
            using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
            using var image = new PageNormalizer().Normalize(page, 0);
            var inks = new CellInks(image);
            foreach (var table in TableFinder.Find(image))
            {
                if (TextLattice.Complete(table.Lattice, inks.Of, image.TextHeight) is not { } completed) continue;
                var (before, after) = (table.Lattice, completed);
                if (after.RowCount != before.RowCount || after.ColumnCount != before.ColumnCount)
                {
                    wrong.Add($"{source.Name}: {before.RowCount}x{before.ColumnCount} -> {after.RowCount}x{after.ColumnCount}");
                }
                wrong.AddRange(before.Cells
                    .Where(c => c.ColumnSpan >= GroupSpan && !after.Cells.Contains(c))
                    .Select(c => $"{source.Name}: group cell r{c.Row}c{c.Column}[{c.RowSpan}x{c.ColumnSpan}] split"));
            }
        }
        Assert.True(wrong.Count == 0, $"rules put back in clean tables:\n{string.Join("\n", wrong)}");
    }

    /// <summary>The fewest columns a layout merges a group header over (法人或其他组织 over five, 行政复议 over five).</summary>
    private const int GroupSpan = 3;

    [Fact]
    public void A_table_that_lost_a_corner_has_each_grid_position_in_exactly_one_cell()
    {
        // The scan lost the top-left corner: the left border and the rules above and below 行政复议 stop short of it. Through
        // that gap the merged 行政复议 header joined the sub-header below it, and the two, taken as their bounding box, made
        // one cell three rows by five columns that covered the sub-headers beside it (the appeals table went unidentified).
        var (_, lattice) = SingleTableOfCase("0028_appeals_hard");
        var covered = new List<string>();
        for (var r = 0; r < lattice.RowCount; r++)
        {
            for (var c = 0; c < lattice.ColumnCount; c++)
            {
                var cells = lattice.Cells.Where(x => r >= x.Row && r <= x.LastRow && c >= x.Column && c <= x.LastColumn).ToList();
                if (cells.Count != 1) covered.Add($"({r},{c}) in {cells.Count}: {string.Join(" ", cells.Select(x => $"{x.Row},{x.Column} {x.RowSpan}x{x.ColumnSpan}"))}");
            }
        }
        Assert.True(covered.Count == 0, $"{covered.Count} grid positions not in exactly one cell:\n{string.Join("\n", covered)}");
    }

    [Fact]
    public void A_one_row_border_standing_in_a_lost_third_of_a_rule_still_parts_its_cells()
    {
        // The rule under 复议后起诉's sub-headers lost a third of its length; the pieces either side of the hole are two
        // rules. The border between the 4 and the blank below 结果维持 and 结果纠正 stood in the hole: it met no rule at its
        // top and was dropped as a glyph stroke, and kept, it sat inside one group with the headers above it.
        var (source, lattice) = SingleTableOfCase("0078_appeals_hard");
        var truth = Assert.Single(source.Tables);
        var last = lattice.RowCount - 1;
        var dataRow = lattice.Cells.Where(c => c.LastRow == last && c.Row == last).Select(c => $"c{c.Column}x{c.ColumnSpan}").ToList();
        var fourAndBlank = lattice.Cells.Where(c => c.Row <= last && c.LastRow >= last && c.Column <= 11 && c.LastColumn >= 10).ToList();
        Assert.True(lattice.RowCount == truth.GridRows && lattice.ColumnCount == truth.GridColumns && fourAndBlank.Count == 2,
            $"drawn {truth.GridRows}x{truth.GridColumns}, found {lattice.RowCount}x{lattice.ColumnCount}; data row cells {string.Join(" ", dataRow)}");
    }

    /// <summary>The lattice of the one table found in a reading case (tests/fixtures/cases).</summary>
    private static (CorpusImage Source, Lattice Lattice) SingleTableOfCase(string name)
    {
        var source = Fixtures.Case(name);
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        return (source, Assert.Single(TableFinder.Find(image)).Lattice);
    }

    /// <summary>The tables found in a reading case (tests/fixtures/cases) have the rows and columns its truth draws.</summary>
    /// <summary>The case's one table is found, with a lattice as close to the drawn one as <paramref name="close"/> asks.</summary>
    private static void AssertFindsOneTable(string name, Func<Lattice, TruthTable, bool> close)
    {
        var source = Fixtures.Case(name);
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var drawn = source.Tables.Single();
        var found = TableFinder.Find(image);
        Assert.True(found is [{ } table] && close(table.Lattice, drawn),
            $"{name}: drawn {drawn.GridRows}x{drawn.GridColumns}; found {string.Join(", ", found.Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}"))}");
    }

    [Fact]
    public void Thick_borders_stay_rules_on_a_page_whose_text_height_was_measured_short()
    {
        // A clean bilevel appeals table in a thin calligraphic font: its strokes broke into pieces half a glyph tall, the
        // page was scaled for text that small, and its 3 px borders came to 21 px, past the thickness a piece of rule may
        // have: every solid rule was dropped and no table was found.
        AssertFindsTheDrawnLattice("0020_appeals_clean_bilevel_thick_borders");
    }

    [Fact]
    public void A_rule_of_the_back_running_on_past_the_border_does_not_add_a_column()
    {
        // A clean keystoned scan with a requests table showing through: the back's rule beside the top border clustered with
        // it and ran on to the edge of the picture, and that one end was taken for the side of a table without side borders.
        AssertFindsTheDrawnLattice("0037_active-2019_clean_showthrough_overshoot");
    }

    [Fact]
    public void A_table_without_side_borders_ends_where_its_rules_do_and_not_where_one_runs_on()
    {
        static Rule Across(int y, int from, int to) => new(true, y, 2, [new Interval(from, to)]);
        static Rule Down(int x) => new(false, x, 2, [new Interval(100, 400)]);
        Rule[] rules = [Across(100, 50, 950), Across(200, 50, 950), Across(300, 50, 950), Across(400, 50, 950)];
        Rule[] columns = [Down(350), Down(650)];

        var open = LatticeBuilder.Build(rules, columns, 30)!;
        rules[0] = Across(100, 50, 1200); // the top rule runs on past the others (a rule beside it, clustered with it)
        var overrun = LatticeBuilder.Build(rules, columns, 30)!;

        Assert.True(open.ColumnEdges.SequenceEqual([50, 350, 650, 950]) && overrun.ColumnEdges.SequenceEqual(open.ColumnEdges),
            $"column edges without side borders: {string.Join(", ", open.ColumnEdges)}; with the top rule running on: {string.Join(", ", overrun.ColumnEdges)}");
    }

    private static void AssertFindsTheDrawnLattice(string name)
    {
        var source = Fixtures.Case(name);
        using var page = new ImageDecoder(100_000_000).Decode(source.Name, source.Bytes)[0];
        using var image = new PageNormalizer().Normalize(page, 0);
        var drawn = source.Tables.Select(t => $"{t.GridRows}x{t.GridColumns}").ToList();
        var found = TableFinder.Find(image).Select(t => $"{t.Lattice.RowCount}x{t.Lattice.ColumnCount}").ToList();
        Assert.True(drawn.SequenceEqual(found), $"{name}: drawn {string.Join(", ", drawn)}; found {string.Join(", ", found)}");
    }
}
