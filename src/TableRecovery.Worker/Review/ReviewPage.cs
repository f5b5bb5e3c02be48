namespace TableRecovery.Worker.Review;

/// <summary>
/// Serves the review page: plain HTML, CSS and JavaScript embedded in the assembly (no build step). The page holds
/// no data of its own; it signs in with a reviewer token and calls /api/v1/review like any client.
/// </summary>
public static class ReviewPage
{
    private static readonly Dictionary<string, string> Types = new(StringComparer.Ordinal)
    {
        ["index.html"] = "text/html; charset=utf-8",
        ["review.css"] = "text/css; charset=utf-8",
        ["review.js"] = "text/javascript; charset=utf-8",
    };

    // Scripts only from this origin and no inline script: text from uploads can never run, even if escaping failed.
    private const string ContentSecurityPolicy =
        "default-src 'self'; img-src 'self' blob:; script-src 'self'; style-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

    public static IEndpointRouteBuilder MapReviewPage(this IEndpointRouteBuilder app)
    {
        // Routing ignores a trailing slash, so /review and /review/ both give the page (its links are absolute).
        app.MapGet("/review/{file?}", (HttpContext context, string? file) =>
        {
            var name = string.IsNullOrEmpty(file) ? "index.html" : file;
            if (!Types.TryGetValue(name, out var type) || Read(name) is not { } bytes) return Results.NotFound();
            context.Response.Headers.ContentSecurityPolicy = ContentSecurityPolicy;
            context.Response.Headers.XContentTypeOptions = "nosniff";
            context.Response.Headers.CacheControl = "no-cache";
            return Results.Bytes(bytes, type);
        }).ExcludeFromDescription();
        return app;
    }

    private static byte[]? Read(string name)
    {
        using var stream = typeof(ReviewPage).Assembly.GetManifestResourceStream("review-page/" + name);
        if (stream is null) return null;
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
