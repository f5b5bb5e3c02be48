using TableRecovery.Core.Layouts;
using TableRecovery.Core.Ocr;

namespace TableRecovery.Core.Reconciliation;

/// <summary>One value a cell may hold according to its readings.</summary>
/// <param name="Scaled">The value times <see cref="CellCandidates.Scale"/>.</param>
/// <param name="Probability">Posterior from the readings alone.</param>
/// <param name="Text">The text of the best reading that gave it.</param>
internal readonly record struct Candidate(long Scaled, double Probability, string Text);

/// <summary>
/// The evidence model: a cell's readings turned into candidate values with probabilities, plus the
/// probability that the cell holds some value no reading shows ("other").
/// </summary>
/// <remarks>
/// Product of experts over the independent readings (Cell, Strip, Shape, Template; Text is certain). A reading of value x with
/// confidence c gives x weight c and any other value (1 − c)/M, except values the choice iterator proposed,
/// which get (1 − c)·ρ (ρ = the choice's confidence). "Other" collects the (1 − c)/M of the M values no reading
/// names. Confidences are capped: a lone OCR reading is never above 0.97 (the engine drops digits with high
/// confidence), an empty reading never above 0.95, a look-alike glyph never above 0.6.
/// </remarks>
internal sealed class CellCandidates
{
    public const long Scale = 10_000;
    private const int Places = 4;
    private const double SpreadValues = 10.0;
    private const double OcrCap = 0.97;
    private const double EmptyCap = 0.95;
    private const double LenientCap = 0.6;
    private const double TextConfidence = 1 - 1e-6;

    /// <summary>
    /// The engine's confidence in a lone digit is not its accuracy: a single glyph's score shares its mass with
    /// letters the whitelist removed. Measured over 150 generated images (bench BENCH_CALIBRATION=1), one-glyph
    /// readings scored 0.0–0.6 were right 68–88% of the time; readings of two or more digits scored that low,
    /// 20–70%. But a strip also scores its garbage near 0 ("8" for a faint 0), so only a lone digit that
    /// another way read too counts as at least this reliable; everything else keeps its score.
    /// </summary>
    private const double LoneDigitFloor = 0.6;

    /// <summary>
    /// But two ways that both barely read a lone digit mostly agree on noise: over the readings of every table of three
    /// corpora (bench150, g80, n60; BENCH_SOLVER_DUMP_ALL), a lone digit two ways read, the surer under 0.3, was right in 4
    /// of 41 cells (35 were zeros read 6 or 9 that the loops and the templates read 0, one a speck read 7 in a blank); the
    /// surer at 0.4–0.6, in 41 of 50. Such a pair keeps <see cref="WeakLoneDigitFloor"/>: above a lone alternative the engine
    /// offered (a clean 8 both ways scored 0.00, its choices a 6), below a shape's or a template's witness.
    /// </summary>
    internal const double LoneDigitFloorFrom = 0.3;

    private const double WeakLoneDigitFloor = 0.2;

    /// <summary>
    /// A number of two digits or more that two ways read alike, the surer at 0.3 or more, was right in 13 of 13 cells of
    /// four corpora where the other scored under 0.1 (a strip scores its reading 0.00 where the cell scored 0.42; held at
    /// its word, the 0.00 made every choice of the cell's likelier than the number both read: 2,806 came out 2,306).
    /// </summary>
    private const double AgreedDigitsFloor = 0.6;

    /// <summary>A template reading this sure needs an engine reading of only <see cref="TemplateConfirmation"/> to agree with.</summary>
    private const double SureTemplate = 0.9;

    private const double TemplateConfirmation = 0.5;

    private CellCandidates(CellEvidence evidence, Candidate[] candidates, double otherProbability,
        bool hasText, bool methodsAgree, string[] readDigits, string? topText)
    {
        Evidence = evidence;
        Candidates = candidates;
        OtherProbability = otherProbability;
        HasTextReading = hasText;
        IndependentAgreement = methodsAgree;
        ReadDigits = readDigits;
        TopText = topText;
    }

    public CellEvidence Evidence { get; }

