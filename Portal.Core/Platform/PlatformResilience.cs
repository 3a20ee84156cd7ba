using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Retry;

namespace Portal.Core.Platform;

/// <summary>
/// The retry and timeout pipeline of the platform's HttpClient.
/// <para>
/// Retried, with exponential backoff and jitter: connection failures, a try that ran past its own timeout,
/// HTTP 5xx, 408 and 429, and errcode −1 ("system busy"), which the platform answers as HTTP 200 with a
/// JSON body. Never retried: every other errcode. Those are the platform's business answers (40003 invalid
/// openid, 45015 window closed, 40037 unknown template…) and asking again gets the same answer.
/// </para>
/// <para>
/// Sends (customer-service and template messages) are not retried here at all; their callers mark them
/// with <see cref="PlatformHttp.SendOnce"/>. A −1 on a send means the platform did not deliver it, but a
/// send whose connection dropped or timed out after the request left may well have been delivered, and
/// retrying it within a second would show the follower the message twice. Sends go through the outbox,
/// which retries them later with its own backoff, counts the attempts and keeps the reason where the
/// admin pages show it; template sends also carry the outbox key as <c>client_msg_id</c>, which the
/// platform uses to drop a repeat. Reads, tokens and configuration writes (menu create replaces the whole
/// menu) are idempotent and retried here.
/// </para>
/// </summary>
public static class PlatformResilience
{
    public const string PipelineName = "wechat-platform";

    /// <summary>Adds the pipeline to the platform's named client.</summary>
    public static IHttpClientBuilder AddPlatformResilience(this IHttpClientBuilder builder)
    {
        // The pipeline's total timeout bounds each call; the client's own timeout would cut retries short.
        builder.ConfigureHttpClient(c => c.Timeout = Timeout.InfiniteTimeSpan);
        builder.AddResilienceHandler(PipelineName, (pipeline, context) =>
        {
            var options = context.ServiceProvider.GetRequiredService<IOptions<WeChatOptions>>().Value;
            pipeline.TimeProvider = context.ServiceProvider.GetRequiredService<TimeProvider>();
            pipeline.AddTimeout(options.ApiTotalTimeout);
            // Polly refuses a retry strategy of zero attempts, and WeChat:ApiRetries=0 is a valid choice
            // (no retries at all): then the strategy is left out rather than failing every call.
            if (options.ApiRetries > 0)
            {
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = options.ApiRetries,
                    Delay = options.ApiRetryDelay,
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    ShouldHandle = ShouldRetryAsync,
                });
            }
            pipeline.AddTimeout(options.ApiAttemptTimeout);
        });
        return builder;
    }

    private static async ValueTask<bool> ShouldRetryAsync(RetryPredicateArguments<HttpResponseMessage> args)
    {
        if (args.Context.GetRequestMessage() is { } request && request.Options.TryGetValue(PlatformHttp.SendOnceKey, out var once) && once)
            return false;
        if (HttpClientResiliencePredicates.IsTransient(args.Outcome))
            return true;
        return args.Outcome.Result is { IsSuccessStatusCode: true } response
            && await IsSystemBusyAsync(response, args.Context.CancellationToken).ConfigureAwait(false);
    }

    /// <summary>Whether a 200 answer is the platform's <c>{"errcode":-1}</c>. Buffers the body so the caller can still read it.</summary>
    internal static async Task<bool> IsSystemBusyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.Content.Headers.ContentType is not MediaTypeHeaderValue { MediaType: { } type } || !type.Contains("json", StringComparison.OrdinalIgnoreCase))
            return false;
        await response.Content.LoadIntoBufferAsync(ct).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(ct).ConfigureAwait(false);
        try
        {
            using var json = JsonDocument.Parse(body);
            return json.RootElement.ValueKind == JsonValueKind.Object
                && json.RootElement.TryGetProperty("errcode", out var code)
                && code.TryGetInt32(out var value)
                && WeChatErrorCodes.IsTransient(value);
        }
        catch (JsonException)
        {
            return false; // the caller reports the malformed body
        }
    }
}
