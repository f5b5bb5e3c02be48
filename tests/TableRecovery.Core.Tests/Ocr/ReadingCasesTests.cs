using TableRecovery.Core.Results;
using TableRecovery.Core.Tests.Support;

namespace TableRecovery.Core.Tests.Ocr;

/// <summary>Benchmark images on which a reading once failed (tests/fixtures/cases), through the real engines.</summary>
public sealed class ReadingCasesTests(RecovererFixture pipeline) : IClassFixture<RecovererFixture>
{
    private (TableResult Table, TruthTable Truth) Recover(string name, string layout)
    {
        var image = Fixtures.Case(name);
        var doc = pipeline.Recover(image.Name, image.Bytes);
        var table = doc.Tables.FirstOrDefault(t => t.Layout == layout);
        Assert.True(table is not null, $"{name}: {layout} not identified; found [{string.Join(", ", doc.Tables.Select(t => t.Layout))}]");
        return (table, image.Tables.Single(t => t.Layout == layout));
    }

    /// <summary>A picture cut out of a generated report: its truth is the report's, so it is recovered on its own.</summary>
    private TableResult RecoverPicture(string name, string layout)
    {
        var doc = pipeline.Recover(name, File.ReadAllBytes(Path.Combine(Fixtures.CasesDirectory, name)));
        var table = doc.Tables.FirstOrDefault(t => t.Layout == layout);
        Assert.True(table is not null, $"{name}: {layout} not identified; found [{string.Join(", ", doc.Tables.Select(t => t.Layout))}]");
        return table;
    }

    /// <summary>Every one of the cells has a reading of its own (not a value the identities inferred for an unread cell).</summary>
    private static void AssertEachHasAReading(TableResult table, IEnumerable<string> ids)
    {
        var unread = ids.Where(id => table.Cells.Single(c => c.Id == id).Readings is not { Count: > 0 }).ToList();
        Assert.True(unread.Count == 0, $"{unread.Count} cells without a reading of their own: {string.Join(", ", unread)}");
    }