    /// <summary>Distinct values, most probable first.</summary>
    public Candidate[] Candidates { get; }

    /// <summary>Probability that the cell holds a value none of its readings shows.</summary>
    public double OtherProbability { get; }

    public bool HasTextReading { get; }

    /// <summary>At least one Cell, Strip or Text reading parsed.</summary>
    public bool HasPrimaryReadings { get; private init; }

    /// <summary>
    /// Two of the Cell, Strip and Template readings (or a text layer, or a person) read the top value at
    /// <see cref="ReadTwiceConfidence"/> or more, or the cell surely and the strip the same (<see cref="SureCell"/>): what the
    /// report printed there, as far as reading can tell.
    /// </summary>
    public bool ReadTwice { get; private init; }

    /// <summary>
    /// The engine nearly torn at one glyph: a choice of another value scored within <see cref="TornMargin"/> of the cell's own
    /// reading (and at <see cref="RivalChoice"/> or more). Where no sum checks the cell, its readings alone must vouch for it,
    /// and they do not.
    /// </summary>
    private bool NearlyTorn { get; init; }

    /// <summary>
    /// Its readings alone may vouch for its top value, as for a cell no sum checks: they agree independently
    /// (<see cref="IndependentAgreement"/>) and no choice of another value came close (<see cref="NearlyTorn"/>).
    /// </summary>
    public bool AgreesWithoutRival => IndependentAgreement && !NearlyTorn;

    /// <summary>
    /// Three of the Cell, Strip, Template and Shape readings (or a text layer, or a person) read the top value at
    /// <see cref="ReadTwiceConfidence"/> or more, and they agree independently (<see cref="IndependentAgreement"/>). Over the
    /// readings of every table of seven corpora (BENCH_SOLVER_DUMP_ALL), the cells flagged only because each sum of theirs was
    /// spent on changing another cell were right in 110 of 110 so read; read alike two ways, in 56 of 58 (a 0 read 9 at 0.56
    /// by cell and strip, 214 read 14 at 0.65 and 0.56).
    /// </summary>
    public bool ReadThreeWays { get; private init; }

    /// <summary>Half sure each way: a total read 104 at 0.87 and 0.40 (s40 0027, 304 printed) is read once.</summary>
    private const double ReadTwiceConfidence = 0.5;

    /// <summary>
    /// The cell, the strip or the templates read the top value more surely than <see cref="ReadTwiceConfidence"/>: at that or
    /// below, as likely wrong as right (a reading with fewer digits than its ink is wide for is held there), so a value with
    /// no rival among the readings is not thereby known to be read right.
    /// </summary>
    public bool ReadSurely { get; private init; }

    /// <summary>
    /// A reading of the cell's own (not a choice the engine weighed) shows <paramref name="scaled"/> at
    /// <paramref name="confidence"/> or more: a value the ink itself may hold, beside what the others read.
    /// </summary>
    public bool ShowsAlso(long scaled, double confidence) => ReadValues.Any(r => r.Value == scaled && r.RawConf >= confidence);

    /// <summary>How many of the cell's own readings show <paramref name="scaled"/> at <paramref name="confidence"/> or more.</summary>
    public int ReadingsShowing(long scaled, double confidence) => ReadValues.Count(r => r.Value == scaled && r.RawConf >= confidence);

    /// <summary>The values the cell's own readings show, each with the confidence it was read at (not a text layer's beside OCR).</summary>
    private IReadOnlyList<(long Value, double RawConf)> ReadValues { get; init; } = [];

    /// <summary>
    /// Two of the Cell, Strip and Template readings (or a text layer) agree on the top value with the agreement
    /// confidence, or a sure Template reading and a Cell or Strip reading of at least half that; and no other reading
    /// is half sure of another value.
    /// </summary>
    public bool IndependentAgreement { get; }

    /// <summary>The digit strings of the primary readings (for the dropped-digit pattern).</summary>
    public string[] ReadDigits { get; }

    /// <summary>The printed text as read by the best reading (the first primary reading when none parses).</summary>
    public string? TopText { get; }

    public bool HasCandidates => Candidates.Length > 0;

