using Portal.Core.Site;

namespace Portal.Web.Site;

/// <summary>
/// Counts a view of an article before the output cache answers, so views served from the cache count too:
/// in memory (<see cref="ReadCounts"/>, written once a second). The count the page shows may lag by up to
/// the cache's duration.
/// </summary>
public sealed class ArticleReadCounter(RequestDelegate next, ReadCounts counts)
{
    public const string ArticlePage = "/Site/Article";

    public async Task InvokeAsync(HttpContext context)
    {
        if (HttpMethods.IsGet(context.Request.Method)
            && context.GetRouteValue("page") as string == ArticlePage
            && long.TryParse(context.GetRouteValue("id") as string, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var id))
        {
            counts.Count(id);
        }
        await next(context);
    }
}
