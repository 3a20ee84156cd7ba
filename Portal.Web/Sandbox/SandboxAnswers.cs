namespace Portal.Web.Sandbox;

/// <summary>How the sandbox platform answers, shared by its endpoint files.</summary>
internal static class SandboxAnswers
{
    /// <summary>The platform answers errors with HTTP 200 and a JSON body.</summary>
    public static IResult Error(int code, string message) => Results.Json(new { errcode = code, errmsg = message });

    /// <summary>The answer for an access token <see cref="SandboxTokens.Check"/> refused with <paramref name="code"/>.</summary>
    public static IResult TokenRefused(int code) => Error(code, code switch
    {
        41001 => "access_token missing",
        42001 => "access_token expired",
        _ => "invalid credential, access_token is invalid or not latest",
    });
}