    public bool IsIntegral => Evidence.Kind != CellValueKind.Decimal;

    public bool IsNonNegative => Evidence.Kind != CellValueKind.SignedInteger;

    public static decimal ToDecimal(long scaled) => decimal.Round((decimal)scaled / Scale, Places);

    public static long ToScaled(decimal value) => (long)decimal.Round(value * Scale, 0);

    /// <summary>This cell held at its top reading: the search treats it as settled (no "other", no misprint).</summary>
    public CellCandidates PinnedToTop() =>
        new(Evidence, [Candidates[0] with { Probability = 1.0 }], 0.0, HasTextReading, IndependentAgreement, ReadDigits, TopText)
        {
            HasPrimaryReadings = HasPrimaryReadings,
            ReadTwice = ReadTwice,
            ReadThreeWays = ReadThreeWays,
            ReadSurely = ReadSurely,
            IsConfirmed = IsConfirmed,
            ReadValues = ReadValues,
        };

    public static CellCandidates FromConfirmed(CellEvidence evidence, decimal value) =>
        new(evidence, [new Candidate(ToScaled(value), 1.0, value.ToString(System.Globalization.CultureInfo.InvariantCulture))],
            0.0, true, true, [], value.ToString(System.Globalization.CultureInfo.InvariantCulture))
        {
            IsConfirmed = true,
            ReadTwice = true,
            ReadThreeWays = true,
            ReadSurely = true,
        };

    /// <summary>A person confirmed or entered the value: it shares no misreading with any other cell.</summary>
    public bool IsConfirmed { get; private init; }

    public static CellCandidates Build(CellEvidence evidence, double agreementConfidence)
    {
        // Conf feeds the probabilities; RawConf, the engine's own figure, decides agreement.
        var primaries = new List<(long Value, double Conf, double RawConf, string Text, ReadingMethod Method)>();
        var choices = new List<(long Value, double Rho, double Raw, string Text)>();
        var garbage = 0;
        string? firstText = null;
        var digits = new List<string>();
        // A minus the ink shows (ReadingMethod.Sign) signs the engine's readings of its digits where the number may be
        // signed, and says nothing anywhere else. Measured over the change column of four corpora (bench150, g80, n60,
        // BENCH_SOLVER_DUMP_ALL): where the ink showed one, the number printed was negative in 12 of 13 cells (the 13th a 0
        // both ways read 7 at 0.00); as a weaker reading of its own beside the engine's, it lost to them in every one.
        var sign = evidence.Kind == CellValueKind.SignedInteger
            ? evidence.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Sign)?.Text
            : null;
        var signedByInk = false;
        foreach (var reading in evidence.Readings)
        {
            if (reading.Method == ReadingMethod.Sign)
            {
                // Where no number is signed, ink before the digits or too wide for them is still something the engine
                // did not read (a speck, a digit it dropped): as much doubt as a reading that does not parse.
                if (sign is null) garbage++;
                continue;
            }
            var r = reading;
            if (sign is not null && r.Method is ReadingMethod.Cell or ReadingMethod.Strip or ReadingMethod.Template && r.Text.Trim() == sign[1..])
            {
                r = r with { Text = sign };
                signedByInk = true;
            }
            var parsed = CellValueParser.Parse(r.Text, evidence.Kind, evidence.DecimalPlaces);
            if (r.Method != ReadingMethod.Choice)
            {
                firstText ??= r.Text;
            }
            if (!parsed.HasValue)
            {
                if (r.Method != ReadingMethod.Choice)
                {
                    garbage++;
                }
                continue;
            }
            var value = ToScaled(parsed.Value!.Value);
            if (r.Method == ReadingMethod.Choice)
            {
                choices.Add((value, Math.Clamp(r.Confidence, 0.02, 0.5), r.Confidence, r.Text));
                continue;
            }
            var conf = r.Method == ReadingMethod.Text ? TextConfidence : Math.Clamp(r.Confidence, 0.01, OcrCap);
            var rawConf = conf;
            if (r.Method != ReadingMethod.Text && parsed.Form == ParsedValueForm.Blank)
            {
                conf = Math.Min(conf, EmptyCap);
            }
            if (parsed.Lenient)
            {
                conf = Math.Min(conf, LenientCap);
            }
            primaries.Add((value, conf, rawConf, r.Text, r.Method));
            // A visible zero mark (/, —, 无) is not where digits go missing; nothing read at all is.
            if (parsed.Form != ParsedValueForm.ZeroMark)
            {
                digits.Add(parsed.Digits);
            }
        }

