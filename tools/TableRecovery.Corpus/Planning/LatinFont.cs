namespace TableRecovery.Corpus.Planning;

/// <summary>Whether the images of a run print their digits in a Latin font of their own.</summary>
public enum LatinFontMode
{
    /// <summary>Digits in the CJK font's own glyphs; the corpus is what it was before Latin fonts existed.</summary>
    None,

    /// <summary>Every image prints digits, points and minus signs in a Latin font beside its CJK one.</summary>
    Mixed,
}
