namespace TableRecovery.Core.Review;

/// <summary>One thing a reviewer decided about a table, with who and when.</summary>
public abstract record ReviewAction(string Reviewer, DateTimeOffset At);

/// <summary>The cell holds <paramref name="Value"/> (typed, picked from the candidates, or the shown value accepted).</summary>
public sealed record ConfirmValue(string CellId, decimal Value, string Reviewer, DateTimeOffset At) : ReviewAction(Reviewer, At);

/// <summary>The print of the cell cannot be read in the source: its value stays empty on purpose.</summary>
public sealed record MarkUnreadable(string CellId, string Reviewer, DateTimeOffset At) : ReviewAction(Reviewer, At);

/// <summary>The printed table itself breaks this identity: keep the printed numbers, stop using it as a constraint.</summary>
public sealed record KeepAsPrinted(string IdentityName, string Reviewer, DateTimeOffset At) : ReviewAction(Reviewer, At);