        // A lone digit another way also read is the whitelist artefact, not a misreading (see LoneDigitFloor).
        for (var i = 0; i < primaries.Count; i++)
        {
            var p = primaries[i];
            if (p.Method != ReadingMethod.Text && IsLoneDigit(p.Text)
                && primaries.Any(q => q.Method != p.Method && q.Value == p.Value))
            {
                var sure = primaries.Any(q => q.Value == p.Value && q.RawConf >= LoneDigitFloorFrom);
                primaries[i] = p with { Conf = Math.Max(p.Conf, sure ? LoneDigitFloor : WeakLoneDigitFloor) };
            }
            else if (p.Method != ReadingMethod.Text && p.Text.Count(char.IsAsciiDigit) >= 2
                && primaries.Any(q => q.Method != p.Method && q.Value == p.Value && q.RawConf >= LoneDigitFloorFrom))
            {
                // Two ways reading the same digits, one of them fairly, are no misreading either, however low the other
                // scored (see AgreedDigitsFloor).
                primaries[i] = p with { Conf = Math.Max(p.Conf, AgreedDigitsFloor) };
            }
        }

        // With a text layer, OCR readings add nothing.
        var hasText = primaries.Any(p => p.Method == ReadingMethod.Text);
        if (hasText)
        {
            primaries.RemoveAll(p => p.Method != ReadingMethod.Text);
            choices.Clear();
        }

        var values = new List<long>();
        foreach (var p in primaries)
        {
            if (!values.Contains(p.Value))
            {
                values.Add(p.Value);
            }
        }
        foreach (var c in choices)
        {
            if (!values.Contains(c.Value))
            {
                values.Add(c.Value);
            }
        }

        // The strip is the engine again, over the same glyphs scaled: where the table's own digits or a zero's loops read
        // another value, it echoes the cell's misreading rather than confirming it, and is left out of the scores. Over the
        // readings of five corpora (bench150, l21, n91, q93, s95; BENCH_SOLVER_DUMP), where cell and strip agreed and a
        // template or loops at 0.5 or more disagreed, the disagreeing witness was right in 52 of 59 cells (blurred 0s
        // read 9, 6 or 8 by both; the engine in 7, five of them a / whose loops passed for a 1); counted as two witnesses, the
        // engine outvoted it by five nats or more.
        var echoes = primaries.Select(p => p.Method == ReadingMethod.Strip
            && primaries.Any(q => q.Method == ReadingMethod.Cell && q.Value == p.Value)
            && primaries.Any(q => q.Method is ReadingMethod.Template or ReadingMethod.Shape && q.Value != p.Value && q.RawConf >= IndependentWitness)).ToArray();
        var n = primaries.Count;
        var scored = echoes.Count(e => !e);
        var logScores = new double[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var v = values[i];
            var rho = 0.0;
            foreach (var c in choices)
            {
                if (c.Value == v)
                {
                    rho = Math.Max(rho, c.Rho);
                }
            }
            double s = 0;
            if (scored == 0)
            {
                s = Math.Log(rho);
            }
            for (var j = 0; j < n; j++)
            {
                var p = primaries[j];
                if (echoes[j])
                {
                    continue;
                }
                if (p.Value == v)
                {
                    s += Math.Log(p.Conf);
                }
                else
                {
                    // A choice value takes ρ of one reading's error mass; other readings spread theirs over M values.
                    var share = rho > 0 && j == 0 ? rho : 1.0 / SpreadValues;
                    s += Math.Log((1 - p.Conf) * share);
                }
            }
            logScores[i] = s;
        }
        double otherLog = 0;
        for (var j = 0; j < n; j++)
        {
            if (!echoes[j])
            {
                otherLog += Math.Log(1 - primaries[j].Conf);
            }
        }
        if (scored > 1)
        {
            otherLog -= (scored - 1) * Math.Log(SpreadValues);
        }
        if (garbage > 0)
        {
            otherLog += Math.Log(1 + 2 * garbage);
        }
        var choiceMass = choices.Sum(c => c.Rho);
        otherLog += Math.Log(Math.Max(0.2, 1 - choiceMass));
        if (hasText)
        {
            otherLog = Math.Log(1e-6);
        }

