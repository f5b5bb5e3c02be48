using TableRecovery.Core.Grid;
using TableRecovery.Core.Interop;

namespace TableRecovery.Core.Ocr;

/// <summary>Tesseract page segmentation modes we use.</summary>
public enum PageSegmentation
{
    SingleBlock = 6,
    SingleLine = 7,
    SingleWord = 8,
    SingleCharacter = 10,
    SparseText = 11,
    /// <summary>The image is one line of text, fed to the line model as it is: no search for text lines or blobs.</summary>
    RawLine = 13,
}

/// <summary>A recognized symbol with the engine's alternatives (from lstm_choice_mode=2), best first.</summary>
public sealed record OcrSymbol(string Text, double Confidence, IReadOnlyList<(string Text, double Confidence)> Choices);

/// <summary>A recognized word: text, confidence 0..1, box in the recognized image, symbols.</summary>
public sealed record OcrWord(string Text, double Confidence, PixelRect Box, IReadOnlyList<OcrSymbol> Symbols);

/// <summary>
/// One Tesseract engine for one language and configuration. Not thread-safe: the pool hands each
/// worker slot its own (<see cref="EnginePool"/>).
/// </summary>
public sealed class OcrEngine : IDisposable
{
    private readonly TessApiHandle _api;
    private PageSegmentation? _mode;

    private OcrEngine(TessApiHandle api) => _api = api;

    /// <summary>The digits engine: eng model, whitelist of what a number cell can print, alternatives on.</summary>
    public static OcrEngine CreateDigits(string tessdataPath) => Create(tessdataPath, "eng", new()
    {
        // The space too: a font that prints the point a digit wide leaves a gap before the next digit (60485. 3), and
        // with no space to put there the engine read the number right at confidence 0; with one, two words at 0.96.
        ["tessedit_char_whitelist"] = "0123456789-.,/ ",
        ["lstm_choice_mode"] = "2",
        // Lower than the default 5 so that alternatives keep distinguishable confidences instead of 0.
        ["lstm_rating_coefficient"] = "2",
        [NoInvertedRetry] = "0",
    });

    /// <summary>The label engine: chi_sim model for row labels, headers and section headings.</summary>
    public static OcrEngine CreateLabels(string tessdataPath) => Create(tessdataPath, "chi_sim", new()
    {
        ["preserve_interword_spaces"] = "1",
    });

    /// <summary>
    /// Tesseract 5 reads a line a second time inverted (light on dark) when its confidence is low. Number crops are
    /// always dark on light paper, so on a noisy scan the second pass only costs: without it the number cells of 15
    /// requests tables took 664–723 ms instead of 966–983 (two alternating runs each), at the same accuracy. The label
    /// engine keeps it: on a table showing through from the back of the sheet, header cells the inverted pass read as
    /// garbage read as nothing without it, passed for blank numbers, and an appeals table was taken for a requests table.
    /// </summary>
    private const string NoInvertedRetry = "tessedit_do_invert";

    private static OcrEngine Create(string tessdataPath, string language, Dictionary<string, string> variables)
    {
        var api = Tesseract.TessBaseAPICreate();
        try
        {
            Tesseract.Init(api, tessdataPath, language);
            // Keeps Tesseract's per-image chatter ("Empty page!!", resolution warnings) off stderr.
            Tesseract.SetVariable(api, "debug_file", "/dev/null");
            foreach (var (name, value) in variables)
            {
                Tesseract.SetVariable(api, name, value);
            }
            return new OcrEngine(api);
        }
        catch
        {
            api.Dispose();
            throw;
        }
    }

    /// <summary>Recognizes an image (copied by Tesseract, so the caller keeps ownership) into words.</summary>
    public IReadOnlyList<OcrWord> Recognize(PixHandle image, PageSegmentation mode, bool withChoices = false)
    {
        if (_mode != mode)
        {
            Tesseract.TessBaseAPISetPageSegMode(_api, (int)mode);
            _mode = mode;
        }
        Tesseract.TessBaseAPISetImage2(_api, image);
        Tesseract.TessBaseAPISetSourceResolution(_api, 300);
        try
        {
            Tesseract.Recognize(_api);
            using var it = Tesseract.GetIterator(_api);
            return it is null ? [] : ReadWords(it, withChoices);
        }
        finally
        {
            Tesseract.TessBaseAPIClear(_api);
        }
    }

    private static List<OcrWord> ReadWords(TessResultIteratorHandle it, bool withChoices)
    {
        var words = new List<OcrWord>();
        List<OcrSymbol>? symbols = null;
        string? wordText = null;
        double wordConfidence = 0;
        var wordBox = default(PixelRect);
        do
        {
            if (Tesseract.IsAtBeginningOf(it, Tesseract.RIL_WORD))
            {
                if (wordText is not null) words.Add(new OcrWord(wordText, wordConfidence, wordBox, symbols!));
                wordText = Tesseract.Text(it, Tesseract.RIL_WORD).Trim();
                wordConfidence = Math.Clamp(Tesseract.Confidence(it, Tesseract.RIL_WORD) / 100.0, 0, 1);
                wordBox = Box(it, Tesseract.RIL_WORD);
                symbols = [];
            }
            if (withChoices && symbols is not null)
            {
                var text = Tesseract.Text(it, Tesseract.RIL_SYMBOL);
                var confidence = Math.Clamp(Tesseract.Confidence(it, Tesseract.RIL_SYMBOL) / 100.0, 0, 1);
                var choices = Tesseract.Choices(it).Select(c => (c.Text, Math.Clamp(c.Confidence / 100.0, 0, 1))).ToList();
                symbols.Add(new OcrSymbol(text, confidence, choices));
            }
        }
        while (Tesseract.Next(it, Tesseract.RIL_SYMBOL));
        if (wordText is not null) words.Add(new OcrWord(wordText, wordConfidence, wordBox, symbols!));
        return words.Where(w => w.Text.Length > 0).ToList();
    }

    private static PixelRect Box(TessResultIteratorHandle it, int level) =>
        Tesseract.BoundingBox(it, level, out var l, out var t, out var r, out var b) ? new PixelRect(l, t, r - l, b - t) : default;

    public void Dispose() => _api.Dispose();
}
