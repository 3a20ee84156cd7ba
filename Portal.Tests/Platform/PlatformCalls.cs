using Microsoft.Extensions.DependencyInjection;
using Portal.Core.Platform;
using Portal.Tests.Infrastructure;

namespace Portal.Tests.Platform;

/// <summary>Platform calls as Portal makes them: a client from the app's services, wrapped in the token broker.</summary>
internal static class PlatformCalls
{
    public static T Client<T>(this PortalAppFactory app) where T : notnull => app.Services.GetRequiredService<T>();

    public static Task<T> CallAsync<T>(this PortalAppFactory app, Func<string, CancellationToken, Task<T>> call) =>
        app.Client<AccessTokenBroker>().CallAsync(app.Services.DefaultAccount(), call);

    public static Task CallAsync(this PortalAppFactory app, Func<string, CancellationToken, Task> call) =>
        app.Client<AccessTokenBroker>().CallAsync(app.Services.DefaultAccount(), async (token, ct) =>
        {
            await call(token, ct);
            return true;
        });

    /// <summary>The platform's refusal of a call, which must come as a <see cref="WeChatApiException"/>.</summary>
    public static async Task<int> RefusalAsync(this PortalAppFactory app, Func<string, CancellationToken, Task> call) =>
        (await Assert.ThrowsAsync<WeChatApiException>(() => app.CallAsync(call))).ErrorCode;
}