    /// <summary>
    /// Each cell has a reading <paramref name="candidate"/> accepts for what is printed there (the cell's readings are shown
    /// where not), and none of them holds a wrong value that is not for review.
    /// </summary>
    private static void AssertACandidateAndNoWrongValuePassed(TableResult table, TruthTable truth, string[] ids,
        Func<TruthCell, ReadingResult, bool> candidate, string missingWhat)
    {
        var cells = ids.Select(id => table.Cells.Single(c => c.Id == id)).ToList();
        var missing = cells.Where(c => c.Readings?.Any(r => candidate(truth.Cells[c.Id], r)) != true).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} {missingWhat}: {string.Join(", ", missing.Select(c =>
            $"{c.Id} [{string.Join(", ", c.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]"))}");
        AssertNoWrongValuePassed(cells, truth);
    }

    /// <summary>
    /// `generate --count 50 --seed 9191`, image 0030: a clean page printing zeros as a tiny hyphen (3 × 2 px at digits of
    /// 8.6 px). Scaled up, most read as dashes, but five whole rows read as a 7 at 0.50 with the dash among the engine's
    /// choices: ink too low for any digit. Only the identities made them 0, and a row of such zeros checked nothing.
    /// </summary>
    [Fact]
    public void A_hyphen_read_as_a_digit_it_is_too_low_to_be_is_read_as_the_dash_the_engine_offered()
    {
        var (table, truth) = Recover("0030_page-2019_clean_tiny_hyphens", "requests-2019");
        string[] rows = ["unavailable.needs_creation", "not_processed.petition", "not_processed.repeated", "not_processed.excessive", "other"];
        var ids = truth.Cells.Keys.Where(id => rows.Contains(id.Split('/')[0]) && truth.Cells[id].Text == "-").ToList();
        Assert.True(ids.Count >= 30, $"only {ids.Count} dashes in the rows");
        var notDash = ids.Where(id => table.Cells.Single(c => c.Id == id).Readings?.FirstOrDefault()?.Text != "-").ToList();
        Assert.True(notDash.Count == 0, $"{notDash.Count} of {ids.Count} dashes not read first as a dash: {string.Join(", ", notDash.Take(5))}");
        AssertOkAndRight(table, truth, ids);
    }

    /// <summary>
    /// p61 (`generate --count 40 --seed 6161 --classes mild,hard --show-through mixed --warp mixed`), image 0018: a hard scan of
    /// a requests table printing its zeros as "—" under salt and pepper. A speck kept beside a dash, or salt cutting a dash in
    /// two, made its cell look like words rather than a number: two columns were read as labels, and 114 of the 175 cells went
    /// to review. The dash is the one flat stroke among specks (or its parts on one line), shown to the engine alone.
    /// </summary>
    [Fact]
    public void Dashes_among_specks_of_pepper_are_read_as_dashes()
    {
        var (table, truth) = Recover("0018_requests-2021_hard_peppered_dashes", "requests-2021");
        var dashes = truth.Cells.Keys.Where(id => truth.Cells[id].Text == "—").ToList();
        Assert.True(dashes.Count >= 150, $"only {dashes.Count} dashes printed");
        var readAsDash = dashes.Count(id => table.Cells.Single(c => c.Id == id).Readings?.Any(r => r.Text == "-" && r.Confidence >= 0.9) == true);
        var review = table.Cells.Count(c => c.Status == Statuses.NeedsReview);
        Assert.True(readAsDash >= 125 && review <= 45,
            $"{readAsDash} of {dashes.Count} dashes read as one at 0.9 or more (at least 125 wanted), {review} of {table.Cells.Count} cells for review (45 at most)");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 30 --seed 9898 --bilevel mixed --latin-font mixed`, image 0021: a requests table printing "/" for zero
    /// in a thin sans (Nimbus Sans), which the bilevel cut broke into three or four dashes each. The line model read them as
    /// 1s and 4s (a strip's 4 at 0.88) or nothing, and no shape test saw a slash in dashes: none had a "/" to choose.
    /// </summary>
    [Fact]
    public void A_slash_a_bilevel_scan_cut_into_dashes_is_read_as_a_slash()
    {
        var (table, truth) = Recover("0021_requests-2019_mild_bilevel_broken_slashes", "requests-2019");
        var slashes = truth.Cells.Where(c => c.Value.Text == "/").Select(c => c.Key).ToList();
        var read = slashes.Count(id => table.Cells.Single(c => c.Id == id).Readings?.Any(r => r.Text == "/") == true);
        Assert.True(read >= slashes.Count * 9 / 10, $"{read} of the {slashes.Count} slashes have a \"/\" reading");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// bench150 (`generate --count 150 --seed 2026`), image 0029: a faint, grainy hard scan of an active-2019 table, found
    /// whole only through grain. The 0 of 行政事业性收费's 本年增/减, a cell the layout merges over two columns and no
    /// identity checks, read 9 by cell and strip (0.87, 0.95) and passed: the table's digit templates read only single cells.
    /// </summary>
    [Fact]
    public void A_number_alone_in_a_merged_cell_is_read_by_the_tables_digit_templates_too()
    {
        var (table, truth) = Recover("0029_active-2019_hard_faint_merged_zero", "active-2019");
        var cell = table.Cells.Single(c => c.Id == "art20_8.fees/change");
        Assert.True(cell.Readings?.Any(r => r.Method == "template" && r.Text == "0") == true,
            $"no template reading of 0: [{string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 60 --seed 5151`, image 0032: a hard scan of a requests table turned a quarter, its light rules lost in
    /// the paper's grain. The grid found was a corner of merged cells each holding a few 无, whose ink ran across the page as
    /// a label's would upright: the page was read as it stood and no layout fitted. Looked at through grain, the page shows
    /// its whole grid, and its labels stand upright across it.
    /// </summary>
    [Fact]
    public void A_sideways_scan_whose_light_rules_were_lost_in_grain_is_read_through_it()
    {
        var (table, truth) = Recover("0032_requests-2021_hard_grainy_sideways", "requests-2021");
        var vouched = table.Cells.Count(c => c.Status != Statuses.NeedsReview && c.Value == truth.Cells[c.Id].Value);
        Assert.True(vouched >= truth.Cells.Count * 95 / 100, $"{vouched} of {truth.Cells.Count} cells vouched for and right");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 40 --seed 5252 --bilevel mixed --show-through mixed --warp mixed --latin-font mixed`, image 0012: a clean
    /// active-2019 table, barrel-warped, scanned bilevel at 53 %, which kept of its #555555 rules only scraps. Two of them made
    /// a table of one row and two cells, so the page's text was never looked at for the table it stands in (that is done only
    /// where no rule makes a table), and nothing was identified. A page no layout fits is now read from its text alone too.
    /// </summary>
    [Fact]
    public void A_bilevel_table_whose_rules_left_only_scraps_is_read_from_its_text()
    {
        var (table, truth) = Recover("0012_active-2019_clean_bilevel_rule-scraps", "active-2019");
        var right = table.Cells.Count(c => c.Value == truth.Cells[c.Id].Value);
        Assert.True(right >= truth.Cells.Count * 8 / 10, $"{right} of {truth.Cells.Count} cells right");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --bilevel mixed --count 40 --seed 3505`, image 0002: a bilevel scan peppered with specks. The specks around
    /// every label made its ink two and a half text heights tall and the cell wide, so no label passed for a run of text to
    /// read for the orientation; the structure alone called the upright page upside down, and every label read as garble.
    /// Read from their strokes, the labels are upright and read words, and the table is identified.
    /// </summary>
    [Fact]
    public void A_peppered_bilevel_table_is_read_upright_from_its_labels_strokes()
    {
        var (table, truth) = Recover("0002_active-2021_hard_bilevel_peppered", "active-2021");
        Assert.True(table.Rotation == 0, $"an upright page turned {table.Rotation}°");
        AssertRead(table, truth, ["art20_1.rules/issued", "art20_1.normative_docs/repealed", "art20_5.licensing/decisions", "art20_6.penalty/decisions"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 60 --seed 9797`, image 0043: a hard gray scan whose speckled 规章 reads 报章 at 0.40, enough to place
    /// its row. Read again without the specks apart from its strokes, it lost strokes and read 本击 at 0.42, which placed
    /// nothing, and the row's three numbers went unread: only a sure reading without the specks replaces a label.
    /// </summary>
    [Fact]
    public void A_speckled_label_is_not_replaced_by_an_unsure_reading_of_its_strokes()
    {
        var (table, _) = Recover("0043_active-2019_hard_speckled_label", "active-2019");
        AssertEachHasAReading(table, ["art20_1.rules/new_made", "art20_1.rules/new_published", "art20_1.rules/total_published"]);
    }

    /// <summary>
    /// `generate --count 60 --seed 4242`, image 0007: the rule between 上一年项目数量 and 本年增/减 was lost in the column header
    /// row of 第二十条第（六）项, which read as one header (人人本年增/减) over both columns. Every data row below holds three
    /// numbers, one a column; the header put 本年增/减 over both and 上一年项目数量 nowhere, and four numbers came out empty.
    /// </summary>
    [Fact]
    public void Numbers_under_a_header_row_that_lost_a_rule_keep_their_columns()
    {
        var (table, truth) = Recover("0007_active-2019_mild_header_gap", "active-2019");
        string[] ids = ["art20_6.penalty/prev_year_items", "art20_6.penalty/change", "art20_6.enforcement/prev_year_items", "art20_6.enforcement/change"];
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
        // 上一年项目数量 is the column its block's two headers read clearly leave over: its sure numbers pass. The blocks above and
        // below share the column keys; their own headers still place their numbers firmly.
        string[] elsewhere = ["art20_6.penalty/prev_year_items", "art20_6.enforcement/prev_year_items",
            "art20_5.licensing/prev_year_items", "art20_5.other_services/prev_year_items", "art20_8.fees/prev_year_items"];
        var flagged = elsewhere.Select(id => table.Cells.Single(c => c.Id == id)).Where(c => c.Status != Statuses.Ok).ToList();
        Assert.True(flagged.Count == 0, $"cells of other blocks flagged: {string.Join(", ", flagged.Select(c => $"{c.Id} {c.Value} ({c.Status})"))}");
    }

    /// <summary>
    /// The same corpus, image 0021: in the one data row of an appeals table printing every zero 无, the upper half of the rule
    /// between 其他结果 and 尚未审结 was lost; the stub below made the two 无 one cell read as "无|无", a label, and no number
    /// came out for either. Those columns hold no other number to count them as columns of numbers by.
    /// </summary>
    [Fact]
    public void Two_nones_joined_by_the_stub_of_a_lost_rule_are_read_apart()
    {
        var (table, truth) = Recover("0021_appeals_mild_rule_stub", "appeals");
        string[] ids = ["count/litigation_after_review.other", "count/litigation_after_review.pending"];
        AssertEachHasAReading(table, ids);
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// Image 0006 of the bilevel corpus (`generate --bilevel mixed --count 60 --seed 6060`), a hard scan with pepper noise:
    /// a speck left of a 27 and a 38 at middle height, and pepper stuck to a lone 6, passed for a minus, and the sign the
    /// ink showed signed them (-27, -38, -6). In a cell peppered with specks the mark only doubts the engine's reading.
    /// </summary>
    [Fact]
    public void A_speck_in_a_peppered_cell_does_not_sign_the_number_beside_it()
    {
        var (table, truth) = Recover("0006_active-2019_hard_bilevel_pepper", "active-2019");
        string[] ids = ["art20_5.licensing/change", "art20_5.other_services/change", "art20_8.fees/change"];
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// The same corpus, image 0022, a clean scan: an active table printing most cells blank, where 本年增/减's column holds
    /// one number (-1) under three repeated column headers. Counted with the headers, the column was one of labels; chi_sim
    /// read the -1 as "-|", and the value came out 0.
    /// </summary>
    [Fact]
    public void A_lone_number_in_a_sparse_column_under_repeated_headers_is_read_as_a_number()
    {
        var (table, truth) = Recover("0022_active-2019_clean_sparse", "active-2019");
        AssertRead(table, truth, ["art20_5.other_services/change"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// Image 0102, a hard scan printed gray on gray: the 35 of 现行有效件数 binarized into a 5×17 sliver of its 3, and the
    /// crop cut to that ink left the rest out. Cell and strip both read a sure 3, which no identity of active-2021 checks:
    /// it passed as `ok`. The gray image shows the faint glyphs beside the sliver.
    /// </summary>
    [Fact]
    public void A_number_binarized_into_a_sliver_of_one_glyph_is_read_whole()
    {
        var (table, truth) = Recover("0102_active-2021_hard_faint_sliver", "active-2021");
        AssertRead(table, truth, ["art20_1.normative_docs/in_force"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// Bilevel scans (`generate --bilevel mixed --count 40 --seed 3505`, images 0020 and 0014) of tables ruled in light gray,
    /// cut darker than the rules: not a piece of rule is left, and no table was found. The text still stands in rows and
    /// columns. Image 0015 wraps the labels of （六）其他处理 over three lines, its numbers beside the middle one: the first
    /// and last lines alone made rows, and the label's row took the first line's blanks for its numbers (its 1 read as 0,
    /// the consistent table reported broken).
    /// </summary>
    [Theory]
    [InlineData("0020_active-2021_mild_unruled_bilevel", "active-2021")]
    [InlineData("0014_requests-2019_mild_unruled_bilevel", "requests-2019")]
    [InlineData("0015_requests-2021_clean_unruled_bilevel", "requests-2021")]
    public void A_table_whose_rules_the_bilevel_scan_lost_whole_is_read_from_its_text(string name, string layout)
    {
        var (table, truth) = Recover(name, layout);
        AssertRead(table, truth, truth.Cells.Keys);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A whole report page of the same set (0028) cut lighter than its rules: its tables stand in rows and columns of text,
    /// a paragraph between one and the next. One lattice held all three, and the active table was identified as requests.
    /// (The appeals table prints no number at all: from its text alone, only its headers are there.)
    /// </summary>
    [Fact]
    public void A_page_of_tables_without_rules_is_read_table_by_table()
    {
        var image = Fixtures.Case("0028_page-2021_mild_unruled_bilevel");
        var doc = pipeline.Recover(image.Name, image.Bytes);
        foreach (var layout in new[] { "active-2021", "requests-2021" })
        {
            var table = doc.Tables.FirstOrDefault(t => t.Layout == layout);
            Assert.True(table is not null, $"{layout} not identified; found [{string.Join(", ", doc.Tables.Select(t => t.Layout))}]");
            AssertNoWrongValuePassed(table.Cells, image.Tables.Single(t => t.Layout == layout));
        }
    }

    /// <summary>
    /// A hard page of the same set (0011), skewed 4.7° and speckled: between the lines of its requests table bands of specks
    /// stand, and the first line of 申请人无正当理由逾期不补正… took a row of its own, of blanks, while its 2 and 4 went to the
    /// next row. Blanks on a row that shows no ink beside its label, in a table found from its text alone, are reviewed.
    /// </summary>
    [Fact]
    public void Blanks_of_a_row_that_may_be_a_wrapped_line_are_not_taken_on_trust()
    {
        var (table, truth) = Recover("0011_page-2021_hard_unruled_bilevel", "requests-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A hard bilevel scan (`generate --count 60 --seed 4848 --latin-font mixed --bilevel mixed`, image 0058) whose gray rules
    /// the cut took whole and whose zeros print blank: 本年制发件数, 本年废止件数 and 现行有效件数 read as one header cell over
    /// the two columns of numbers the text shows (the 2 of 规章 under 本年废止件数, the 20 of 行政规范性文件 under 现行有效件数).
    /// The run of two header labels fitted the first two as well as any two, and the 2 and the 20 passed as `ok` one column
    /// to the left: which of three columns the text lost is anybody's guess.
    /// </summary>
    [Fact]
    public void Numbers_under_a_header_cell_holding_one_label_more_than_its_columns_are_not_placed_surely()
    {
        var (table, truth) = Recover("0058_active-2021_hard_unruled_three_headers_two_columns", "active-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A hard warped scan (`generate --count 40 --seed 4853 --classes hard --warp mixed`, image 0021) that lost the rule
    /// between 规章 and 规范性文件 in the label column only: one label cell over both rows read 1规范性文件, and the first
    /// row took 规范性文件 with the numbers of 规章 (2, 4 and 0 passed as `ok` a row down).
    /// </summary>
    [Fact]
    public void Rows_under_one_label_cell_are_not_placed_by_the_one_label_it_reads_clearly()
    {
        var (table, truth) = Recover("0021_active-2019_hard_two_labels_one_cell", "active-2019");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A clean bilevel page (`generate --count 40 --seed 4850 --bilevel mixed`, image 0034) in a light sans cut at 43 % gray: the
    /// stem of the 1 of 行政强制 went whole, and of the glyph a speck of its flag was left, about a quarter of a text height
    /// each way. Cell and strip read it as a dash (0.90, 0.97), and with no identity over the row it passed as a sure 0.
    /// </summary>
    [Fact]
    public void A_speck_a_bilevel_cut_left_of_a_thin_glyph_is_not_taken_for_a_printed_zero()
    {
        var (table, truth) = Recover("0034_page-2021_clean_bilevel_cut_one", "active-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    [Fact]
    public void A_row_count_made_exact_by_a_lost_rule_and_a_found_one_does_not_place_a_clearly_read_row_elsewhere()
    {
        // Two rows in one cell (a rule lost) and a wrapped label cut in two (a rule too many) left exactly the layout's body
        // rows. Placed by position, 5.要求行政机关确认或重新出具已获取信息, read clearly, went one row up, and its 1s passed as
        // 无正当理由大量反复申请's.
        var (table, truth) = Recover("0010_requests-2021_mild_bilevel_rows_merged_and_split", "requests-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    [Fact]
    public void Digits_a_bilevel_cut_left_as_specks_row_after_row_are_not_passed_as_zeros()
    {
        // The cut kept a flag and a foot of each 1 and 2 and took the zeros whole: a row of 1, 1 and their total 2 read as
        // three dashes, its sum held on zeros, and so did its columns'. Nine wrong zeros passed as ok.
        var (table, truth) = Recover("0023_page-2019_clean_bilevel_cut_ones", "requests-2019");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A bilevel scan (`generate --bilevel mixed --count 60 --seed 6060`, image 0034): a light brush font cut at 41 % gray
    /// lost the thin strokes of its digits, and the 4 of 4.6 kept its stem and a speck of its diagonal. Cell and strip both
    /// read a sure 1.6, which no identity checks: it passed as `ok`.
    /// </summary>
    [Fact]
    public void A_bilevel_scan_whose_thin_strokes_broke_keeps_its_digits()
    {
        var (table, truth) = Recover("0034_active-2019_clean_bilevel", "active-2019");
        AssertRead(table, truth, ["art20_9.central_procurement/amount"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A bilevel scan of a thin serif font (bilevel corpus image 0057): the cut took the hairline top and bottom of its
    /// zeros, leaving a U or two facing arcs that the digit whitelist has no glyph for; cell and strip read nothing or a
    /// weak 0. Two arms bowing outward over the middle of the glyph's height are a zero by their shape.
    /// </summary>
    [Fact]
    public void A_thin_zero_whose_hairlines_a_bilevel_cut_took_is_read_as_zero_by_its_open_shape()
    {
        var (table, truth) = Recover("0057_active-2019_clean_bilevel", "active-2019");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["art20_5.licensing/change", "art20_6.penalty/change", "art20_6.enforcement/change"],
            (printed, r) => r.Method == "shape" && r.Text == printed.Text, "open zeros without a shape reading of 0");
    }

    /// <summary>
    /// The same scan: the cut broke the hairline top of a 0 and the bar of a 7 into bits above their strokes. Counted as
    /// marks of a number (a point, a comma) they made the glyphs words, and the first number column lost its vote: its
    /// numbers were read as 品, 了 and 二) and no value came out.
    /// </summary>
    [Fact]
    public void A_number_column_whose_glyphs_a_bilevel_cut_broke_at_the_top_keeps_its_numbers()
    {
        var (table, truth) = Recover("0057_active-2019_clean_bilevel", "active-2019");
        AssertRead(table, truth, ["art20_1.rules/new_made", "art20_1.normative_docs/new_made", "art20_5.licensing/prev_year_items",
            "art20_5.other_services/prev_year_items", "art20_6.penalty/prev_year_items", "art20_6.enforcement/prev_year_items",
            "art20_8.fees/prev_year_items", "art20_9.central_procurement/items"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A bilevel scan of a brush font (bilevel corpus image 0003): each zero kept only its two plumb sides. The shape
    /// measure, which looks at the larger piece, took the ink for a lone 1 and gave a candidate 1 that the output showed
    /// for review. Two strokes side by side are no lone 1: the cell shows what the engine saw (nothing, so 0).
    /// </summary>
    [Fact]
    public void Two_plumb_bars_left_of_a_brush_zero_are_not_a_candidate_one()
    {
        var (table, truth) = Recover("0003_appeals_mild_bilevel", "appeals");
        string[] ids = ["count/review.other", "count/litigation_after_review.upheld", "count/litigation_after_review.other"];
        var ones = ids.Select(id => table.Cells.Single(c => c.Id == id))
            .Where(c => c.Readings?.Any(r => r.Method == "shape" && r.Text == "1") == true || c.Value != truth.Cells[c.Id].Value)
            .Select(c => $"{c.Id} {c.Value} [{string.Join(", ", c.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]")
            .ToList();
        Assert.True(ones.Count == 0, $"{ones.Count} zeros of two bars shown as 1 or read as 1 by shape: {string.Join("; ", ones)}");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A bilevel scan of a brush font (bilevel corpus image 0040): the cut took the hairline top and bottom of many zeros
    /// and left their two sides, "( )". The engine read them weakly or not at all, and the templates split the ink into
    /// two glyphs that resemble no digit; about a hundred cells were for review and the whole table with them. Two pieces
    /// no wider together than one digit resemble the table's zeros as one glyph better than their halves resemble anything.
    /// </summary>
    [Fact]
    public void A_zero_a_bilevel_cut_left_in_two_pieces_is_read_by_the_templates_as_one_glyph()
    {
        var (table, truth) = Recover("0040_requests-2019_clean_bilevel", "requests-2019");
        AssertACandidateAndNoWrongValuePassed(table, truth,
            ["carried_in/commercial", "disclosed/commercial", "withheld.prohibited/natural_person"],
            (printed, r) => r.Method == "template" && r.Text == printed.Text, "zeros in two pieces without a template reading of 0");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A clean bilevel scan whose thin gray rules were thresholded away whole (bilevel corpus 0018): the rules left made a
    /// 10x6 lattice, and no layout fitted it. Read again on the lattice its text shows, it is the requests table it is.
    /// </summary>
    [Fact]
    public void A_table_that_lost_rules_whole_is_identified_on_the_lattice_its_text_shows()
    {
        var (table, truth) = Recover("0018_requests-2019_clean_bilevel", "requests-2019");
        var right = table.Cells.Count(c => c.Status != Statuses.NeedsReview && c.Value == truth.Cells[c.Id].Value);
        AssertNoWrongValuePassed(table.Cells, truth);
        Assert.True(right * 2 >= table.Cells.Count, $"only {right} of {table.Cells.Count} cells read right and passed");
    }

    /// <summary>
    /// A hard scan (fresh corpus 0049) lost the rule between 本年制发件数 and 本年废止件数 in 第二十条第（一）项 (a stub is
    /// left in one row): the active table fitted, but 4 and 0, 2 and 77 shared cells and none of the block's six numbers
    /// had a reading. Read again on the lattice its text shows, the same layout fits with fewer of its cells unplaced, and
    /// 行政规范性文件's 77 and 0 are read. Still left: 规章's three have no reading (the lattice came out 14x5, not 14x4).
    /// </summary>
    [Fact]
    public void A_table_that_fits_with_a_rule_lost_is_read_again_on_the_lattice_its_text_shows()
    {
        var (table, truth) = Recover("0049_active-2021_hard_fresh", "active-2021");
        AssertEachHasAReading(table, ["art20_1.normative_docs/repealed", "art20_1.normative_docs/in_force"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A warped hard scan (warp corpus 0026): the group header 行政诉讼 over ten columns read as nothing and its garbled
    /// strokes passed for a number, so the header row became the first body row, the table had no headers left and was
    /// not identified. A cell over four columns or more that no way reads is no number.
    /// </summary>
    [Fact]
    public void An_appeals_table_whose_wide_group_header_passed_for_a_number_is_identified()
    {
        var (table, truth) = Recover("0026_appeals_hard_warp", "appeals");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// A hard scan (benchmark 0109: serif digits 14 px, blur, JPEG 25): zeros blurred thick, read 9, 6 or 2 by cell and strip
    /// alike. Cut at 0.7 of their tone range their strokes swell into the loop and leave a short hole, as a 6 or a 9 has;
    /// cut at mid-tone the hole runs most of their height. The loops now witness each as a zero.
    /// </summary>
    [Fact]
    public void Zeros_blurred_thick_are_seen_as_zeros_by_their_loops()
    {
        var (table, truth) = Recover("0109_requests-2021_hard", "requests-2021");
        string[] ids = ["disclosed/natural_person", "withheld.inquiry/legal_services", "unavailable.unclear/other_org",
            "not_processed.petition/public_interest", "other.unpaid_fee/other_org"];
        AssertACandidateAndNoWrongValuePassed(table, truth, ids, (_, r) => r.Method == "shape" && r.Text == "0", "zeros without the loops' reading");
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 50 --seed 5101 --latin-font mixed`, image 0001: a small hard scan of an active table (digits 11 px,
    /// read at 1.8 times its size). A speck under a zero and one beside it, kept as strokes, made the engine read a 9 by cell
    /// (0.91) and by strip (0.84); as three pieces of ink the cell was no lone glyph, so no loop was measured, and with no
    /// identity over an active table the 9 passed as ok. Its loop runs its height: the cell goes to review.
    /// </summary>
    [Fact]
    public void A_zero_with_specks_read_as_a_sure_nine_is_held_for_review_by_its_loop()
    {
        var (table, truth) = Recover("0001_active-2019_hard_speckled_zero", "active-2019");
        var cell = table.Cells.Single(c => c.Id == "art20_6.penalty/decisions");
        Assert.True(cell.Readings?.Any(r => r.Method == "shape" && r.Text == "0") == true && (cell.Status == Statuses.NeedsReview || cell.Value == 0),
            $"{cell.Id}: {cell.Value} ({cell.Status}), readings [{string.Join(", ", (cell.Readings ?? []).Select(r => $"{r.Method} '{r.Text}' {r.Confidence:0.00}"))}]");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// Benchmark image 0062: a small hard scan of an active table. The faint minus of -3 in 本年增/减 touches the 3, and the
    /// engine read the two as a 4, by cell (0.91) and by strip (0.93). In gray the minus is one flat stroke at a minus's
    /// height, but the scan's mottle puts dark pixels above and below it, where a lone minus has none, so it was not taken
    /// for one, and no identity checks an active table: 4 passed as ok. A stroke among other ink is a doubt of its own.
    /// </summary>
    [Fact]
    public void A_minus_in_a_mottled_scan_read_into_its_digit_puts_the_number_in_review()
    {
        var (table, truth) = Recover("0062_active-2019_hard_minus_in_mottle", "active-2019");
        var cell = table.Cells.Single(c => c.Id == "art20_5.licensing/change");
        Assert.True(truth.Cells[cell.Id].Value == -3 && (cell.Status == Statuses.NeedsReview || cell.Value == -3),
            $"{cell.Id} printed '{truth.Cells[cell.Id].Text}': {cell.Value} ({cell.Status}), readings [{string.Join(", ", (cell.Readings ?? []).Select(r => $"{r.Method} '{r.Text}' {r.Confidence:0.00}"))}]");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// The same scan: a blurred zero that cell and strip read as nothing (0.20 and 0.00). Its loop runs its height: the
    /// loops read it, and its neighbours' sums then propose 0, not 5 or 20, for the zeros misread beside it.
    /// </summary>
    [Fact]
    public void A_zero_the_engine_read_as_nothing_is_read_by_its_loop()
    {
        var (table, truth) = Recover("0109_requests-2021_hard", "requests-2021");
        var cell = table.Cells.Single(c => c.Id == "other.no_correction/research");
        Assert.True(cell.Readings?.Any(r => r.Method == "shape" && r.Text == "0") == true,
            $"{cell.Id}: no reading of the loops: [{string.Join(", ", (cell.Readings ?? []).Select(r => $"{r.Method} '{r.Text}' {r.Confidence:0.00}"))}]");
        AssertRead(table, truth, [cell.Id, "other.no_correction/commercial", "withheld.process_info/commercial"]);
    }

    /// <summary>
    /// A hard scan peppered with specks: blank cells whose specks the smoothed page loses, and in which no way of reading
    /// sees a digit or a mark either, are blanks read surely (0.85), not the coin toss (0.45) a faint 2 the smoothing erased
    /// gets; each of them was printed blank. (A cell with no ink at all reads blank at 0.97 both ways: not counted.)
    /// </summary>
    [Fact]
    public void Specks_no_way_reads_as_anything_are_a_sure_blank()
    {
        var (table, truth) = Recover("0148_requests-2021_hard", "requests-2021");
        var sure = table.Cells
            .Where(c => c.Readings?.Any(r => r.Method == "cell" && r.Text.Length == 0 && r.Confidence is >= 0.85 and < 0.97) == true
                && c.Readings.All(r => r.Method == "choice" || r.Text.Trim().Length == 0))
            .ToList();
        var printed = sure.Where(c => truth.Cells[c.Id].Value != 0).Select(c => $"{c.Id} printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(sure.Count >= 5 && printed.Count == 0,
            $"{sure.Count} sure blanks of specks (want 5 or more), {printed.Count} of them printed a number: {string.Join(", ", printed)}");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    [Fact]
    public void A_page_whose_labels_fit_their_layout_poorly_is_read_again_at_another_size()
    {
        // bench150 0148 as generated on a second machine (the committed 0148 came from the first; fonts and JPEG differ):
        // at its 85th percentile glyph height its column headers read as nothing recognizable (requests-2021 at 0.60, a
        // near tie with requests-2019, columns placed by position) and 128 of 175 cells went to review; read again at 0.8
        // times the size, 17, and none wrong passed: there two 7s, one left as its bar, read as a dash both ways until the
        // faint ink below a lone stroke was looked for.
        var (table, truth) = Recover("0148_requests-2021_hard_second_machine", "requests-2021");
        var review = table.Cells.Count(c => c.Status == Statuses.NeedsReview);
        Assert.True(review <= 40, $"{review} of {table.Cells.Count} cells for review");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>No cell holds a wrong value without being for review.</summary>
    private static void AssertNoWrongValuePassed(IEnumerable<CellResult> cells, TruthTable truth)
    {
        var passed = cells.Where(c => c.Status != Statuses.NeedsReview && c.Value != truth.Cells[c.Id].Value).ToList();
        Assert.True(passed.Count == 0, $"a wrong value passed: {string.Join(", ", passed.Select(c => $"{c.Id} {c.Value} ({c.Status})"))}");
    }

    private static void AssertRead(TableResult table, TruthTable truth, IEnumerable<string> ids)
    {
        var wrong = ids.Select(id => (Id: id, Cell: table.Cells.Single(c => c.Id == id)))
            .Where(x => x.Cell.Value != truth.Cells[x.Id].Value)
            .Select(x => $"{x.Id}: {x.Cell.Value?.ToString() ?? "none"} ({x.Cell.Status}), printed '{truth.Cells[x.Id].Text}'")
            .ToList();
        Assert.True(wrong.Count == 0, $"{wrong.Count} cells wrong:\n{string.Join("\n", wrong)}");
    }

    /// <summary>
    /// Three number cells of this hard scan's appeals table (a 2, a 6 and a blank) passed no test for a number and were read
    /// as words, so they had no reading at all. The layout, snapped from the labels, puts numbers there: the table was read
    /// again with those cells as numbers. Since header cells a lost rule joined are split (December 2026) the page fits at
    /// its first size, where a rule lost in the number row leaves 2 6 and the blank in one cell over the three columns; the
    /// 2, blurred past the ink test of a number (and read 中妈 by the Chinese model), is a part the digits engine reads surely.
    /// </summary>
    [Fact]
    public void Words_read_where_the_layout_puts_numbers_are_read_again_as_numbers()
    {
        AssertEachReadOfItsOwnAndRight("0078_appeals_hard", "appeals", ["count/review.total", "count/litigation_direct.upheld", "count/litigation_direct.corrected"]);
    }

    /// <summary>Each of the cells has a reading of its own and the right value, and no wrong value of the table passes.</summary>
    private void AssertEachReadOfItsOwnAndRight(string name, string layout, string[] ids)
    {
        var (table, truth) = Recover(name, layout);
        AssertEachHasAReading(table, ids);
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 50 --seed 8181 --show-through mixed`, image 0010: rules lost in the appeals table's data row left
    /// pairs of 无 in merged cells, each pair read as one 无. A merged cell read as a printed 无 was not read column by
    /// column, so five layout cells had no number.
    /// </summary>
    [Fact]
    public void Two_nones_a_lost_rule_left_in_one_cell_are_read_column_by_column()
    {
        AssertEachReadOfItsOwnAndRight("0010_appeals_mild_merged_nones", "appeals", ["count/litigation_direct.upheld", "count/litigation_direct.pending",
            "count/litigation_direct.total", "count/litigation_after_review.pending", "count/litigation_after_review.total"]);
    }

    /// <summary>
    /// `generate --count 80 --seed 7777`, image 0042: the point of 60485.3 stands a digit's width from the 3 (a small bitmap
    /// font), and without a space in its whitelist the engine read the number right at confidence 0, cell and strip alike;
    /// the reconciler then put a choice before it. Read so, it is no longer vouched for by its readings alone: no sum checks
    /// it, and the engine scored 50485.3 nearly as high (0.85 beside 0.92; see CellCandidates.NearlyTorn).
    /// </summary>
    [Fact]
    public void A_decimal_whose_point_stands_apart_from_its_last_digit_is_read_with_confidence()
    {
        var (table, truth) = Recover("0042_active-2019_clean_decimal_gap", "active-2019");
        var cell = table.Cells.Single(c => c.Id == "art20_9.central_procurement/amount");
        Assert.True(cell.Value == truth.Cells[cell.Id].Value && cell.Confidence >= 0.9
            && cell.Readings?.Count(r => r.Method is "cell" or "strip" && r.Text == truth.Cells[cell.Id].Text && r.Confidence >= 0.9) == 2,
            $"printed {truth.Cells[cell.Id].Text}, output {cell.Value} ({cell.Status}, {cell.Confidence:0.00}); readings " +
            string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? []));
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 50 --seed 4242 --classes clean,mild`, image 0044: the rule between 行政处罚 and its 84 was lost. The
    /// blurred digits stand 0.86 as tall as the words beside them, too tall for the ink test of a number; the Chinese model
    /// reads them as digits, and the cell is split at the edge the rows above and below have.
    /// </summary>
    [Fact]
    public void A_label_and_its_number_a_lost_rule_left_in_one_cell_are_split_when_the_number_reads_as_digits()
    {
        AssertEachReadOfItsOwnAndRight("0044_active-2021_mild_label_and_number", "active-2021", ["art20_6.penalty/decisions"]);
    }

    /// <summary>
    /// `generate --count 80 --seed 7777`, image 0022: a rule lost in the second header row left 尚未审结 and 总计 in one cell,
    /// read as 总计, over two lattice columns; with headers block mode read as nothing (see <c>LabelReaderTests</c>), three
    /// columns went unplaced and their numbers unread. Split at the edge the row below has, every column is placed.
    /// </summary>
    [Fact]
    public void Two_headers_a_lost_rule_left_in_one_cell_are_split_at_the_edge_the_row_below_has()
    {
        AssertEachReadOfItsOwnAndRight("0022_appeals_mild_wrapped_headers", "appeals",
            ["count/litigation_direct.other", "count/litigation_direct.pending", "count/litigation_after_review.upheld"]);
    }

    /// <summary>
    /// `generate --count 50 --seed 4242 --classes clean,mild`, image 0036: cell and strip read the 14 of 行政规范性文件 as 4 at
    /// every scale, and the narrow 1 leaves the ink too narrow to say a digit is missing. The 1 and the 4 stand apart; read
    /// one by one, they are a candidate 14. The active table has no identities to decide, so the cell is for review.
    /// </summary>
    [Fact]
    public void A_narrow_one_the_engine_dropped_beside_another_digit_is_a_candidate_read_glyph_by_glyph()
    {
        var (table, truth) = Recover("0036_page-2021_mild_dropped_one", "active-2021");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["art20_1.normative_docs/issued"],
            (printed, reading) => reading.Text == printed.Text, "cells without their printed number among their readings");
    }

    /// <summary>
    /// `generate --count 60 --seed 7575 --classes clean,mild`, image 0052: the first row of numbers of a calligraphic table
    /// prints 39 under 自然人 and under 总计 and blanks between. The first 39 did not look numeric glyph by glyph, so the row
    /// tied one number against one word, and a tie before any row of numbers is a header row: 一、本年新收 went unplaced.
    /// Its two inked cells stand no taller than digits, where a header's Chinese glyphs stand the text's full height.
    /// </summary>
    [Fact]
    public void A_first_row_of_numbers_one_of_which_does_not_look_numeric_keeps_its_place()
    {
        var (table, truth) = Recover("0052_requests-2021_mild_kai_first_row", "requests-2021");
        AssertEachHasAReading(table, table.Cells.Where(c => c.Id.StartsWith("new/", StringComparison.Ordinal)).Select(c => c.Id));
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 60 --seed 4242 --classes clean,mild`, image 0016: a blurred 34 the engine read as 4 at 0.50, cell
    /// and strip alike, and the ink too wide for one digit made the 3 a minus. Shown 1.5 times larger, the cell reads 34 at
    /// 0.96.
    /// </summary>
    [Fact]
    public void A_digit_the_engine_dropped_from_ink_too_wide_for_what_it_read_is_read_at_another_scale()
    {
        var (table, truth) = Recover("0016_active-2021_mild_dropped_digit", "active-2021");
        AssertRead(table, truth, ["art20_1.normative_docs/repealed"]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 60 --seed 5212`, image 0034: a mild page in a thin Ming font, digits 9 px tall. The 5 and 3 of 行政执法案卷's
    /// 53 touch, a blob 1.1 of its height wide where the table's digits are 0.65, and the engine read 3, cell and strip, in
    /// 自然人 and in 总计 alike (0.84, 0.67); the row's sum held on the two 3s and the total passed as ok. Read short of their
    /// ink, the 3s are doubted, and no wrong value of the table passes.
    /// </summary>
    [Fact]
    public void A_number_read_with_fewer_digits_than_its_ink_is_wide_for_is_not_vouched_for_by_a_copy()
    {
        var (table, truth) = Recover("0034_page-2019_mild_small_touching_digits", "requests-2019");
        var total = table.Cells.Single(c => c.Id == "withheld.enforcement_file/total");
        Assert.True(total.Status == Statuses.NeedsReview || total.Value == truth.Cells[total.Id].Value,
            $"printed {truth.Cells[total.Id].Text}, output {total.Value} ({total.Status}) from [{string.Join(", ", total.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 80 --seed 4747`, image 0059: a hard page whose -2 in 行政强制's 本年增/减 has its minus blurred into the
    /// 2's soft edge, as dark as the digit. The faint-minus search backed off the digit's edge through the minus and found only
    /// paper before it; cell and strip read 2 (0.85, 0.95), and -2 passed as 2. The minus is a candidate now.
    /// </summary>
    [Fact]
    public void A_minus_whose_blur_runs_into_its_digit_is_still_seen_before_it()
    {
        var (table, truth) = Recover("0059_page-2019_hard_minus_touching_digit", "active-2019");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["art20_6.enforcement/change"], (printed, r) => r.Text == printed.Text,
            "signed numbers without a signed reading");
    }

    /// <summary>
    /// `generate --count 80 --seed 4747`, image 0008: a hard scan lost the rule between 本年制发件数 and 本年废止件数, and the
    /// 本年废止件数 column was not found, so 行政规范性文件's 5 and 14 stayed in one cell, read "5 14" surely by cell and strip:
    /// it passed as 514. Two numbers a text height apart in one cell are for review.
    /// </summary>
    [Fact]
    public void Two_numbers_apart_in_one_cell_are_not_taken_for_one_number()
    {
        var (table, truth) = Recover("0008_active-2021_hard_two_numbers_one_cell", "active-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// The 3 and 2 of 自然人's 32 touch, and cell and strip both read a sure 2. The table printed no other 3, so the templates
    /// cannot name the cut glyphs; but the ink is two of the table's digits wide, so the 2 is as likely short as right. The
    /// identities then infer 32 (for review) instead of reporting the printed table as broken by a misprint.
    /// </summary>
    [Fact]
    public void A_digit_dropped_from_touching_digits_is_inferred_not_reported_as_a_misprint_of_the_report()
    {
        var (table, truth) = Recover("0113_requests-2019_mild", "requests-2019");
        var cell = table.Cells.Single(c => c.Id == "new/natural_person");
        var broken = table.Identities.Where(i => i.PublishedInconsistent).Select(i => i.Name).ToList();
        Assert.True(cell.Value == truth.Cells[cell.Id].Value && broken.Count == 0,
            $"printed {truth.Cells[cell.Id].Text}, output {cell.Value} ({cell.Status}); reported printed inconsistent: [{string.Join(", ", broken)}]");
    }

    /// <summary>
    /// 规章 reads as 和 and 行政强制 as 人, so both rows are placed by their neighbours. The lattice has exactly the layout's
    /// fourteen rows, each of the kind the layout has there, and the other four rows read as their own: no rule is missing
    /// or extra, so the two rows are where they sit, and their clearly read numbers are ok. (The 本年制发件数 column is the
    /// next test's.)
    /// </summary>
    [Fact]
    public void A_row_whose_label_is_misread_sits_firmly_where_the_table_has_exactly_the_layouts_rows()
    {
        var (table, truth) = Recover("0000_active-2021_mild", "active-2021");
        AssertOkAndRight(table, truth, ["art20_1.rules/repealed", "art20_1.rules/in_force", "art20_6.enforcement/decisions"]);
    }

    /// <summary>
    /// In the same table the rule between 信息内容 and 本年制发件数 is lost in the header row: one cell reads
    /// "信息内容本年制发件数". Every other row has its label in the first column alone, so the header's first column is
    /// still the block's first column, and its numbers are placed by their header.
    /// </summary>
    [Fact]
    public void A_column_header_run_into_the_label_header_by_a_lost_rule_still_places_its_column()
    {
        var (table, truth) = Recover("0000_active-2021_mild", "active-2021");
        AssertOkAndRight(table, truth, ["art20_1.rules/issued", "art20_1.normative_docs/issued"]);
    }

    /// <summary>
    /// The same with a title row (主动公开政府信息情况) across the table above its first block header, which the layout has no
    /// row for: 规章 reads as 息章 (0.5), and the table still has exactly the layout's rows below its title.
    /// </summary>
    [Fact]
    public void A_title_row_above_the_first_block_header_leaves_the_rows_at_their_place()
    {
        var (table, truth) = Recover("0141_active-2019_mild", "active-2019");
        AssertOkAndRight(table, truth, truth.Cells.Keys.Where(id => id.StartsWith("art20_1.rules/", StringComparison.Ordinal)));
    }

    private static void AssertOkAndRight(TableResult table, TruthTable truth, IEnumerable<string> ids)
    {
        var notOk = ids.Select(id => table.Cells.Single(c => c.Id == id))
            .Where(c => c.Value != truth.Cells[c.Id].Value || c.Status != Statuses.Ok)
            .Select(c => $"{c.Id}: {c.Value} ({c.Status}), printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(notOk.Count == 0, $"not ok and right:\n{string.Join("\n", notOk)}");
    }

    /// <summary>
    /// A faint 2 of a hard, bent scan binarized into its base stroke alone: the ink looked like a printed dash, the engine
    /// read its crop as "-", and the two agreed on 0, which no identity of an active table checks: it passed as ok. The
    /// gray image still shows the 2's bowl above the stroke, where a printed dash has paper.
    /// </summary>
    [Fact]
    public void The_base_stroke_of_a_faint_two_is_not_taken_for_a_printed_dash()
    {
        var (table, truth) = Recover("0055_active-2021_hard_warp", "active-2021");
        var cell = table.Cells.Single(c => c.Id == "art20_6.enforcement/decisions");
        Assert.True(cell.Value == truth.Cells[cell.Id].Value || cell.Status == Statuses.NeedsReview,
            $"printed {truth.Cells[cell.Id].Text}, output {cell.Value} ({cell.Status}) [{string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]");
    }

    /// <summary>
    /// A clean page (`generate --count 60 --seed 5151`, 0028, a webp; its active table cut out) printing its zeros as a
    /// one-pixel em dash, 2 px tall once scaled: the engine read every one as nothing, shown as a hyphen or as it stands, and
    /// only the shape said "-". No identity checks an active table, so all 16 dashes went to review.
    /// </summary>
    [Fact]
    public void Dashes_thinner_than_a_hyphen_are_read_as_printed_zeros()
    {
        AssertEveryZeroOkAndRight("0028_active-2019_clean_thin_dashes", "active-2019", "—", 16);
    }

    /// <summary>
    /// A clean active table printing its zeros as 无 (`generate --count 50 --seed 6262 --classes clean,mild`, 0033): the
    /// Chinese model read each 无 at 0.97 in its cell, the only reading it had, and no sum checks an active table: three of
    /// the seven went to review. Read again stacked, each has a second reading to agree with.
    /// </summary>
    [Fact]
    public void Zeros_printed_as_none_in_a_table_no_sum_checks_are_read_twice_and_vouched_for()
    {
        AssertEveryZeroOkAndRight("0033_active-2021_clean_nones", "active-2021", "无", 7);
    }

    /// <summary>
    /// A clean active table printing its zeros as 无 (`generate --count 50 --seed 6262 --classes clean,mild`, 0008): the header
    /// 上一年项目数量 of the 第二十条第（五）项 block, wrapped over two lines, read 4 at 0.47 by the digits engine and stayed a number,
    /// and the header row with it; the block's first two columns were placed by their neighbours alone, and their cells, all
    /// read right, went to review.
    /// </summary>
    [Fact]
    public void A_header_wrapped_over_two_lines_is_not_taken_for_a_number()
    {
        var (table, truth) = Recover("0008_active-2019_clean_wrapped_header", "active-2019");
        AssertOkAndRight(table, truth, truth.Cells.Keys.Where(id => id.StartsWith("art20_5.", StringComparison.Ordinal)));
    }

    /// <summary>Every one of the case's <paramref name="count"/> zeros printed as <paramref name="zero"/> is ok and right.</summary>
    private void AssertEveryZeroOkAndRight(string name, string layout, string zero, int count)
    {
        var (table, truth) = Recover(name, layout);
        var zeros = truth.Cells.Where(c => c.Value.Text == zero).Select(c => c.Key).ToList();
        Assert.True(zeros.Count == count, $"the case prints {count} '{zero}', its truth {zeros.Count}");
        AssertOkAndRight(table, truth, zeros);
    }

    [Fact]
    public void Numbers_printed_across_merged_columns_are_read_as_numbers()
    {
        var (table, truth) = Recover("0125_active-2021_clean", "active-2021");
        AssertRead(table, truth, ["art20_5.licensing/decisions", "art20_6.penalty/decisions", "art20_6.enforcement/decisions", "art20_8.fees/amount"]);
    }

    [Fact]
    public void A_header_across_the_number_columns_beside_an_extra_blank_column_is_not_taken_for_a_number()
    {
        // The header rows of the active-2021 blocks (本年处理决定数量 over the three number columns) had one cell of their own
        // in the number columns, the table's extra blank column, and blank it made each a row of printed zeros: the headers
        // were read as numbers, and the numbers under them, placed by the headers, had no value.
        var (table, truth) = Recover("0058_page-2021_hard_extra_blank_column", "active-2021");
        AssertRead(table, truth, ["art20_5.licensing/decisions", "art20_6.penalty/decisions", "art20_6.enforcement/decisions", "art20_8.fees/amount"]);
    }

    [Fact]
    public void Old_style_round_zeros_are_read_as_digits()
    {
        var (table, truth) = Recover("0033_requests-2019_clean", "requests-2019");
        AssertRead(table, truth, truth.Cells.Keys.Where(id => id.StartsWith("carried_in/", StringComparison.Ordinal)
            || id.StartsWith("not_processed.excessive/", StringComparison.Ordinal)));
    }

    /// <summary>
    /// The faint gray rules between rows are lost over one to three number columns at a time, so the lattice holds blocks of
    /// zeros (third_party to process_info by commercial and research, three rows by two columns; not_held and needs_creation
    /// likewise) that read as one label of noise: those cells had no reading at all. No layout merges numbers across rows,
    /// so each block is split row by row, and each row's part between its columns.
    /// </summary>
    [Fact]
    public void Numbers_of_rows_whose_rules_a_faint_scan_lost_over_several_columns_are_read_row_by_row()
    {
        var (table, truth) = Recover("0071_requests-2021_hard", "requests-2021");
        AssertRead(table, truth, ["withheld.third_party/commercial", "withheld.third_party/research", "withheld.process_info/commercial",
            "unavailable.not_held/commercial"]);
    }

    /// <summary>
    /// A page that did not lie flat: its rows wave up and down by 8 px across the table (a curl of 0.36% of its height), so
    /// no rule was straight enough for the grid stage and no table was found. Straightened, it reads whole, and every
    /// cell's box, mapped back through the straightening, lands on its cell in the bent picture.
    /// </summary>
    [Fact]
    public void A_curled_page_is_read_whole_with_its_boxes_on_the_bent_cells()
    {
        var (table, truth) = Recover("0006_requests-2021_clean_warp", "requests-2021");
        AssertRead(table, truth, truth.Cells.Keys);
        var ok = table.Cells.Count(c => c.Status == Statuses.Ok);
        Assert.True(ok >= table.Cells.Count * 0.95, $"only {ok} of {table.Cells.Count} cells ok");
        AssertBoxesOnTheirCells(table.Cells, truth);
    }

    /// <summary>Each cell's box is centred in the cell the truth has for it: its number was read where it is printed.</summary>
    private static void AssertBoxesOnTheirCells(IEnumerable<CellResult> cells, TruthTable truth)
    {
        var off = cells
            .Where(c => c.Box is { Count: 4 } && truth.Cells[c.Id].Box is { } b
                && !b.Contains(c.Box[0] + c.Box[2] / 2, c.Box[1] + c.Box[3] / 2))
            .Select(c => $"{c.Id} [{string.Join(",", c.Box!)}] not centred in {truth.Cells[c.Id].Box}")
            .ToList();
        Assert.True(off.Count == 0, $"{off.Count} boxes off their cells: {string.Join("; ", off.Take(5))}");
    }

    /// <summary>
    /// `generate --count 50 --seed 8383 --classes clean,mild`, image 0004: a sans 4 the engine read at 0.29. Cut near the ink,
    /// its triangular counter lost its apex and passed for a zero's loop, and the shape read 0 at 0.90 against the engine.
    /// Under that loop a zero has its lower arc, half its width or more; the 4 stands on its stem, a fifth of it. The sums
    /// put the 4 back here; in a table no sum checks, the 0 at 0.90 would have stood against two weak 4s.
    /// </summary>
    [Fact]
    public void A_four_whose_counter_passes_for_a_loop_is_not_read_as_a_zero_for_it_stands_on_its_stem()
    {
        var (table, truth) = Recover("0004_requests-2021_mild_sans_four", "requests-2021");
        var cell = table.Cells.Single(c => c.Id == "unavailable.not_held/commercial");
        var zeros = cell.Readings?.Where(r => r.Method == "shape" && r.Text == "0").ToList() ?? [];
        Assert.True(zeros.Count == 0, $"the 4 of {cell.Id} read 0 by its shape at {string.Join(", ", zeros.Select(r => r.Confidence.ToString("0.00")))}; "
            + $"readings {string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}");
        AssertRead(table, truth, [cell.Id]);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// `generate --count 50 --seed 7171`, image 0050, a hard scan: the rule between 结果维持 and 结果纠正 of 未经复议直接起诉 is
    /// lost over the header and the data row alike. That header is one cell over three columns holding five labels, and the
    /// first column's cell two numbers side by side. Placed in order, each column took the next label (结果纠正 the number of
    /// 其他结果, and so on) and 尚未审结 had none. The column holding two numbers stands for two layout columns.
    /// </summary>
    [Fact]
    public void A_column_holding_two_numbers_under_a_shared_header_stands_for_two_columns()
    {
        var (table, truth) = Recover("0050_appeals_hard_rule_lost_over_header_and_numbers", "appeals");
        string[] ids = ["count/litigation_direct.upheld", "count/litigation_direct.corrected", "count/litigation_direct.other", "count/litigation_direct.pending"];
        AssertEachHasAReading(table, ids);
        AssertBoxesOnTheirCells(table.Cells.Where(c => ids.Contains(c.Id)), truth);
        AssertRead(table, truth, ids);
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// The same page through the whole pipeline: with the rules showing through from the back dropped, every number is in
    /// its cell and read (before, three of them, read blank where a rule of the back cut them off, passed as 0).
    /// </summary>
    [Fact]
    public void A_page_with_another_table_showing_through_is_read_whole()
    {
        var (table, truth) = Recover("0033_active-2019_clean_showthrough", "active-2019");
        AssertRead(table, truth, truth.Cells.Keys);
    }

    /// <summary>
    /// The scan lost the table's top-left corner, and the lattice made one cell of 行政复议 and the sub-headers below it
    /// (see TableFinderTests): the table went unidentified and its fifteen numbers unread. Now identified, with the numbers
    /// it reads clearly in place (others of this noisy scan stay for review).
    /// </summary>
    [Fact]
    public void A_table_that_lost_a_corner_is_identified_and_its_numbers_placed()
    {
        var (table, truth) = Recover("0028_appeals_hard", "appeals");
        AssertRead(table, truth, ["count/review.corrected", "count/litigation_after_review.corrected", "count/litigation_after_review.other"]);
    }

    /// <summary>
    /// A lost piece of the rule between 总计 and 未经复议直接起诉 and of the rule under 行政诉讼 joined the three headers and
    /// left 总计 of 未经复议直接起诉 a blank cell of its own, holding a few specks of noise. Such a cell looks like a number
    /// (noise says nothing against one); as the only cell of its header row in the number columns, it made the row a row
    /// of numbers, the table had two, and its headers above them did not identify it. A row holding only specks above a
    /// row of headers is a header row.
    /// </summary>
    [Fact]
    public void A_header_cell_holding_only_specks_of_noise_does_not_make_its_row_a_row_of_numbers()
    {
        var (table, truth) = Recover("0075_page-2021_hard", "appeals");
        AssertRead(table, truth, ["count/review.upheld", "count/litigation_direct.upheld", "count/litigation_after_review.total"]);
    }

    /// <summary>
    /// On the same page pepper noise spread across the merged heading rows widened their ink boxes: 第二十条第(一)项 measured
    /// 2463 px wide, of which its words take 294, and the engine read nothing from it; 行政许可 read as "(和". Too few row
    /// labels were recognized and the active table was not identified (best fit 0.43 &lt; 0.50). A label read weakly is read
    /// again from the box of its ink on the page smoothed against specks.
    /// </summary>
    [Fact]
    public void A_label_widened_by_specks_is_read_again_without_them()
    {
        var (table, truth) = Recover("0075_page-2021_hard", "active-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    /// <summary>
    /// The rule under 法人或其他组织 stops short of 其他, and a stub of rule split 其他 into two lattice columns. The short
    /// header, above every number, was taken for a number the votes missed, the column had no header, and none of its
    /// 25 cells had a reading of its own (the identities inferred them, all for review). Read as a header it matches, and
    /// its column spans both lattice columns: the 1 of 结转下年度继续办理, standing in the half the stub cut off, is its
    /// column's, not a blank half that would report the consistent table as misprinted.
    /// </summary>
    [Fact]
    public void A_short_header_split_by_a_stub_of_rule_keeps_its_column_and_its_numbers()
    {
        var (table, truth) = Recover("0016_requests-2021_hard_fresh", "requests-2021");
        AssertEachHasAReading(table, table.Cells.Where(c => c.Id.EndsWith("/other_org", StringComparison.Ordinal)).Select(c => c.Id));
        AssertRead(table, truth, ["new/other_org", "carried_out/other_org", "withheld.inquiry/other_org"]);
        var broken = table.Identities.Where(i => i.PublishedInconsistent).Select(i => i.Name).ToList();
        Assert.True(broken.Count == 0, $"a consistent table reported printed inconsistent: [{string.Join(", ", broken)}]");
    }

    /// <summary>
    /// In the requests table the short header 其他 reads as nothing, and an extra blank column stands at the right edge: the
    /// row of 商业企业, 科研机构, 社会公益组织 and 法律服务机构 held two cells taken for numbers and was taken for the first row
    /// of numbers. The columns were then matched only by the group header above (法人或其他组织), placed by their neighbours,
    /// and a row whose 1 read as nothing left its zeros under them unvouched for. A row above the numbers holding more words
    /// than numbers is a row of headers.
    /// </summary>
    [Fact]
    public void A_row_of_headers_with_a_header_taken_for_a_number_is_not_the_first_row_of_numbers()
    {
        var (table, truth) = Recover("0041_page-2019_mild_fresh", "requests-2019");
        AssertOkAndRight(table, truth, new[] { "commercial", "research", "public_interest", "legal_services", "other_org" }.Select(c => "unavailable.unclear/" + c));
    }

    /// <summary>
    /// The table prints its zeros as 无, and rules missing in a row left numbers of neighbouring columns in one lattice cell:
    /// 1 | 无 under 法律服务机构 and 其他, 无 | 无 under 科研机构 and 社会公益组织. The Chinese model read them as words ("1到入"),
    /// so the cells were labels and their layout cells had no reading at all. Ink apart at every column edge in a row and
    /// columns of numbers is numbers: each column's part is read on its own, a 无 by the Chinese model. Likewise the label
    /// 5.属于三类内部事务信息 and the 无 beside it (read 光), which a stub of the next row's rule joined, are split.
    /// </summary>
    [Fact]
    public void A_number_and_a_none_a_missing_rule_left_in_one_cell_are_read_column_by_column()
    {
        var (table, truth) = Recover("0006_requests-2021_hard_fresh", "requests-2021");
        string[] ids = ["disclosed/legal_services", "disclosed/other_org", "carried_out/research", "carried_out/public_interest",
            "withheld.internal_affairs/natural_person"];
        AssertEachHasAReading(table, ids);
        AssertRead(table, truth, ids);
    }

    /// <summary>
    /// The 1 of 本年新制作数量 was missed by the ink vote as well, so when the 5 right of it was tested for being "right of a
    /// number in its row" there was none yet; the 5, read by chi_sim as 号, had no reading. A number found makes the next one
    /// right of it a number right of a number.
    /// </summary>
    [Fact]
    public void A_number_right_of_a_missed_number_is_found_once_that_one_is()
    {
        var (table, truth) = Recover("0000_active-2019_mild_fresh", "active-2019");
        AssertRead(table, truth, ["art20_1.rules/new_made", "art20_1.rules/new_published", "art20_1.rules/total_published"]);
    }

    /// <summary>
    /// The 446 of 自然人 in 本年新收 was neither voted a number nor read as anything by chi_sim: a cell with ink and no text,
    /// where a row and a column of numbers cross, had no reading of its own, and the value stood on the identities alone.
    /// </summary>
    [Fact]
    public void Ink_chi_sim_reads_as_nothing_where_numbers_cross_is_read_as_a_number()
    {
        var (table, truth) = Recover("0033_requests-2019_mild_fresh", "requests-2019");
        var cell = table.Cells.Single(c => c.Id == "new/natural_person");
        Assert.True(cell.Readings is { Count: > 0 } && cell.Value == truth.Cells[cell.Id].Value,
            $"printed {truth.Cells[cell.Id].Text}, output {cell.Value} ({cell.Status}), readings: {string.Join(", ", cell.Readings?.Select(r => r.Text) ?? [])}");
    }

    /// <summary>
    /// A salt-and-pepper scan of a table printing every zero as 无: chi_sim read many a 无 with a speck beside it as a mark
    /// (无., -无, :无, 无，) or as another glyph and a mark (死-, 鞠-, 这.). Neither a 无 nor one glyph, they were labels
    /// where numbers stand, and their layout cells had no reading (or an unparseable one). The specks are marks, not text.
    /// </summary>
    [Fact]
    public void A_none_read_with_a_speck_of_noise_beside_it_is_still_a_printed_zero()
    {
        var (table, truth) = Recover("0007_requests-2021_hard", "requests-2021");
        string[] ids = ["unavailable.needs_creation/commercial", "unavailable.unclear/research", "not_processed.excessive/commercial",
            "not_processed.excessive/public_interest", "not_processed.excessive/legal_services", "other.other/research", "total/natural_person"];
        AssertEachHasAReading(table, ids);
        AssertRead(table, truth, ids);
    }

    /// <summary>
    /// The salted serif labels of this scan read as garbage: 12 of its 25 row labels and 1 of its 7 column headers match,
    /// so the exact shape's places went unconfirmed (half were needed) and every cell the sums settled went to review for
    /// its place alone (173 of 175). The sums check the places in a requests table: a third of the rows and one column
    /// read as their own confirm them, and what passes must be right.
    /// </summary>
    [Fact]
    public void Cells_the_sums_settle_pass_in_a_table_of_the_exact_shape_whose_labels_read_poorly()
    {
        var (table, truth) = Recover("0071_requests-2021_hard", "requests-2021");
        AssertNoWrongValuePassed(table.Cells, truth);
        var passed = table.Cells.Count(c => c.Status is Statuses.Ok or Statuses.Corrected);
        Assert.True(passed >= 120, $"only {passed} of {table.Cells.Count} cells passed");
    }

    /// <summary>
    /// A faint blurred 1 is the glyph the engine loses most often on a hard scan: the 1s of 自然人 in three rows read as
    /// nothing by the cell (every retry) and by the strip, and the identities had nothing to choose them by. A lone thin
    /// upright stroke is a 1 by its shape: a candidate at 0.5, for review, never vouched for by itself.
    /// </summary>
    [Fact]
    public void A_lone_upright_stroke_the_engine_read_as_nothing_is_a_candidate_1()
    {
        var (table, truth) = Recover("0071_requests-2021_hard", "requests-2021");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["new/natural_person", "carried_in/natural_person", "not_processed.repeated/natural_person"],
            (printed, r) => r.Text == printed.Text, "printed 1s without a reading of 1");
    }

    /// <summary>
    /// The zeros of this small, blurred, peppered scan are as wide as tall, and noisier than the sure zeros the table learns
    /// its digits from: the templates read none of these, which the engine read as nothing, 1 or 4. One glyph as wide as
    /// one of the table's digits is one glyph, and a glyph less like its digit than the samples are is still a weak
    /// candidate of it, for the identities to pick and the reviewer to see.
    /// </summary>
    [Fact]
    public void A_noisy_blurred_zero_the_engine_misses_is_a_weak_template_candidate()
    {
        var (table, truth) = Recover("0071_requests-2021_hard", "requests-2021");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["withheld.internal_affairs/commercial", "withheld.internal_affairs/public_interest",
            "withheld.process_info/research", "not_processed.petition/natural_person", "not_processed.publication/legal_services",
            "other.no_correction/other_org"], (printed, r) => r.Method == "template" && r.Text == printed.Text, "printed zeros without a template reading of 0");
    }

    /// <summary>
    /// chi_sim read the 7 of 政府集中采购 as one Chinese glyph, where a row and a column of numbers cross: the guess for a 无 the
    /// noise garbled, which left the cell only a weak 无 (0). This table prints its zeros as 0, not one 无 read surely: there the
    /// glyph is read as a number too, and cell and strip read 7.
    /// </summary>
    [Fact]
    public void One_glyph_where_numbers_cross_in_a_table_printing_no_none_is_read_as_a_number()
    {
        var (table, truth) = Recover("0032_page-2019_mild_fresh", "active-2019");
        AssertOkAndRight(table, truth, ["art20_9.central_procurement/items"]);
    }

    /// <summary>
    /// The scan lost the rules between the number columns of an active table: its numbers stand merged across lattice columns,
    /// each in a row holding only its label, and chi_sim read them as Latin letters (170859 as "17DR34", 48608.83 as "sm"). The
    /// merged cell's first lattice column held too few numbers to count as a column of numbers, but its last one did: a cell
    /// over any column of numbers is where numbers stand.
    /// </summary>
    [Fact]
    public void Latin_letters_in_a_cell_over_a_column_of_numbers_beside_only_its_label_are_a_number()
    {
        var (table, truth) = Recover("0049_active-2021_hard_fresh", "active-2021");
        AssertEachHasAReading(table, ["art20_8.fees/amount"]);
        AssertRead(table, truth, ["art20_5.licensing/decisions"]);
    }

    /// <summary>
    /// The scan lost the rule under the headers over five columns of 行政诉讼: each header and the number under it made one cell
    /// spanning the header row and the row of numbers (结果纠正0, 总计0, 结果维持4), read as a header, and the five numbers had no
    /// cell. A cell whose last row is the row of numbers, holding one line of number-shaped ink there under the header's words,
    /// is split at that row's edge.
    /// </summary>
    [Fact]
    public void A_header_and_the_number_under_it_merged_by_a_lost_rule_are_split()
    {
        var (table, truth) = Recover("0066_appeals_hard_fresh", "appeals");
        string[] ids = ["count/litigation_direct.corrected", "count/litigation_direct.other", "count/litigation_direct.pending",
            "count/litigation_direct.total", "count/litigation_after_review.upheld"];
        AssertEachHasAReading(table, ids);
        AssertRead(table, truth, ids);
    }

    [Fact]
    public void Two_numbers_a_broken_rule_left_in_one_cell_are_split_between_their_columns()
    {
        var (table, truth) = Recover("0126_appeals_clean", "appeals");
        AssertRead(table, truth, truth.Cells.Keys);
    }

    /// <summary>
    /// A rule broken in the data row left a dash beside a dash, and a dash beside 12, in one cell each: the engine read
    /// the pair of dashes as one and dropped the dash beside 12, so neither cell split between its columns. Each
    /// column's part is now read on its own. In 0016 the part beside a 4 is printed blank.
    /// </summary>
    [Fact]
    public void A_dash_or_a_blank_beside_a_number_in_a_cell_a_broken_rule_left_keeps_its_column()
    {
        var (table, truth) = Recover("0014_appeals_mild", "appeals");
        AssertRead(table, truth, ["count/review.corrected", "count/review.other", "count/litigation_direct.pending", "count/litigation_direct.total"]);
        var (requests, requestsTruth) = Recover("0016_requests-2019_mild", "requests-2019");
        AssertRead(requests, requestsTruth, ["carried_in/other_org", "carried_in/total"]);
    }

    /// <summary>
    /// A hard scan that lost the rule between two columns the whole table down: the lattice has one column where the
    /// layout has two, and its data cell holds the 2 and the 5 a column apart, which the engine read "25".
    /// </summary>
    [Fact]
    public void Two_numbers_a_column_apart_in_one_lattice_column_are_split_between_their_columns()
    {
        var (table, truth) = Recover("0081_appeals_hard", "appeals");
        AssertRead(table, truth, ["count/litigation_direct.pending", "count/litigation_direct.total"]);
    }

    [Fact]
    public void Zeros_printed_blank_in_a_row_with_too_few_digits_to_vote_are_read_as_zeros()
    {
        var (table, truth) = Recover("0045_page-2019_clean", "appeals");
        Assert.True(truth.Cells.Values.Count(c => c.Text.Length == 0) == 13, "the case should print 13 of its 15 appeals cells blank");
        AssertRead(table, truth, truth.Cells.Keys);
    }

    /// <summary>
    /// 0032: the minus of -6 blurred into the digit. 0141: the minus of -10, a light 1 px stroke scaled up, binarized
    /// into a dot, and both readings said 10 with confidence.
    /// </summary>
    [Theory]
    [InlineData("0032_active-2019_mild", -6)]
    [InlineData("0141_active-2019_mild", -10)]
    public void A_minus_blurred_or_faded_beside_its_digits_is_not_passed_as_a_positive_number(string name, int printed)
    {
        var (table, truth) = Recover(name, "active-2019");
        const string id = "art20_5.other_services/change";
        Assert.Equal(printed, truth.Cells[id].Value);
        var cell = table.Cells.Single(c => c.Id == id);
        Assert.True(cell.Value == printed || cell.Status == Statuses.NeedsReview,
            $"{id}: {cell.Value} {cell.Status} @{cell.Confidence}, alternatives [{string.Join(", ", cell.Alternatives.Select(a => $"{a.Value}@{a.Confidence:0.00}"))}]");
    }

    /// <summary>
    /// fresh 0000: the minus of -8 stuck to the 8 (one blob 26×25 px beside lone 8s of 16×26) in a cell across merged columns,
    /// which only a later test read as a number; that path skipped the check for a dropped minus, and both ways read 8. On the
    /// same page photographed at an angle and straightened, both read 8 surely and it passed as ok.
    /// </summary>
    [Fact]
    public void A_minus_stuck_to_a_digit_of_a_number_the_vote_missed_is_a_candidate()
    {
        var (table, truth) = Recover("0000_active-2019_mild_fresh", "active-2019");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["art20_8.fees/change"],
            (printed, reading) => reading.Text == printed.Text, "cells without a reading of the printed minus");
    }

    [Fact]
    public void Digits_in_a_table_printing_its_zeros_as_wu_are_read_both_ways_and_wu_reads_as_zero()
    {
        var image = CorpusImage.Load(Path.Combine(Fixtures.CorpusDirectory, "0003_active-2019_clean.truth.json"));
        var doc = pipeline.Recover(image.Name, image.Bytes);
        var table = doc.Tables.Single(t => t.Layout == "active-2019");
        var truth = image.Tables.Single();
        var digits = truth.Cells.Where(p => p.Value.Text.Length > 0 && char.IsAsciiDigit(p.Value.Text[0])).Select(p => p.Key).ToList();
        var printedWu = truth.Cells.Where(p => p.Value.Text == "无").Select(p => p.Key).ToList();
        Assert.True(digits.Count >= 3 && printedWu.Count >= 5, $"the case should print digits ({digits.Count}) among many 无 ({printedWu.Count})");

        var oneWayOnly = digits
            .Select(id => table.Cells.Single(c => c.Id == id))
            .Where(c => c.Readings is null || !c.Readings.Any(r => r.Method == "cell") || !c.Readings.Any(r => r.Method == "strip"))
            .Select(c => $"{c.Id}: [{string.Join(", ", c.Readings?.Select(r => $"{r.Method}:'{r.Text}'") ?? [])}]")
            .ToList();
        Assert.True(oneWayOnly.Count == 0, $"digits not read both ways:\n{string.Join("\n", oneWayOnly)}");
        AssertRead(table, truth, digits.Concat(printedWu));
    }

    [Fact]
    public void Faint_small_zeros_of_an_embedded_picture_are_read_both_ways()
    {
        // The first picture of a requests table cut over two pictures in a generated .docx (reports --seed 5,
        // 0008_docx-cut_2021): 8 px zeros in soft gray, which the line model read as nothing until shown at full contrast.
        var table = RecoverPicture("0008_docx-cut_2021_picture2.jpg", "requests-2021");

        var row = table.Cells.Where(c => c.Id.StartsWith("carried_in/", StringComparison.Ordinal)).ToList();
        var notBoth = row
            .Where(c => c.Value != 0 || c.Readings is null || !c.Readings.Any(r => r.Method == "cell" && r.Text == "0") || !c.Readings.Any(r => r.Method == "strip" && r.Text == "0"))
            .Select(c => $"{c.Id}: {c.Value} [{string.Join(", ", c.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]")
            .ToList();
        Assert.True(row.Count == 7 && notBoth.Count == 0, $"the printed zeros of 二、上年结转 not read as 0 both ways:\n{string.Join("\n", notBoth)}");
    }

    [Fact]
    public void A_wu_that_noise_turned_into_another_glyph_reads_as_zero_for_review()
    {
        // Page 2 of a generated multi-page TIFF (reports --seed 5, 0029_tiff-pages_2021) whose requests table prints
        // its zeros as 无; on the noisy scan chi_sim reads many of them as 现, 加, 国, 天.
        var table = RecoverPicture("0029_tiff-pages_2021_page2.jpg", "requests-2021");
        var truth = Fixtures.Case("0029_tiff-pages_2021")
            .Tables.Single(t => t.Layout == "requests-2021");

        var printedWu = truth.Cells.Where(p => p.Value.Text == "无").Select(p => p.Key).ToList();
        var cells = printedWu.Select(id => table.Cells.Single(c => c.Id == id)).ToList();
        var vouchedWrong = cells.Where(c => c.Value != 0 && c.Status is Statuses.Ok or Statuses.Corrected).Select(c => $"{c.Id}: {c.Value} {c.Status}").ToList();
        Assert.True(vouchedWrong.Count == 0, $"wrong values vouched for:\n{string.Join("\n", vouchedWrong)}");
        var zeros = cells.Count(c => c.Value == 0);
        // Measured: 150 of 167 (the rest read 7 by the digits engine, or nothing); without the guess, 63.
        Assert.True(printedWu.Count > 100 && zeros >= printedWu.Count * 0.88,
            $"{zeros} of {printedWu.Count} printed 无 read as 0: {string.Join(", ", cells.Where(c => c.Value != 0).Take(10).Select(c => $"{c.Id}={c.Value?.ToString() ?? "none"} '{c.Text}'"))}");
    }

    [Fact]
    public void Zeros_beside_the_slivers_of_thick_rules_are_read_as_numbers()
    {
        // Page 2 of a generated multi-page TIFF (report 0023 of `reports --count 30 --seed 5`, as gray JPEG): rules
        // printed 3 px thick leave slivers inside the cells below the middle of the page, and where two meet in a
        // corner one L-shaped piece as large as a glyph. Beside one, a lone 0 was taken for a label (read 量浊, 区间).
        var table = RecoverPicture("0023_tiff-pages_2019_page2.jpg", "requests-2019");
        var truth = Fixtures.Case("0023_tiff-pages_2019")
            .Tables.Single(t => t.Layout == "requests-2019");

        var unread = table.Cells.Where(c => c.Value is null).Select(c => $"{c.Id} '{c.Text}'").ToList();
        Assert.True(unread.Count == 0, $"{unread.Count} cells without a value: {string.Join(", ", unread)}");
        var vouchedWrong = table.Cells.Where(c => c.Value != truth.Cells[c.Id].Value && c.Status is Statuses.Ok or Statuses.Corrected)
            .Select(c => $"{c.Id}: {c.Value} {c.Status}, printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(vouchedWrong.Count == 0, $"wrong values vouched for:\n{string.Join("\n", vouchedWrong)}");
    }

    [Fact]
    public void A_table_cut_over_pages_with_an_extra_blank_column_is_joined_where_its_continuation_has_no_header()
    {
        // Pages 2 and 3 of a generated multi-page TIFF (report 0011 of `reports --count 20 --seed 6363`): its requests table,
        // printed with an extra blank column at the right and zeros as blanks, runs on to page 3 from 8.属于行政查询事项. The
        // continuation has no header, and of its eight data columns two hold a number: no column could be placed by position,
        // it fitted no layout, and its fourteen rows went unread. It has the first part's eleven lattice columns: the
        // columns are where the first part has them.
        var table = RecoverPicture("0011_tiff-pages_2021_seed6363_pages2-3.tif", "requests-2021");
        var truth = Fixtures.Case("0011_tiff-pages_2021_seed6363").Tables.Single(t => t.Layout == "requests-2021");
        var wrong = table.Cells.Where(c => c.Value != truth.Cells[c.Id].Value)
            .Select(c => $"{c.Id}: {c.Value?.ToString() ?? "none"} ({c.Status}), printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(table.Cells.Count == 175 && wrong.Count == 0,
            $"{table.Cells.Count} cells, {wrong.Count} wrong:\n{string.Join("\n", wrong.Take(12))}");
        AssertNoWrongValuePassed(table.Cells, truth);
    }

    [Fact]
    public void A_table_pictured_small_and_blurred_is_read_sharpened_once_it_leaves_most_cells_for_review()
    {
        // Page 2 of a generated multi-page TIFF (report 0023 of `reports --count 24 --seed 4343`, as gray PNG), 773 px wide:
        // its digits are 6 px tall and blurred, and enlarged four times to be read its 0s read as 5 or 6 and its 1,720 as 7.
        // Read as enlarged, 152 of the 161 cells came out right and none was vouched for: every one was left for review.
        var table = RecoverPicture("0023_tiff-pages_2019_seed4343_page2.png", "requests-2019");
        var truth = Fixtures.Case("0023_tiff-pages_2019_seed4343")
            .Tables.Single(t => t.Layout == "requests-2019");

        var vouched = table.Cells.Where(c => c.Status is Statuses.Ok or Statuses.Corrected).ToList();
        var vouchedWrong = vouched.Where(c => c.Value != truth.Cells[c.Id].Value)
            .Select(c => $"{c.Id}: {c.Value} {c.Status}, printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(vouchedWrong.Count == 0, $"wrong values vouched for:\n{string.Join("\n", vouchedWrong)}");
        var right = table.Cells.Count(c => c.Value == truth.Cells[c.Id].Value);
        // Measured: 145 vouched for, 155 right.
        Assert.True(vouched.Count >= 130 && right >= 150,
            $"{vouched.Count} of {table.Cells.Count} cells vouched for, {right} right: {string.Join(", ", table.Cells.Where(c => c.Value != truth.Cells[c.Id].Value).Take(12).Select(c => $"{c.Id}={c.Value} (printed '{truth.Cells[c.Id].Text}')"))}");
    }

    [Fact]
    public void A_table_printing_every_zero_as_wu_is_vouched_for_by_its_own_wu()
    {
        // A mild scan whose appeals table prints every zero as 无 (0134): chi_sim alone reads a lone 无 without a
        // second way to agree, so before the table's own 无 became a reading six of its cells went to review.
        var (table, truth) = Recover("0134_appeals_mild", "appeals");

        AssertRead(table, truth, truth.Cells.Keys);
        var flagged = table.Cells.Where(c => c.Status == Statuses.NeedsReview).Select(c => $"{c.Id} '{c.Text}' @{c.Confidence:0.00}").ToList();
        Assert.True(flagged.Count <= 2, $"{flagged.Count} cells flagged: {string.Join(", ", flagged)}");
    }

    [Fact]
    public void A_zero_a_speck_made_read_as_six_by_both_methods_is_not_passed_as_six()
    {
        // A mild page scan: a speck on the zero's outline made the cell and the strip read a confident 6
        // (0.95 and 0.82), and active-2021 has no identity to catch it. The zero's one tall loop still shows.
        var (table, truth) = Recover("0024_page-2021_mild", "active-2021");
        const string id = "art20_1.rules/repealed";
        Assert.Equal(0m, truth.Cells[id].Value);
        var cell = table.Cells.Single(c => c.Id == id);
        Assert.True(cell.Value == 0m || cell.Status == Statuses.NeedsReview,
            $"{id}: {cell.Value} {cell.Status} @{cell.Confidence:0.00}, readings [{string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]");
    }

    [Fact]
    public void Zeros_a_speck_made_read_as_confident_nines_do_not_send_the_whole_table_to_review()
    {
        // A mild page scan whose requests-2019 table had zeros read as confident 9s (and 4s for 1s) by cell and
        // strip alike. Pinned as confident, they broke identities no search could repair, and the whole table
        // (143 of its 198 cells) went to review. The zeros' loops now compete with the engine.
        var (table, truth) = Recover("0013_page-2019_mild", "requests-2019");
        var wrongButVouched = table.Cells.Where(c => c.Status is Statuses.Ok or Statuses.Corrected && c.Value != truth.Cells[c.Id].Value)
            .Select(c => $"{c.Id}: {c.Value} {c.Status}, printed '{truth.Cells[c.Id].Text}'").ToList();
        Assert.True(wrongButVouched.Count == 0, string.Join("\n", wrongButVouched));
        var flagged = table.Cells.Count(c => c.Status == Statuses.NeedsReview);
        // Measured: 7 of 198.
        Assert.True(flagged <= table.Cells.Count / 10, $"{flagged} of {table.Cells.Count} cells flagged");
    }

    [Fact]
    public void A_small_table_printing_only_zeros_is_not_turned_sideways()
    {
        // The appeals picture of a generated .docx (reports --seed 5, 0026_docx-cut_2021): its labels wrap over two
        // lines, so only its five header runs say which way the text runs, too few for the old vote; its zeros
        // read as well turned, and the table was read sideways and lost.
        var table = RecoverPicture("0026_docx-cut_2021_picture4.jpg", "appeals");
        Assert.Equal(0, table.Rotation);
        var notZero = table.Cells.Where(c => c.Value != 0).Select(c => $"{c.Id}: {c.Value?.ToString() ?? "none"} ({c.Status})").ToList();
        Assert.True(notZero.Count <= 2, $"{notZero.Count} of the 15 printed zeros not read as 0:\n{string.Join("\n", notZero)}");
    }

    /// <summary>
    /// The active picture of the same .docx: 规章 reads as 和 and 行政强制 as 人扫呈各, too far from any label for the alignment
    /// to put the row between its neighbours, so the table's exact fourteen rows placed it by position. The other twelve
    /// read as their own: no rule is missing or extra, and the clearly read zeros of both rows are ok, as they are where
    /// the alignment did place such a row (0000_active-2021_mild above).
    /// </summary>
    [Fact]
    public void A_row_placed_by_the_exact_shape_where_its_garbled_label_matched_nothing_sits_firmly()
    {
        var table = RecoverPicture("0026_docx-cut_2021_picture1.jpg", "active-2021");
        var truth = Fixtures.Case("0026_docx-cut_2021").Tables.Single(t => t.Layout == "active-2021");
        string[] ids = ["art20_1.rules/issued", "art20_1.rules/repealed", "art20_1.rules/in_force", "art20_6.enforcement/decisions"];
        AssertOkAndRight(table, truth, ids);
    }

    /// <summary>
    /// The appeals picture of a generated .docx (reports --count 16 --seed 9393, 0014_docx-cut_2021): the rule between 尚未审结,
    /// printed blank, and 总计, 36, is lost in the data row but for a stub a quarter of the cell high that reaches into the 36's
    /// rows. The cell over both columns did not split ("does not split into 2 numbers"), and both went unread to review.
    /// </summary>
    [Fact]
    public void A_short_stub_of_a_lost_rule_between_a_blank_and_a_number_parts_their_columns()
    {
        var table = RecoverPicture("0014_docx-cut_2021_seed9393_picture4.jpg", "appeals");
        var truth = Fixtures.Case("0014_docx-cut_2021_seed9393").Tables.Single(t => t.Layout == "appeals");
        string[] ids = ["count/review.pending", "count/review.total"];
        AssertEachHasAReading(table, ids);
        AssertOkAndRight(table, truth, ids);
    }

    [Fact]
    public void An_appeals_table_printing_every_number_blank_with_rules_lost_in_its_header_and_body_is_read_as_fifteen_zeros()
    {
        // The scanned page 3 of a generated PDF (reports --seed 2, 0009_pdf-scanned_2021): an agency with no appeals
        // prints its one row blank, and the scan lost the rule between 结果纠正 and 其他结果 in the header and between the
        // last two blanks. With no number read, the body was sought as a row of one-column cells, there was none,
        // and the table went unidentified ("0/15 columns found").
        var table = RecoverPicture("0009_pdf-scanned_2021_page3.jpg", "appeals");
        var notZero = table.Cells.Where(c => c.Value != 0 || c.Status != Statuses.Ok).Select(c => $"{c.Id}: {c.Value?.ToString() ?? "none"} ({c.Status})").ToList();
        Assert.True(notZero.Count == 0, $"{notZero.Count} of the 15 printed blanks not an ok 0:\n{string.Join("\n", notZero)}");
        Assert.True(table.Notes?.Any(n => n.StartsWith("identified as appeals", StringComparison.Ordinal)) == true,
            $"the notes do not say why: [{string.Join("; ", table.Notes ?? [])}]");
    }

    [Fact]
    public void A_label_column_of_thin_serif_words_voted_numeric_is_read_as_words()
    {
        // The scanned image of page 1 of a generated PDF (reports --seed 5, 0021_pdf-scanned_2021): its labels
        // (信息内容, 行政许可, 行政处罚) binarize into narrow upright strokes that pass for digits, the label column was
        // voted a number column, the digits engine read nothing in it, and the table went unidentified.
        var table = RecoverPicture("0021_pdf-scanned_2021_page1.png", "active-2021");
        var zeros = table.Cells.Count(c => c.Value == 0);
        // Measured: 8 of its 10 printed zeros read (the rules row sits on a broken rule).
        Assert.True(zeros >= 8, $"{zeros} of {table.Cells.Count} printed zeros read: {string.Join(", ", table.Cells.Where(c => c.Value != 0).Select(c => $"{c.Id}={c.Value?.ToString() ?? "none"}"))}");
    }

    [Fact]
    public void A_heading_and_a_paragraph_the_grid_took_into_a_text_layer_table_are_not_value_rows()
    {
        // A born-digital PDF (reports --seed 5, 0028_pdf-digital_2021): the grid of its appeals table takes in the
        // section heading above it and the paragraph below as rows. Read from the text layer, each was a wide text
        // followed by blanks, taken for a value row of blank numbers, and the table went unidentified.
        var (table, truth) = Recover("0028_pdf-digital_2021", "appeals");
        AssertRead(table, truth, truth.Cells.Keys);
    }

    [Fact]
    public void Pepper_noise_in_cells_printed_blank_does_not_vote_the_number_columns_into_labels()
    {
        // A hard scan of a requests-2019 table printing its zeros blank, under salt-and-pepper noise: specks in the
        // blank cells made them written, non-numeric cells, the vote took every number column for labels, and the
        // table was identified as requests-2021 on one row read.
        var (table, truth) = Recover("0077_requests-2019_hard", "requests-2019");
        var right = table.Cells.Count(c => c.Value == truth.Cells[c.Id].Value);
        // Measured: 126 of 161.
        Assert.True(right >= 113, $"{right} of {table.Cells.Count} values right");
    }

    /// <summary>
    /// The same scan: specks blurred and smeared by JPEG into blots a third of a text height wide, in cells printed blank,
    /// read as digits (7, 1, 2, 4) and the cells held no blank to choose. Gone from the page median-filtered at its own
    /// scale, they are a weak blank as well, for the identities to pick.
    /// </summary>
    [Fact]
    public void Specks_in_a_cell_printed_blank_that_vanish_when_smoothed_leave_a_blank_among_its_readings()
    {
        var (table, truth) = Recover("0077_requests-2019_hard", "requests-2019");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["withheld.state_secret/other_org", "withheld.prohibited/legal_services",
            "unavailable.needs_creation/commercial", "not_processed.excessive/research"],
            (printed, r) => r.Method == "cell" && r.Text == "" && printed.Text == "", "speckled blank cells without a blank reading");
    }

    /// <summary>
    /// The same scan: the specks of most blank cells stand a text height and more apart, their box as wide as the cell, where
    /// the pieces of a faint glyph the smoothing erased stand together (0148's 2: its top and its base, 0.3 of a text height
    /// apart). Such strewn specks are read as a blank as sure as a speck alone, for the sums to settle: 57 cells were left
    /// for review, 31 now with the sums that close on one changed cell, 44 with those sums alone (the faint 2 of 0148 stays weak,
    /// <see cref="Specks_no_way_reads_as_anything_are_a_sure_blank"/>).
    /// </summary>
    [Fact]
    public void Specks_strewn_apart_over_a_cell_printed_blank_read_as_a_blank_the_sums_can_settle()
    {
        var (table, truth) = Recover("0077_requests-2019_hard", "requests-2019");
        var review = table.Cells.Count(c => c.Status == Statuses.NeedsReview);
        var strewn = table.Cells.Count(c => truth.Cells[c.Id].Text == "" && c.Readings?.Any(r => r.Method == "cell" && r.Text == "" && r.Confidence is >= 0.84 and < 0.9) == true);
        var wrongPassed = table.Cells.Where(c => c.Value != truth.Cells[c.Id].Value && c.Status is Statuses.Ok or Statuses.Corrected).Select(c => $"{c.Id}: {c.Value} {c.Status}").ToList();
        // Measured: 31 for review and 62 such blanks; with a speck's box alone telling, 44 and 35.
        Assert.True(review <= 38 && strewn >= 50 && wrongPassed.Count == 0,
            $"{review} of {table.Cells.Count} cells for review (31 measured), {strewn} printed blanks read blank at 0.85 (62 measured); wrong values passed: {string.Join(", ", wrongPassed)}");
    }

    /// <summary>
    /// hard 0148: a 2 of thin strokes printed so faintly a reader barely sees it, in 自然人 and in 总计 of one row. The median
    /// erases it with the specks; a blank taken at its word passed both as 0 (the row's sum held). The blank is weak: the
    /// cells go to review.
    /// </summary>
    [Fact]
    public void A_faint_thin_digit_the_smoothing_erases_is_not_passed_as_blank()
    {
        var (table, truth) = Recover("0148_requests-2021_hard", "requests-2021");
        foreach (var id in new[] { "unavailable.not_held/natural_person", "unavailable.not_held/total" })
        {
            var cell = table.Cells.Single(c => c.Id == id);
            Assert.True(cell.Value == truth.Cells[id].Value || cell.Status == Statuses.NeedsReview,
                $"{id}: printed {truth.Cells[id].Text}, output {cell.Value} ({cell.Status}), readings [{string.Join(", ", cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}") ?? [])}]");
        }
    }

    [Fact]
    public void A_stroke_under_a_faint_glyph_read_as_a_dash_is_read_again_with_the_glyph()
    {
        // Scaled for its 85th percentile glyph height, the faint 2 of unavailable.not_held/total binarized to its base alone
        // (9x4 px); the faint ink above it was seen, but the engine, shown the stroke, read "-" at 0.81, and the sum closed on
        // it and on the 2 beside it lost to the smoothing: 0, ok. Shown with the band above at full contrast it reads 2.
        var (table, truth) = Recover("0148_requests-2021_hard", "requests-2021");
        var cell = table.Cells.Single(c => c.Id == "unavailable.not_held/total");
        var readings = cell.Readings?.Select(r => $"{r.Method}:'{r.Text}'@{r.Confidence:0.00}").ToList() ?? [];
        Assert.True(cell.Readings?.Any(r => r.Text == "2") == true && cell.Readings.All(r => r.Text != "-" || r.Confidence <= 0.3),
            $"printed {truth.Cells[cell.Id].Text}, readings [{string.Join(", ", readings)}], output {cell.Value} ({cell.Status})");
    }

    /// <summary>
    /// A curled hard scan printing "/" for zero (warp corpus `generate --count 60 --seed 4242 --warp mixed`, 0052): cell and
    /// strip both read the slash of 复议后起诉's 总计 as a sure 7 (0.94, 0.91), as the engine read 其他 beside it; the sum held
    /// on the two 7s, and two ways agreeing vouched for the copy (the cell went to review only for a header read badly). The
    /// glyph's slant is a "/" read the other way, so the two ways do not agree alone.
    /// </summary>
    [Fact]
    public void A_slash_both_ways_read_as_a_seven_has_its_shape_read_as_a_slash()
    {
        var (table, truth) = Recover("0052_appeals_hard_warp", "appeals");
        AssertACandidateAndNoWrongValuePassed(table, truth, ["count/litigation_after_review.total"],
            (printed, r) => r.Method == "shape" && r.Text == printed.Text, "slashes read as 7 without a shape reading of /");
    }

    [Fact]
    public void Tables_whose_labels_read_as_garbage_are_identified_and_pass_no_wrong_value()
    {
        // A hard page scan in a thin serif font: chi_sim reads every label of the requests and appeals tables as
        // garbage (median confidence 0.25), and digits far shorter than the Chinese text broke into specks. The tables
        // were identified by their shape alone and every cell went to review; read a second time at 0.8 times the size,
        // their labels place them (requests-2021 at 0.64), and what passes must be right. Shape alone is covered in
        // LayoutIdentificationTests.
        var image = Fixtures.Case("0122_page-2021_hard");
        var doc = pipeline.Recover(image.Name, image.Bytes);
        foreach (var layout in new[] { "requests-2021", "appeals" })
        {
            var table = doc.Tables.FirstOrDefault(t => t.Layout == layout);
            Assert.True(table is not null, $"{layout} not identified; found [{string.Join(", ", doc.Tables.Select(t => t.Layout))}]");
            var truth = image.Tables.Single(t => t.Layout == layout);
            AssertNoWrongValuePassed(table.Cells, truth);
            var right = table.Cells.Count(c => c.Value == truth.Cells[c.Id].Value);
            // Measured: 115 of the 190 numbers of both tables right; each table well over a third.
            Assert.True(right * 3 >= table.Cells.Count, $"{layout}: {right} of {table.Cells.Count} values right");
        }
    }
}
