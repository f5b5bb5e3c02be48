using Microsoft.Extensions.Options;

namespace TableRecovery.Worker.Hosting;

/// <summary>The review page and its API (section <c>Review</c>).</summary>
public sealed class ReviewOptions
{
    public const string Section = "Review";

    /// <summary>Sign-in tokens by reviewer name; the name is what the audit records. No reviewers, no review.</summary>
    public Dictionary<string, string> Reviewers { get; set; } = [];

    /// <summary>How long a reviewer holds a table without a decision before another reviewer may take it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(15);
}

internal sealed class ReviewOptionsValidator : IValidateOptions<ReviewOptions>
{
    public ValidateOptionsResult Validate(string? name, ReviewOptions o)
    {
        var errors = new List<string>();
        if (o.LeaseDuration < TimeSpan.FromSeconds(10)) errors.Add("Review:LeaseDuration must be at least 10 seconds.");
        foreach (var (reviewer, token) in o.Reviewers)
        {
            if (token.Length < 16) errors.Add($"Review:Reviewers:{reviewer} must be a token of at least 16 characters.");
            if (reviewer.Length is 0 or > 64) errors.Add($"Review:Reviewers: a reviewer name has 1 to 64 characters ('{reviewer}').");
        }
        if (o.Reviewers.Values.Distinct(StringComparer.Ordinal).Count() != o.Reviewers.Count)
        {
            errors.Add("Review:Reviewers: two reviewers share a token; each needs their own, so the audit knows who decided.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
