using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using TableRecovery.Worker.Hosting;

namespace TableRecovery.Worker.Api;

/// <summary>
/// Lets a request through only with a configured key in <c>X-Api-Key</c> (never anonymous: with no keys
/// configured, nothing gets in). The caller's client name goes into <see cref="HttpContext.Items"/>.
/// </summary>
public sealed class ApiKeyFilter(IOptionsMonitor<ApiOptions> options) : IEndpointFilter
{
    public const string Header = "X-Api-Key";
    private const string ClientItem = "tablerecovery.client";

    public static string ClientOf(HttpContext context) => (string)context.Items[ClientItem]!;

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var presented = http.Request.Headers[Header].ToString();
        var client = presented.Length == 0 ? null : Match(presented);
        if (client is null)
        {
            http.Response.Headers.WWWAuthenticate = $"ApiKey header=\"{Header}\"";
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: presented.Length == 0 ? "API key missing" : "API key not recognised",
                detail: $"Send a configured API key in the {Header} header.");
        }
        http.Items[ClientItem] = client;
        return await next(context);
    }

    private string? Match(string presented)
    {
        var given = Encoding.UTF8.GetBytes(presented);
        string? found = null;
        foreach (var (client, key) in options.CurrentValue.Keys)
        {
            // Compare every key in constant time, so timing tells nothing about which one nearly matched.
            if (CryptographicOperations.FixedTimeEquals(given, Encoding.UTF8.GetBytes(key))) found = client;
        }
        return found;
    }
}
