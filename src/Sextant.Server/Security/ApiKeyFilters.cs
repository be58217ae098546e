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
            if (!keys.AdminEnabled)
            {
                return TypedResults.Problem(title: "Admin endpoints disabled", detail: "Set SEXTANT_ADMIN_KEYS (or ServerOptions.AdminKeys) to enable them.", statusCode: StatusCodes.Status403Forbidden);
            }

            if (!keys.IsAdminKey(context.HttpContext.Request.Headers[ApiKeys.Header]))
            {
                return Unauthorized("A valid admin X-API-Key header is required.");
            }

            return await next(context);
        });

    private static IResult Unauthorized(string detail) =>
        TypedResults.Problem(title: "Unauthorized", detail: detail, statusCode: StatusCodes.Status401Unauthorized);
}
