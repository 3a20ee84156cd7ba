using Microsoft.AspNetCore.Mvc.ViewFeatures;

namespace Portal.Web.Pages.Admin;

/// <summary>
/// What a change did, carried across the redirect to the page that shows it: the sentence the operator reads and a
/// stable code (<c>rule.created</c>, <c>followers.sync-started</c>) that the page writes beside it as
/// <c>data-code</c>. The sentence is for people and will be translated; tests and tools read the code.
/// </summary>
public static class PageOutcome
{
    public const string MessageKey = "Message";
    public const string CodeKey = "MessageCode";

    public static void Tell(this ITempDataDictionary tempData, string code, string message)
    {
        tempData[MessageKey] = message;
        tempData[CodeKey] = code;
    }
}
