using System.Globalization;
using Microsoft.AspNetCore.Http.Extensions;

namespace Sextant.Server.Ui;

/// <summary>
/// What the monitoring page checks, in the words of <c>GET /monitoring/drift</c> (<c>version</c> or <c>alias</c>,
/// <c>since</c>, <c>until</c>, <c>last</c>; blank means the served version and the configured window), and whether
/// resolved alerts are listed too.
/// </summary>
public sealed record MonitoringQuery(int? Version, string? Alias, string? Since, string? Until, int? Last, bool ShowResolved)
{
    /// <summary>The query string of this view (empty when everything is the default), e.g. <c>?alias=prod&amp;last=500</c>.</summary>
    public string ToQueryString() => ToQueryString(ShowResolved);

    /// <summary>The same view with resolved alerts shown or hidden.</summary>
    public string ToQueryString(bool showResolved)
    {
        var query = new QueryBuilder();
        Add("version", Version?.ToString(CultureInfo.InvariantCulture));
        Add("alias", Alias);
        Add("since", Since);
        Add("until", Until);
        Add("last", Last?.ToString(CultureInfo.InvariantCulture));
        Add("all", showResolved ? "true" : null);
        return query.ToQueryString().Value ?? "";

        void Add(string name, string? value)
        {
            if (!string.IsNullOrWhiteSpace(value))
            {
                query.Add(name, value.Trim());
            }
        }
    }
}
