namespace Sextant.Server.Security;

/// <summary>Endpoint filters that check <c>X-API-Key</c>: 401 when absent or wrong, 403 when admin endpoints are not enabled.</summary>
public static class ApiKeyFilters
{
    public static TBuilder RequirePredictionKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeys>();
            if (keys.PredictionRequiresKey && !keys.IsPredictionKey(context.HttpContext.Request.Headers[ApiKeys.Header]))
            {
                return Unauthorized("A valid X-API-Key header is required for predictions.");
            }

            return await next(context);
        });

    public static TBuilder RequireAdminKey<TBuilder>(this TBuilder builder)
        where TBuilder : IEndpointConventionBuilder =>
        builder.AddEndpointFilter(async (context, next) =>
        {
            var keys = context.HttpContext.RequestServices.GetRequiredService<ApiKeys>();
            if (AdminRefusal(keys, context.HttpContext.Request.Headers[ApiKeys.Header]) is { } refusal)
            {
                return TypedResults.Problem(title: refusal.Title, detail: refusal.Detail, statusCode: refusal.Status);
            }

            return await next(context);
        });

    /// <summary>Why an admin action is refused with this key (403 when admin is off, 401 for a missing or wrong key); null when allowed.</summary>
    internal static (int Status, string Title, string Detail)? AdminRefusal(ApiKeys keys, string? key) =>
        !keys.AdminEnabled ? (StatusCodes.Status403Forbidden, "Admin endpoints disabled", "Set SEXTANT_ADMIN_KEYS (or ServerOptions.AdminKeys) to enable them.")
        : !keys.IsAdminKey(key) ? (StatusCodes.Status401Unauthorized, "Unauthorized", "A valid admin key is required: the X-API-Key header, or the admin key field of the dashboard's forms.")
        : null;

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