        var max = Math.Max(otherLog, logScores.Length == 0 ? double.NegativeInfinity : logScores.Max());
        double z = Math.Exp(otherLog - max);
        foreach (var s in logScores)
        {
            z += Math.Exp(s - max);
        }
        var candidates = new Candidate[values.Count];
        for (var i = 0; i < values.Count; i++)
        {
            var text = primaries.FirstOrDefault(p => p.Value == values[i]).Text
                ?? choices.First(c => c.Value == values[i]).Text;
            candidates[i] = new Candidate(values[i], Math.Exp(logScores[i] - max) / z, text);
        }
        Array.Sort(candidates, (a, b) => b.Probability.CompareTo(a.Probability));
        var other = Math.Exp(otherLog - max) / z;

        var agree = false;
        var nearlyTorn = false;
        var readTwice = hasText;
        var readThreeWays = hasText;
        if (candidates.Length > 0)
        {
            var top = candidates[0].Scaled;
            // Two ways of reading agree: the engine twice (cell and strip), or the engine once and the table's own
            // digits (templates learned from other cells); with the loops too, when counting to three.
            int WaysReadingTop(double floor, bool loopsToo = false) => primaries
                .Where(p => (p.Method is ReadingMethod.Cell or ReadingMethod.Strip or ReadingMethod.Template || loopsToo && p.Method == ReadingMethod.Shape)
                    && p.Value == top && p.RawConf >= floor)
                .Select(p => p.Method)
                .Distinct()
                .Count();
            var agreeing = WaysReadingTop(agreementConfidence);
            readThreeWays = hasText || WaysReadingTop(ReadTwiceConfidence, loopsToo: true) >= 3;
            // The table's own digits, sure of a glyph, are the stronger witness: measured over 150 generated images
            // (bench BENCH_CALIBRATION=1, agreement calibration), a template at 0.9 or more that an engine reading
            // confirms at 0.5 or more was right in every one of ~7,000 cells; two engine readings at 0.8, in 99%.
            // A zero's loops (one tall enclosed loop, measured without the engine) are as independent a witness: beside
            // an engine reading of 0, right in all of ~1,500 cells of three generated corpora.
            var sureTemplate = primaries.Any(p => p.Method == ReadingMethod.Template && p.RawConf >= SureTemplate && p.Value == top);
            var engineConfirms = primaries.Any(p => p.Method is ReadingMethod.Cell or ReadingMethod.Strip && p.Value == top && p.RawConf >= TemplateConfirmation);
            var templateConfirmed = (sureTemplate || primaries.Any(p => p.Method == ReadingMethod.Shape && p.Value == top)) && engineConfirms;
            // The engine torn at one glyph: a choice of another value scored as high as the cell's own reading (the choice
            // takes the lower of the two). Two ways agreeing then share the doubt: over the readings of four corpora
            // (bench150, g80, n60 and a fresh one, `generate --count 60 --seed 3131`), cell and strip agreeing at 0.8 or
            // more were wrong in 1 of 34 such cells (a 4 read 3, choice 4, in a table with no sums: it passed), against 9
            // of 16,434 otherwise.
            // The table's own digits are no part of the engine's doubt: a glyph a sure template reads as the engine does is not
            // torn. Over the readings of every table of nine corpora and the committed fixtures (BENCH_SOLVER_DUMP_ALL: bench150,
            // p61, r27, c31, g41, q93, l21, n91, s95), 432 cells so read, by the cell too, beside a choice within the tearing
            // margin and with no other value read at 0.5 or more, were all right. Torn, a clean 1 that template (1.00) and strip
            // (0.96) read went to review beside the cell's 0.54 and a choice of 2 at 0.54 (bench150 0001), where no sum checks it.
            var cellScore = evidence.Readings.FirstOrDefault(r => r.Method == ReadingMethod.Cell)?.Confidence;
            var templateMends = sureTemplate && engineConfirms && primaries.Any(p => p.Method == ReadingMethod.Cell && p.Value == top);
            var rivals = templateMends ? [] : choices.Where(c => c.Value != top && !(top == OneScaled && c.Value == FourScaled)).ToList();
            var torn = cellScore is double score && rivals.Any(c => c.Raw >= score);
            nearlyTorn = cellScore is double near && rivals.Any(c => c.Raw >= Math.Max(near - TornMargin, RivalChoice));
            // A sign only the ink shows is one witness, however surely the engine read the digits.
            var signUnread = signedByInk && top < 0 && !evidence.Readings.Any(r => r.Method is ReadingMethod.Cell or ReadingMethod.Strip && r.Text.Trim().StartsWith('-'));
            // Read twice also: the cell alone surely, the strip the same if less surely.
            readTwice |= WaysReadingTop(ReadTwiceConfidence) >= 2
                || primaries.Any(p => p.Method == ReadingMethod.Cell && p.Value == top && p.RawConf >= SureCell)
                && primaries.Any(p => p.Method == ReadingMethod.Strip && p.Value == top && p.RawConf >= StripConfirmsASureCell);
            // A minus one way read before the digits the others read unsigned: a minus is a short thin stroke, the first
            // thing blur and binarizing lose, so the unsigned readings do not outvote it (g80 0005: -1 read 1 by the strip
            // at 0.72, the shape and the cell at 0.49, -1 by the cell at 0.44; it passed as 1).
            var minusRead = evidence.Kind == CellValueKind.SignedInteger && top > 0 && primaries.Any(p => p.Method is ReadingMethod.Cell or ReadingMethod.Strip or ReadingMethod.Template
                && p.Value == -top && p.RawConf >= SignDoubt);
            agree = hasText ||
                ((agreeing >= 2 || templateConfirmed) &&
                 !primaries.Any(p => p.Value != top && p.RawConf >= 0.5) && !signUnread && !minusRead && !torn);
        }
        var topText = candidates.Length > 0 ? candidates[0].Text : firstText;
        return new CellCandidates(evidence, candidates, other, hasText, agree, [.. digits], topText)
        {
            HasPrimaryReadings = primaries.Count > 0,
            ReadTwice = readTwice,
            NearlyTorn = nearlyTorn,
            ReadThreeWays = agree && readThreeWays,
            ReadSurely = hasText || candidates.Length > 0 && primaries.Any(p => p.Method is ReadingMethod.Cell or ReadingMethod.Strip or ReadingMethod.Template
                && p.Value == candidates[0].Scaled && p.RawConf > ReadTwiceConfidence),
            ReadValues = [.. primaries.Select(p => (p.Value, p.RawConf))],
        };
    }

    /// <summary>
    /// The cell read alone surely (<see cref="SureCell"/>), and the strip read the same value, if less surely: a clean scan's
    /// misprinted total 3 over four zeros (bench150 0043) read 3 at 0.97 by the cell and 0.36 by the strip.
    /// </summary>
    private const double SureCell = 0.95;

    private const double StripConfirmsASureCell = 0.3;

    /// <summary>A reading of the top value's negative at this confidence or more leaves its sign in doubt.</summary>
    private const double SignDoubt = 0.3;

    /// <summary>
    /// A choice this close to the cell's own score tears it nearly (<see cref="NearlyTorn"/>). A faint blurred 9 in a page of
    /// another digit font (`generate --count 40 --seed 4141 --classes hard --show-through mixed --latin-font mixed`, 0027), in a
    /// cell no sum checks, read 3 by the cell at 0.92 and the strip at 0.93, with a choice of 9 at 0.81: it passed as ok. Over
    /// the tables without sums of seven corpora (BENCH_SOLVER_DUMP of bench150, l21, n91, q93, s95, c31 and g41), cell and strip
    /// agreeing at 0.8 or more with such a choice were 46 cells, 5 of them wrong (3 for 4, 16 for 15, 4 for -6, 6 for 0, 3 for 9).
    /// </summary>
    private const double TornMargin = 0.15;

    /// <summary>
    /// A lone 1 the engine offers a 4 for at the same score or nearly is no torn glyph: over the readings of seven corpora (BENCH_SOLVER_DUMP
    /// of bench150, l21, n91, q93, s95, c31, g41), of 92 cells read 1 with a choice of 4 within 0.15 and at 0.5 or more, 91 were
    /// 1 and one a 0, none a 4 (a blurred 0 read 9 or 6 offers 0 as its choice, and is a 0 in every one of 107 such cells: the
    /// choice is no artefact there).
    /// </summary>
    private static readonly long OneScaled = ToScaled(1), FourScaled = ToScaled(4);

    /// <summary>A choice the engine scored under this is no rival, however weak the cell's own reading (a dash at 0.41 beside a 1 at 0.49).</summary>
    private const double RivalChoice = 0.5;

    /// <summary>A template or a zero's loops read at this or more is a witness the engine's two readings can echo against.</summary>
    private const double IndependentWitness = 0.5;

    private static bool IsLoneDigit(string text) => text.Trim() is [>= '0' and <= '9'];

    /// <summary>What each candidate costs an assignment, in nats (−ln of its probability), best first.</summary>
    public double[] CandidateNats() => Candidates.Select(x => -Math.Log(x.Probability)).ToArray();

    /// <summary>
    /// What a misprint costs: the top reading, printed wrong, at <paramref name="printedPenalty"/> nats more; impossible
    /// for a cell without readings or one a reviewer confirmed (no other value is possible).
    /// </summary>
    public double MisprintNats(double printedPenalty) =>
        HasCandidates && OtherProbability > 0 ? -Math.Log(Candidates[0].Probability) + printedPenalty : double.PositiveInfinity;

    /// <summary>Whether the cell can hold a value at all: whole where it counts, not negative where it cannot be.</summary>
    public bool CanHold(long scaled) => (!IsIntegral || scaled % Scale == 0) && (!IsNonNegative || scaled >= 0);

    public int IndexOf(long scaled)
    {
        for (var i = 0; i < Candidates.Length; i++)
        {
            if (Candidates[i].Scaled == scaled)
            {
                return i;
            }
        }
        return -1;
    }

    /// <summary>
    /// How likely "other" is to be exactly <paramref name="scaled"/>: the OCR's typical failure drops a digit
    /// ("34" read "4", "7" read ""), so a value one digit longer than a reading gets the larger share.
    /// </summary>
    public double OtherShare(long scaled)
    {
        if (!HasPrimaryReadings)
        {
            // Nothing was read: no value is more likely than another.
            return DroppedDigitShare;
        }
        var digits = DigitsOfScaled(scaled);
        foreach (var read in ReadDigits)
        {
            if (IsOneDigitDropped(digits, read))
            {
                return DroppedDigitShare;
            }
        }
        return GenericShare;
    }

    public const double DroppedDigitShare = 0.5;
    public const double GenericShare = 0.1;

    private static string DigitsOfScaled(long scaled)
    {
        var d = ToDecimal(Math.Abs(scaled));
        var s = d.ToString("0.####", System.Globalization.CultureInfo.InvariantCulture);
        return s.Replace(".", "", StringComparison.Ordinal);
    }

    private static bool IsOneDigitDropped(string full, string read)
    {
        if (full.Length != read.Length + 1)
        {
            return false;
        }
        for (var skip = 0; skip < full.Length; skip++)
        {
            var match = true;
            for (int i = 0, j = 0; i < full.Length; i++)
            {
                if (i == skip)
                {
                    continue;
                }
                if (full[i] != read[j++])
                {
                    match = false;
                    break;
                }
            }
            if (match)
            {
                return true;
            }
        }
        return false;
    }
}
