using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Api;

/// <summary>
/// Lets a review request through only with a configured reviewer token in <c>Authorization: Bearer …</c> (never
/// anonymous: with no reviewers configured nobody gets in). The reviewer's name goes into <see cref="HttpContext.Items"/>.
/// </summary>
public sealed class ReviewerFilter(IOptionsMonitor<ReviewOptions> options) : IEndpointFilter
{
    private const string ReviewerItem = "tablerecovery.reviewer";
    private const string Scheme = "Bearer ";

    public static string ReviewerOf(HttpContext context) => (string)context.Items[ReviewerItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var header = http.Request.Headers.Authorization.ToString();
        var token = header.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase) ? header[Scheme.Length..].Trim() : "";
        var reviewer = token.Length == 0 ? null : Match(token);
        if (reviewer is null)
        {
            http.Response.Headers.WWWAuthenticate = "Bearer realm=\"review\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: token.Length == 0 ? "Sign-in required" : "Reviewer token not recognised",
                detail: "Send your reviewer token (configuration Review:Reviewers:<name>) as 'Authorization: Bearer <token>'.");
        }
        http.Items[ReviewerItem] = reviewer;
        return await next(context);
    }

    private string? Match(string presented)
    {
        var given = Encoding.UTF8.GetBytes(presented);
        string? found = null;
        foreach (var (reviewer, token) in options.CurrentValue.Reviewers)
        {
            // Every token is compared in constant time, so timing tells nothing about which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(token))) found = reviewer;
        }
        return found;
    }
}
